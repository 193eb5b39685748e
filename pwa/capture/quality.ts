// How hard to compress a photo. The budget: a day's 90 photos must cross a 3G link of 250 kbit/s in
// under 8 minutes, i.e. 250_000 / 8 × 480 s / 90 ≈ 166 KB per photo; we aim a little lower.

export const photoBudget = {
  targetBytes: 150_000,
  maxBytes: Math.floor(((250_000 / 8) * 8 * 60) / 90),
};

/** Descending JPEG qualities; below 0.4 block artefacts make faces and documents hard to read. */
export const qualitySteps = [0.8, 0.7, 0.6, 0.5, 0.4] as const;

/** When even the lowest quality is too big (a very busy scene), a smaller picture beats a worse one. */
export const fallbackLongEdge = 1280;

const maxAttempts = 6;

export interface EncodeAttempt {
  quality: number;
  longEdge: number;
  bytes: number;
}

export interface EncodePlan {
  quality: number;
  longEdge: number;
}

/** The next encoding to try after `attempts`, or null to keep the best one made so far. */
export function nextEncode(attempts: readonly EncodeAttempt[], longEdge: number): EncodePlan | null {
  const last = attempts.at(-1);
  if (!last) return { quality: qualitySteps[0], longEdge };
  if (last.bytes <= photoBudget.maxBytes || attempts.length >= maxAttempts) return null;
  const index = qualitySteps.findIndex((quality) => quality === last.quality);
  // Far over budget: two steps at once, so most photos take two or three encodings.
  const next = index + (last.bytes > 2 * photoBudget.targetBytes ? 2 : 1);
  const quality = qualitySteps[next];
  if (index >= 0 && quality !== undefined) return { quality, longEdge: last.longEdge };
  if (last.longEdge > fallbackLongEdge) return { quality: 0.6, longEdge: fallbackLongEdge };
  return null;
}

/** The attempt to keep: the first within budget, else the smallest. */
export function bestAttempt<T extends EncodeAttempt>(attempts: readonly T[]): T | undefined {
  return attempts.find((attempt) => attempt.bytes <= photoBudget.maxBytes) ?? [...attempts].sort((a, b) => a.bytes - b.bytes)[0];
}
