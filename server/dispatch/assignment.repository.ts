import { inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { cases } from '../db/schema/index.js';

export async function assignCases(db: Executor, caseIds: string[], collectorId: string): Promise<void> {
  if (caseIds.length === 0) return;
  await db
    .update(cases)
    .set({ assignedCollectorId: collectorId, assignedAt: sql`now()`, status: 'assigned', updatedAt: sql`now()` })
    .where(inArray(cases.id, caseIds));
}

export async function unassignCases(db: Executor, caseIds: string[]): Promise<void> {
  if (caseIds.length === 0) return;
  await db
    .update(cases)
    .set({ assignedCollectorId: null, assignedAt: null, status: 'received', updatedAt: sql`now()` })
    .where(inArray(cases.id, caseIds));
}
