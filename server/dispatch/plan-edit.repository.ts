import { asc, eq, inArray } from 'drizzle-orm';
import type { PlanView } from '../../shared/schemas/dispatch.js';
import type { Executor } from '../db/client.js';
import { caseAddresses, cases, creditors, plans } from '../db/schema/index.js';

/** The draft, locked until the edit commits: two dispatchers' edits apply one after the other. */
export async function lockPlan(db: Executor, id: string) {
  const [row] = await db.select().from(plans).where(eq(plans.id, id)).for('update').limit(1);
  return row;
}

export async function savePlanView(db: Executor, id: string, view: PlanView): Promise<void> {
  await db.update(plans).set({ view }).where(eq(plans.id, id));
}

/** What an edit needs of the plan's cases: their value, state and the creditor's visiting hours. */
export async function planCaseTerms(db: Executor, caseIds: readonly string[]) {
  if (caseIds.length === 0) return [];
  return db
    .select({
      id: cases.id,
      debtorName: cases.debtorName,
      status: cases.status,
      priority: cases.priority,
      totalOutstanding: cases.totalOutstanding,
      visitingHoursStart: creditors.visitingHoursStart,
      visitingHoursEnd: creditors.visitingHoursEnd,
    })
    .from(cases)
    .innerJoin(creditors, eq(creditors.id, cases.creditorId))
    .where(inArray(cases.id, [...caseIds]));
}

/** The cases' addresses, each case's first one first (the one planning visits). */
export async function addressesOfCases(db: Executor, caseIds: readonly string[]) {
  if (caseIds.length === 0) return [];
  return db
    .select({
      id: caseAddresses.id,
      caseId: caseAddresses.caseId,
      kind: caseAddresses.kind,
      address: caseAddresses.address,
      lat: caseAddresses.lat,
      lng: caseAddresses.lng,
    })
    .from(caseAddresses)
    .where(inArray(caseAddresses.caseId, [...caseIds]))
    .orderBy(asc(caseAddresses.createdAt), asc(caseAddresses.id));
}
