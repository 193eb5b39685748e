import { and, desc, sql } from 'drizzle-orm';
import type { CaseFilterQuery } from '../../shared/schemas/cases.js';
import type { Executor } from '../db/client.js';
import { filterConditions } from '../cases/cases.repository.js';
import { cases } from '../db/schema/index.js';
import { casesOfTeam } from './team.repository.js';

/**
 * Only what a map marker needs, for the open cases inside a box that pass the case table's filters,
 * most urgent first (only what `team` may see when set); the box uses the GiST index on point(lng, lat).
 */
export async function markersIn(db: Executor, filters: CaseFilterQuery & Required<Pick<CaseFilterQuery, 'bbox'>>, limit: number, team: string | null = null) {
  return db
    .select({ id: cases.id, lat: cases.lat, lng: cases.lng, priority: cases.priority, bucket: cases.bucket, status: cases.status, assignedCollectorId: cases.assignedCollectorId })
    .from(cases)
    .where(and(sql`${cases.status} in ('received', 'assigned', 'visited')`, ...filterConditions(filters), casesOfTeam(team)))
    .orderBy(desc(cases.priority))
    .limit(limit + 1);
}
