// Photo dimensions after resizing: the long edge at most `maxLongEdge`, proportions kept, never enlarged.

export const maxLongEdge = 1600;

export interface Size {
  width: number;
  height: number;
}

export function fitWithin(size: Size, longEdge: number = maxLongEdge): Size {
  const scale = Math.min(1, longEdge / Math.max(size.width, size.height));
  return {
    width: Math.max(1, Math.round(size.width * scale)),
    height: Math.max(1, Math.round(size.height * scale)),
  };
}
