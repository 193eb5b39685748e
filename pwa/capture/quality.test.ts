import { describe, expect, it } from 'vitest';
import { bestAttempt, fallbackLongEdge, nextEncode, photoBudget, type EncodeAttempt } from './quality.js';
import { fitWithin, maxLongEdge } from './resize.js';

describe('photo size budget', () => {
  it('lets a day of 90 photos cross 250 kbit/s in under 8 minutes', () => {
    const seconds = (90 * photoBudget.maxBytes * 8) / 250_000;
    expect(seconds).toBeLessThanOrEqual(8 * 60);
    expect(photoBudget.targetBytes).toBeLessThan(photoBudget.maxBytes);
  });
});

describe('resize', () => {
  it('brings the long edge to 1600 px keeping proportions', () => {
    expect(fitWithin({ width: 4000, height: 3000 })).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin({ width: 3024, height: 4032 })).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin({ width: 4000, height: 1800 })).toEqual({ width: 1600, height: 720 });
  });

  it('never enlarges a small photo', () => {
    expect(fitWithin({ width: 800, height: 600 })).toEqual({ width: 800, height: 600 });
    expect(maxLongEdge).toBe(1600);
  });
});

describe('quality stepping', () => {
  const run = (sizes: (plan: { quality: number; longEdge: number }) => number) => {
    const attempts: EncodeAttempt[] = [];
    for (let plan = nextEncode(attempts, 1600); plan; plan = nextEncode(attempts, 1600)) {
      attempts.push({ ...plan, bytes: sizes(plan) });
    }
    return attempts;
  };

  it('keeps the first encoding when it is within budget', () => {
    const attempts = run(() => 120_000);
    expect(attempts.map((a) => a.quality)).toEqual([0.8]);
    expect(bestAttempt(attempts)?.bytes).toBe(120_000);
  });

  it('steps down one notch when a little over, two when far over', () => {
    expect(run(({ quality }) => (quality >= 0.7 ? 200_000 : 140_000)).map((a) => a.quality)).toEqual([0.8, 0.7, 0.6]);
    expect(run(({ quality }) => (quality >= 0.8 ? 420_000 : 160_000)).map((a) => a.quality)).toEqual([0.8, 0.6]);
  });

  it('shrinks the picture when even the lowest quality is too big, and stops after six encodings at most', () => {
    const attempts = run(({ quality, longEdge }) => (longEdge === 1600 ? 700_000 * quality : 150_000));
    expect(attempts.map((a) => [a.quality, a.longEdge])).toEqual([
      [0.8, 1600],
      [0.6, 1600],
      [0.4, 1600],
      [0.6, fallbackLongEdge],
    ]);
    expect(bestAttempt(attempts)).toMatchObject({ longEdge: fallbackLongEdge, bytes: 150_000 });

    const hopeless = run(() => 900_000);
    expect(hopeless.length).toBeLessThanOrEqual(6);
    expect(bestAttempt(hopeless)?.bytes).toBe(900_000);
  });
});
