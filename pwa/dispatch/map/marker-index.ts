// The map's clustering index, built from the markers' parallel arrays (supercluster on a kd-tree).
// Clusters carry how many of their cases are at each priority and in each bucket, so a bubble can
// show its make-up without looking at its leaves.
import Supercluster, { type ClusterFeature, type PointFeature } from 'supercluster';
import { buckets, type Bucket } from '../../../shared/cases.js';
import type { MapMarkers } from '../../../shared/schemas/dispatch.js';

/** A single case's properties in the index: its position in the parallel arrays. */
export type MarkerPoint = { i: number };

/** Counts per priority 1..5 (index 0..4) and per bucket (in `buckets` order). */
export type MarkerMix = { priorities: number[]; buckets: number[] };

export type MarkerIndex = Supercluster<MarkerPoint, MarkerMix>;
export type MarkerFeature = PointFeature<MarkerPoint> | ClusterFeature<MarkerMix>;

export function bucketIndex(bucket: string): number {
  const found = buckets.indexOf(bucket as Bucket);
  return found === -1 ? buckets.length - 1 : found;
}

function mixOf(markers: MapMarkers, i: number): MarkerMix {
  const priorities = [0, 0, 0, 0, 0];
  const priority = Math.min(5, Math.max(1, Math.round(markers.priority[i] ?? 3)));
  priorities[priority - 1] = 1;
  const counts = buckets.map(() => 0);
  counts[bucketIndex(markers.bucket[i] ?? 'M1')] = 1;
  return { priorities, buckets: counts };
}

/**
 * Indexes the markers that `keep` accepts (all when absent). Points are GeoJSON features whose only
 * property is the array position, so 20,000 cases cost one small object each.
 */
export function buildMarkerIndex(
  markers: MapMarkers,
  keep?: (i: number) => boolean,
  options: { radius?: number; maxZoom?: number } = {},
): MarkerIndex {
  const index: MarkerIndex = new Supercluster<MarkerPoint, MarkerMix>({
    radius: options.radius ?? 56,
    maxZoom: options.maxZoom ?? 16,
    minPoints: 3,
    map: (props) => mixOf(markers, props.i),
    reduce: (total, add) => {
      for (let k = 0; k < total.priorities.length; k++) total.priorities[k] = (total.priorities[k] ?? 0) + (add.priorities[k] ?? 0);
      for (let k = 0; k < total.buckets.length; k++) total.buckets[k] = (total.buckets[k] ?? 0) + (add.buckets[k] ?? 0);
    },
  });
  const points: PointFeature<MarkerPoint>[] = [];
  for (let i = 0; i < markers.ids.length; i++) {
    if (keep && !keep(i)) continue;
    points.push({
      type: 'Feature',
      properties: { i },
      geometry: { type: 'Point', coordinates: [markers.lng[i] ?? 0, markers.lat[i] ?? 0] },
    });
  }
  index.load(points);
  return index;
}

export function isCluster(feature: MarkerFeature): feature is ClusterFeature<MarkerMix> {
  return 'cluster' in feature.properties && feature.properties.cluster === true;
}

/** What a single case's marker (or a cluster of one) represents in the parallel arrays. */
export function mixOfCluster(feature: MarkerFeature, markers: MapMarkers): MarkerMix {
  return isCluster(feature)
    ? { priorities: feature.properties.priorities, buckets: feature.properties.buckets }
    : mixOf(markers, feature.properties.i);
}

/** An empty marker set, for before the first answer. */
export const noMarkers: MapMarkers = {
  ids: [],
  lat: [],
  lng: [],
  priority: [],
  bucket: [],
  status: [],
  assignedCollectorId: [],
  truncated: false,
};
