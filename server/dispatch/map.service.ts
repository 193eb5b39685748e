import type { MapMarkers } from '../../shared/schemas/dispatch.js';
import type { Database } from '../db/client.js';
import { DomainError } from '../http/errors.js';
import { markersIn } from './map.repository.js';

/** `team`: a team-restricted viewer sees unassigned cases and their own team's. */
export async function mapMarkersIn(db: Database, bbox: string, limit: number, team: string | null): Promise<MapMarkers> {
  const [minLng, minLat, maxLng, maxLat] = bbox.split(',').map(Number) as [number, number, number, number];
  if (!(minLat >= -90 && maxLat <= 90 && minLng >= -180 && maxLng <= 180 && minLat <= maxLat && minLng <= maxLng)) {
    throw new DomainError(400, 'bbox must be minLng,minLat,maxLng,maxLat within the world');
  }
  const rows = await markersIn(db, { minLng, minLat, maxLng, maxLat }, limit, team);
  const shown = rows.slice(0, limit);
  return {
    ids: shown.map((r) => r.id),
    lat: shown.map((r) => r.lat),
    lng: shown.map((r) => r.lng),
    priority: shown.map((r) => r.priority),
    bucket: shown.map((r) => r.bucket),
    status: shown.map((r) => r.status),
    assignedCollectorId: shown.map((r) => r.assignedCollectorId),
    truncated: rows.length > limit,
  };
}
