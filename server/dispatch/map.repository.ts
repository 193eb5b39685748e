import { and, desc, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { cases } from '../db/schema/index.js';
import { casesOfTeam } from './team.repository.js';

/** Only what a map marker needs, inside a box, most urgent first (only what `team` may see when set); uses the GiST index on point(lng, lat). */
export async function markersIn(db: Executor, box: { minLng: number; minLat: number; maxLng: number; maxLat: number }, limit: number, team: string | null = null) {
  return db
    .select({ id: cases.id, lat: cases.lat, lng: cases.lng, priority: cases.priority, bucket: cases.bucket, status: cases.status, assignedCollectorId: cases.assignedCollectorId })
    .from(cases)
    .where(
      and(
        sql`${cases.status} in ('received', 'assigned', 'visited')`,
        sql`point(${cases.lng}, ${cases.lat}) <@ box(point(${box.minLng}, ${box.minLat}), point(${box.maxLng}, ${box.maxLat}))`,
        casesOfTeam(team),
      ),
    )
    .orderBy(desc(cases.priority))
    .limit(limit + 1);
}
