import { and, count, eq, inArray, isNull, not, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { cases, users } from '../db/schema/index.js';

/** Each user's team (null when they have none); users that do not exist are left out. */
export async function teamsOf(db: Executor, userIds: readonly string[]): Promise<Map<string, string | null>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, teamId: users.teamId })
    .from(users)
    .where(inArray(users.id, [...new Set(userIds)]));
  return new Map(rows.map((row) => [row.id, row.teamId]));
}

/** Cases a team's dispatcher may see and plan: unassigned ones and those held by the team's collectors; all when `teamId` is null. */
export function casesOfTeam(teamId: string | null): SQL | undefined {
  if (teamId === null) return undefined;
  return or(
    isNull(cases.assignedCollectorId),
    sql`exists (select 1 from ${users} where ${and(eq(users.id, cases.assignedCollectorId), eq(users.teamId, teamId))})`,
  );
}

/** How many of these cases a team's dispatcher may not touch (held by another team's collector). */
export async function casesOutsideTeam(db: Executor, teamId: string | null, caseIds: readonly string[]): Promise<number> {
  const visible = casesOfTeam(teamId);
  if (visible === undefined || caseIds.length === 0) return 0;
  const [row] = await db
    .select({ n: count() })
    .from(cases)
    .where(and(inArray(cases.id, [...caseIds]), not(visible)));
  return row?.n ?? 0;
}

/** Who holds these cases now: the holders' teams, and whether any is in the unassigned pool. */
export async function holdersOf(db: Executor, caseIds: readonly string[]): Promise<{ teams: (string | null)[]; pool: boolean }> {
  if (caseIds.length === 0) return { teams: [], pool: false };
  const rows = await db
    .selectDistinct({ teamId: users.teamId, pooled: sql<boolean>`${cases.assignedCollectorId} is null` })
    .from(cases)
    .leftJoin(users, eq(users.id, cases.assignedCollectorId))
    .where(inArray(cases.id, [...caseIds]));
  return { teams: rows.filter((r) => !r.pooled).map((r) => r.teamId), pool: rows.some((r) => r.pooled) };
}
