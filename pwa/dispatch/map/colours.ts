// Colours of the map: cases by priority or bucket (with the legend's order), and one colour per collector.
import { buckets } from '../../../shared/cases.js';
import type { MarkerMix } from './marker-index.js';

export type ColourBy = 'priority' | 'bucket';

/** Priority 1 (lowest) to 5 (highest): cool to hot, distinguishable in greyscale too. */
export const priorityColours = ['#94a3b8', '#38bdf8', '#2563eb', '#f59e0b', '#dc2626'] as const;
/** M1, M2, M3+. */
export const bucketColours = ['#eab308', '#f97316', '#b91c1c'] as const;

export function caseColour(by: ColourBy, priority: number, bucket: number): string {
  if (by === 'bucket') return bucketColours[Math.min(bucketColours.length - 1, Math.max(0, bucket))] ?? bucketColours[0];
  return priorityColours[Math.min(5, Math.max(1, Math.round(priority))) - 1] ?? priorityColours[2];
}

/** The legend's entries, highest first for priorities, in bucket order for buckets. */
export function legendEntries(by: ColourBy): { key: string; colour: string }[] {
  if (by === 'bucket') return buckets.map((bucket, i) => ({ key: bucket, colour: bucketColours[i] ?? bucketColours[0] }));
  return [5, 4, 3, 2, 1].map((priority) => ({ key: String(priority), colour: priorityColours[priority - 1] ?? priorityColours[2] }));
}

/**
 * A cluster's ring: a conic gradient with one slice per priority (highest first) or bucket, in
 * proportion to its cases, so a bubble says at a glance how urgent its cases are.
 */
export function mixGradient(by: ColourBy, mix: MarkerMix): string {
  const counts = by === 'bucket' ? mix.buckets : [...mix.priorities].reverse();
  const colours: readonly string[] = by === 'bucket' ? bucketColours : [...priorityColours].reverse();
  const total = counts.reduce((sum, n) => sum + n, 0) || 1;
  const stops: string[] = [];
  let at = 0;
  counts.forEach((count, k) => {
    if (count === 0) return;
    const end = at + (count / total) * 100;
    stops.push(`${colours[k] ?? '#64748b'} ${at.toFixed(1)}% ${end.toFixed(1)}%`);
    at = end;
  });
  return `conic-gradient(${stops.join(', ')})`;
}

/** The colour a cluster is outlined in: its highest priority, or its most common bucket. */
export function dominantColour(by: ColourBy, mix: MarkerMix): string {
  if (by === 'bucket') {
    let best = 0;
    mix.buckets.forEach((count, k) => {
      if (count > (mix.buckets[best] ?? 0)) best = k;
    });
    return caseColour('bucket', 3, best);
  }
  for (let p = 5; p >= 1; p--) if ((mix.priorities[p - 1] ?? 0) > 0) return caseColour('priority', p, 0);
  return caseColour('priority', 3, 0);
}

/** One colour per collector on the map and in the timeline, distinct for the first twelve. */
export const collectorPalette = [
  '#2563eb',
  '#db2777',
  '#059669',
  '#d97706',
  '#7c3aed',
  '#0891b2',
  '#dc2626',
  '#65a30d',
  '#c026d3',
  '#0d9488',
  '#ea580c',
  '#4f46e5',
] as const;

export function collectorColour(position: number): string {
  return (
    collectorPalette[((position % collectorPalette.length) + collectorPalette.length) % collectorPalette.length] ?? collectorPalette[0]
  );
}
