import { and, desc, eq, inArray, isNull, lt, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ComplaintStatus } from '../../shared/schemas/complaints.js';
import type { Executor } from '../db/client.js';
import { complaints, teams, users } from '../db/schema/index.js';

const collector = alias(users, 'collector');
const recorder = alias(users, 'recorder');
const assignee = alias(users, 'assignee');
const resolver = alias(users, 'resolver');

export interface ComplaintFilter {
  scopeTeam: string | null;
  statuses?: ComplaintStatus[] | undefined;
  visitId?: string | undefined;
  collectorId?: string | undefined;
  assigneeId?: string | undefined;
  /** Complaints of one visit together with those about its collector in general. */
  besideVisit?: { visitId: string; collectorId: string } | undefined;
  /** Keyset: ids are UUIDv7, so id order is creation order. */
  before?: string | undefined;
}

function conditions(filter: ComplaintFilter): (SQL | undefined)[] {
  const beside = filter.besideVisit;
  return [
    filter.scopeTeam === null ? undefined : eq(collector.teamId, filter.scopeTeam),
    filter.statuses === undefined ? undefined : inArray(complaints.status, filter.statuses),
    filter.visitId === undefined ? undefined : eq(complaints.visitId, filter.visitId),
    filter.collectorId === undefined ? undefined : eq(complaints.collectorId, filter.collectorId),
    filter.assigneeId === undefined ? undefined : eq(complaints.assigneeId, filter.assigneeId),
    beside === undefined
      ? undefined
      : or(eq(complaints.visitId, beside.visitId), and(isNull(complaints.visitId), eq(complaints.collectorId, beside.collectorId))),
    filter.before === undefined ? undefined : lt(complaints.id, filter.before),
  ];
}

export async function listComplaints(db: Executor, filter: ComplaintFilter, limit: number) {
  return db
    .select({
      complaint: complaints,
      collectorName: collector.displayName,
      recorderName: recorder.displayName,
      assigneeName: assignee.displayName,
      resolverName: resolver.displayName,
    })
    .from(complaints)
    .innerJoin(collector, eq(collector.id, complaints.collectorId))
    .innerJoin(recorder, eq(recorder.id, complaints.recordedBy))
    .leftJoin(assignee, eq(assignee.id, complaints.assigneeId))
    .leftJoin(resolver, eq(resolver.id, complaints.resolvedBy))
    .where(and(...conditions(filter)))
    .orderBy(desc(complaints.id))
    .limit(limit);
}

export type ComplaintRow = Awaited<ReturnType<typeof listComplaints>>[number];

export async function findComplaint(db: Executor, id: string, scopeTeam: string | null): Promise<ComplaintRow | undefined> {
  const [row] = await db
    .select({
      complaint: complaints,
      collectorName: collector.displayName,
      recorderName: recorder.displayName,
      assigneeName: assignee.displayName,
      resolverName: resolver.displayName,
    })
    .from(complaints)
    .innerJoin(collector, eq(collector.id, complaints.collectorId))
    .innerJoin(recorder, eq(recorder.id, complaints.recordedBy))
    .leftJoin(assignee, eq(assignee.id, complaints.assigneeId))
    .leftJoin(resolver, eq(resolver.id, complaints.resolvedBy))
    .where(and(eq(complaints.id, id), scopeTeam === null ? undefined : eq(collector.teamId, scopeTeam)))
    .limit(1);
  return row;
}

export async function insertComplaint(db: Executor, row: typeof complaints.$inferInsert): Promise<void> {
  await db.insert(complaints).values(row);
}

/** Applies a change only if the complaint is still in the status it was read in (no lost updates). */
export async function updateComplaint(
  db: Executor,
  id: string,
  expectedStatus: ComplaintStatus,
  changes: Partial<typeof complaints.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(complaints)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(complaints.id, id), eq(complaints.status, expectedStatus)))
    .returning({ id: complaints.id });
  return rows.length === 1;
}

/** A user who may take complaints: an enabled supervisor (in `team` when set). */
export async function assignableSupervisors(db: Executor, team: string | null, id?: string) {
  return db
    .select({ id: users.id, name: users.displayName, teamName: teams.name })
    .from(users)
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(
      and(
        eq(users.role, 'supervisor'),
        isNull(users.disabledAt),
        team === null ? undefined : eq(users.teamId, team),
        id === undefined ? undefined : eq(users.id, id),
      ),
    )
    .orderBy(users.displayName);
}

/** A collector (in `team` when set), for a complaint about them. */
export async function findCollectorInScope(db: Executor, id: string, team: string | null) {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, id), eq(users.role, 'collector'), team === null ? undefined : eq(users.teamId, team)))
    .limit(1);
  return row;
}
