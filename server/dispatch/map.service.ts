import type { MapMarkers, MapMarkersQuery } from '../../shared/schemas/dispatch.js';
import type { Database } from '../db/client.js';
import { markersIn } from './map.repository.js';

/** `team`: a team-restricted viewer sees unassigned cases and their own team's. */
export async function mapMarkersIn(db: Database, query: MapMarkersQuery, team: string | null): Promise<MapMarkers> {
  const { limit, ...filters } = query;
  const rows = await markersIn(db, filters, limit, team);
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
