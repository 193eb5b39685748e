// Draws the watermark band onto a resized photo, on a canvas or an OffscreenCanvas alike.
import type { WatermarkText } from './watermark.js';

export type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

// Fonts the phones have: PingFang (iOS), Noto/Source Han (Android, Linux), YaHei (Windows).
const fontStack =
  '"PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif';

/** Sizes follow the photo's short edge, so the stamp reads the same on a portrait or a landscape photo. */
export function watermarkMetrics(width: number, height: number) {
  const base = Math.max(14, Math.round(Math.min(width, height) * 0.03));
  const padding = Math.round(base * 0.8);
  const timeSize = Math.round(base * 2.2);
  const lineHeight = Math.round(base * 1.45);
  const bandHeight = padding * 2 + Math.round(timeSize * 1.1) + lineHeight * 2;
  return { base, padding, timeSize, lineHeight, bandHeight };
}

export function drawWatermark(context: Context2D, width: number, height: number, text: WatermarkText): void {
  const { base, padding, timeSize, lineHeight, bandHeight } = watermarkMetrics(width, height);
  const top = height - bandHeight;
  context.save();
  context.fillStyle = 'rgba(0, 0, 0, 0.45)';
  context.fillRect(0, top, width, bandHeight);

  // The cameras' accent bar beside the clock.
  const accentWidth = Math.max(3, Math.round(base * 0.22));
  context.fillStyle = '#f5b014';
  context.fillRect(padding, top + padding, accentWidth, Math.round(timeSize * 1.05));

  context.fillStyle = '#ffffff';
  context.textBaseline = 'top';
  context.shadowColor = 'rgba(0, 0, 0, 0.6)';
  context.shadowBlur = Math.round(base * 0.15);
  const left = padding + accentWidth + Math.round(base * 0.5);
  const maxWidth = width - left - padding;

  context.font = `700 ${timeSize}px ${fontStack}`;
  context.fillText(text.time, left, top + padding, maxWidth);
  const timeWidth = Math.min(context.measureText(text.time).width, maxWidth);

  context.font = `500 ${base}px ${fontStack}`;
  const dateLeft = left + timeWidth + base;
  context.fillText(text.date, dateLeft, top + padding + Math.round(timeSize * 0.55) - Math.round(base * 0.5), width - dateLeft - padding);

  let y = top + padding + Math.round(timeSize * 1.1) + Math.round(base * 0.2);
  for (const line of text.lines) {
    // maxWidth squeezes a long case number or name instead of cutting it off.
    context.fillText(line, padding, y, width - padding * 2);
    y += lineHeight;
  }
  context.restore();
}
