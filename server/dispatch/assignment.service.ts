import { and, count, eq, inArray, isNull } from 'drizzle-orm';
import type { SessionUser } from '../../shared/schemas/auth.js';
import { writeAudit } from '../audit/audit.repository.js';
import type { Database } from '../db/client.js';
import { cases, users } from '../db/schema/index.js';
import { DomainError } from '../http/errors.js';
import type { DispatchChange } from '../realtime/dispatch-signals.js';
import { assignCases, unassignCases } from './assignment.repository.js';
import { otherTeamsCollectors, requireOwnTeamCases, requireOwnTeamCollectors } from './team-access.js';
import { holdersOf } from './team.repository.js';

/** Moves cases to a collector (or back to the pool); the old collector's device drops them at its next sync. */
export async function reassign(
  db: Database,
  actor: SessionUser,
  caseIds: string[],
  collectorId: string | null,
  options: { team: string | null; notify: (change: DispatchChange) => void },
) {
  let change: DispatchChange | undefined;
  const answer = await db.transaction(async (tx) => {
    let teams: (string | null)[] = [];
    if (collectorId !== null) {
      const [collector] = await tx.select({ id: users.id, teamId: users.teamId }).from(users).where(and(eq(users.id, collectorId), eq(users.role, 'collector'), isNull(users.disabledAt)));
      if (!collector) throw new DomainError(404, 'That collector does not exist or is disabled.');
      await requireOwnTeamCollectors(tx, options.team, [collectorId], otherTeamsCollectors);
      teams = [collector.teamId];
    }
    const [found] = await tx.select({ n: count() }).from(cases).where(and(inArray(cases.id, caseIds), inArray(cases.status, ['received', 'assigned', 'visited'])));
    if ((found?.n ?? 0) !== new Set(caseIds).size) throw new DomainError(404, 'Some of these cases do not exist or are closed. Refresh and choose again.');
    await requireOwnTeamCases(tx, options.team, caseIds);
    const before = await holdersOf(tx, caseIds);
    if (collectorId === null) await unassignCases(tx, caseIds);
    else await assignCases(tx, caseIds, collectorId);
    await writeAudit(tx, { actorUserId: actor.id, actorRole: actor.role, action: collectorId ? 'case.assign' : 'case.unassign', subjectType: 'case', subjectId: null, detail: { caseIds, collectorId } });
    change = { signal: { reason: 'assignment', caseIds, collectorId }, teams: [...before.teams, ...teams], pool: before.pool || collectorId === null };
    return collectorId === null ? { assigned: 0, unassigned: caseIds.length } : { assigned: caseIds.length, unassigned: 0 };
  });
  if (change) options.notify(change);
  return answer;
}
