import { describe, expect, it } from 'vitest';
import type { MapMarkers } from '../../../shared/schemas/dispatch.js';
import { dominantColour, mixGradient, priorityColours } from './colours.js';
import { buildMarkerIndex, isCluster, mixOfCluster } from './marker-index.js';

function markers(count: number, spread = 0.01): MapMarkers {
  const set: MapMarkers = { ids: [], lat: [], lng: [], priority: [], bucket: [], status: [], assignedCollectorId: [], truncated: false };
  for (let i = 0; i < count; i++) {
    set.ids.push(`case-${i}`);
    set.lat.push(41.8 + ((i * 7919) % 1000) * (spread / 1000));
    set.lng.push(123.4 + ((i * 104_729) % 1000) * (spread / 1000));
    set.priority.push((i % 5) + 1);
    set.bucket.push(['M1', 'M2', 'M3+'][i % 3] ?? 'M1');
    set.status.push('received');
    set.assignedCollectorId.push(null);
  }
  return set;
}

const world: [number, number, number, number] = [-180, -85, 180, 85];

describe('the map’s clustering index', () => {
  it('clusters 20,000 cases from parallel arrays and keeps every case in some cluster', () => {
    const set = markers(20_000);
    const index = buildMarkerIndex(set);
    const features = index.getClusters(world, 10);
    const total = features.reduce((sum, f) => sum + (isCluster(f) ? f.properties.point_count : 1), 0);
    expect(total).toBe(20_000);
    expect(features.length).toBeLessThan(50);
  });

  it('sums the priorities and buckets of a cluster’s cases', () => {
    const set = markers(10, 0.0001);
    const [cluster] = buildMarkerIndex(set).getClusters(world, 5);
    expect(cluster && isCluster(cluster)).toBe(true);
    const mix = mixOfCluster(cluster!, set);
    expect(mix.priorities).toEqual([2, 2, 2, 2, 2]);
    expect(mix.buckets).toEqual([4, 3, 3]);
    expect(dominantColour('priority', mix)).toBe(priorityColours[4]);
    expect(mixGradient('priority', mix)).toMatch(/^conic-gradient\(#dc2626 0\.0% 20\.0%/);
  });

  it('indexes only the cases a filter keeps, and singles point back into the arrays', () => {
    const set = markers(30, 1);
    const index = buildMarkerIndex(set, (i) => set.bucket[i] === 'M2');
    const singles = index.getClusters(world, 16);
    const kept = singles.flatMap((f) => (isCluster(f) ? index.getLeaves(f.properties.cluster_id, Infinity) : [f]));
    expect(kept).toHaveLength(10);
    for (const feature of kept) expect(set.bucket[feature.properties.i]).toBe('M2');
  });
});
