// The planner's progress as a small line: best served share (or travel) against elapsed time, as SVG points.
export interface ProgressPoint {
  elapsedMs: number;
  servedValuePct: number;
  travelSeconds: number;
}

/** An SVG polyline's points for one measure, scaled into width × height (y grows downwards). */
export function sparklinePoints(
  points: readonly ProgressPoint[],
  measure: 'servedValuePct' | 'travelSeconds',
  size: { width: number; height: number; durationMs: number },
): string {
  if (points.length === 0) return '';
  const values = points.map((p) => p[measure]);
  const min = measure === 'servedValuePct' ? 0 : Math.min(...values);
  const max = measure === 'servedValuePct' ? 100 : Math.max(...values);
  const span = max - min;
  const duration = Math.max(size.durationMs, points[points.length - 1]?.elapsedMs ?? 0, 1);
  return points
    .map((p) => {
      const x = (p.elapsedMs / duration) * size.width;
      // A measure that has not changed yet runs along the middle.
      const y = span === 0 ? size.height / 2 : size.height - ((p[measure] - min) / span) * size.height;
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
}
