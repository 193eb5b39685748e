import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { collectors, creditors, teams, users } from '../db/schema/index.js';

/** Collectors with their field profile; all of them, or those among `ids`; only `team`'s when set. */
export async function listCollectors(db: Executor, ids?: string[], team: string | null = null) {
  return db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      teamId: users.teamId,
      teamName: teams.name,
      disabledAt: users.disabledAt,
      homeAddress: collectors.homeAddress,
      homeLat: collectors.homeLat,
      homeLng: collectors.homeLng,
      shiftStart: collectors.shiftStart,
      shiftEnd: collectors.shiftEnd,
      maxVisitsPerDay: collectors.maxVisitsPerDay,
      travelMode: collectors.travelMode,
      skills: collectors.skills,
    })
    .from(collectors)
    .innerJoin(users, eq(users.id, collectors.userId))
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(and(ids ? inArray(users.id, ids) : undefined, team === null ? undefined : eq(users.teamId, team)))
    .orderBy(asc(users.username));
}

export async function listTeams(db: Executor) {
  return db.select({ id: teams.id, name: teams.name, territory: teams.territory }).from(teams).orderBy(asc(teams.name));
}

export async function listCreditors(db: Executor) {
  return db
    .select({
      id: creditors.id,
      code: creditors.code,
      name: creditors.name,
      timeZone: creditors.timeZone,
      visitingHoursStart: creditors.visitingHoursStart,
      visitingHoursEnd: creditors.visitingHoursEnd,
    })
    .from(creditors)
    .orderBy(asc(creditors.code));
}
