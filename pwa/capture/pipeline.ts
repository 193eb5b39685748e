// One photo from camera file to upload-ready JPEG bytes: decode (EXIF orientation applied), resize,
// watermark, compress to the budget, hash. Runs in the photo worker, or on the main thread as a fallback.
import { sha256Hex } from '../sync/sha256.js';
import { bestAttempt, nextEncode, type EncodeAttempt } from './quality.js';
import { fitWithin, maxLongEdge } from './resize.js';
import { drawWatermark, type Context2D } from './watermark-draw.js';
import { watermarkText, type PhotoStamp } from './watermark.js';

export interface PreparedPhoto {
  /** Backed by its own ArrayBuffer: IndexedDB keeps bytes reliably where Safari loses Blobs. */
  bytes: Uint8Array<ArrayBuffer>;
  sha256: string;
  contentType: 'image/jpeg';
  width: number;
  height: number;
  takenAt: string;
}

export interface Surface {
  context: Context2D;
  toJpeg(quality: number): Promise<Blob>;
}

export type SurfaceFactory = (width: number, height: number) => Surface;

interface Rendered {
  longEdge: number;
  width: number;
  height: number;
  value: Surface;
}

interface Encoded extends EncodeAttempt {
  blob: Blob;
  width: number;
  height: number;
}

export async function preparePhotoWith(
  file: Blob,
  stamp: PhotoStamp,
  takenAt: string,
  makeSurface: SurfaceFactory,
): Promise<PreparedPhoto> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const attempts: Encoded[] = [];
  try {
    const text = watermarkText(stamp, takenAt);
    // Assigned inside the loop; the cast keeps the compiler from narrowing it to null for good.
    let surface = null as Rendered | null;
    for (let plan = nextEncode(attempts, maxLongEdge); plan; plan = nextEncode(attempts, maxLongEdge)) {
      if (surface?.longEdge !== plan.longEdge) {
        const size = fitWithin(bitmap, plan.longEdge);
        const value = makeSurface(size.width, size.height);
        value.context.imageSmoothingEnabled = true;
        value.context.imageSmoothingQuality = 'high';
        value.context.drawImage(bitmap, 0, 0, size.width, size.height);
        // Stamped after resizing, so the text is sharp at the size people will see.
        drawWatermark(value.context, size.width, size.height, text);
        surface = { longEdge: plan.longEdge, ...size, value };
      }
      const blob = await surface.value.toJpeg(plan.quality);
      attempts.push({ ...plan, bytes: blob.size, blob, width: surface.width, height: surface.height });
    }
  } finally {
    bitmap.close();
  }
  const best = bestAttempt(attempts);
  if (!best) throw new Error('The photo could not be encoded.');
  const bytes = new Uint8Array(await best.blob.arrayBuffer());
  return { bytes, sha256: await sha256Hex(bytes), contentType: 'image/jpeg', width: best.width, height: best.height, takenAt };
}

export function offscreenSurface(width: number, height: number): Surface {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No 2D context on OffscreenCanvas.');
  return { context, toJpeg: (quality) => canvas.convertToBlob({ type: 'image/jpeg', quality }) };
}

export function documentSurface(width: number, height: number): Surface {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No 2D context on canvas.');
  return {
    context,
    toJpeg: (quality) =>
      new Promise((resolve, reject) =>
        canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The photo could not be encoded.'))), 'image/jpeg', quality),
      ),
  };
}
