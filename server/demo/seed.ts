// Seeds the demo city on the first start of an empty database.
import { asc, count } from 'drizzle-orm';
import { hashPassword } from '../auth/password.js';
import { importCases } from '../cases/import.service.js';
import { insertCreditor } from '../cases/creditors.repository.js';
import type { Database } from '../db/client.js';
import { cases, users } from '../db/schema/index.js';
import { assignCases } from '../dispatch/assignment.repository.js';
import { newId } from '../ids.js';
import { insertUser } from '../users/users.repository.js';
import { insertCollectorProfile, insertTeam } from '../users/teams.repository.js';
import { demoCases, demoCollectorBases, demoCreditors, demoTeams } from './shenyang.js';

export const demoCaseCount = 300;
export const demoCollectorCount = 12;
const casesAssignedPerCollector = 8;

export async function hasAnyUser(db: Database): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) > 0;
}

export async function seedDemo(db: Database, options: { password: string; timeZone: string }): Promise<void> {
  const passwordHash = await hashPassword(options.password);
  const collectorIds: string[] = [];
  await db.transaction(async (tx) => {
    const teamIds: string[] = [];
    for (const team of demoTeams) teamIds.push((await insertTeam(tx, { id: newId(), ...team })).id);
    for (const creditor of demoCreditors) await insertCreditor(tx, { id: newId(), ...creditor });
    const staff = [
      { username: 'admin', displayName: '系统管理员', role: 'admin' as const, teamId: null },
      { username: 'dispatcher', displayName: '调度 周敏', role: 'dispatcher' as const, teamId: null },
      { username: 'supervisor', displayName: '主管 韩立新', role: 'supervisor' as const, teamId: null },
    ];
    for (const person of staff) await insertUser(tx, { id: newId(), passwordHash, ...person });
    const bases = demoCollectorBases();
    for (let i = 0; i < demoCollectorCount; i++) {
      const base = bases[i]!;
      const user = await insertUser(tx, {
        id: newId(),
        username: `collector${i + 1}`,
        displayName: `外访员${i + 1}号`,
        role: 'collector',
        teamId: teamIds[i < demoCollectorCount / 2 ? 0 : 1] ?? null,
        passwordHash,
      });
      collectorIds.push(user.id);
      await insertCollectorProfile(tx, {
        userId: user.id,
        homeAddress: base.address,
        homeLat: base.lat,
        homeLng: base.lng,
        shiftStart: i % 3 === 2 ? '10:00' : '08:30',
        shiftEnd: i % 3 === 2 ? '21:00' : '19:30',
        maxVisitsPerDay: 10 + (i % 3) * 2,
        travelMode: i % 4 === 3 ? 'car' : 'ebike',
        skills: i % 4 === 0 ? ['senior', 'high_balance'] : [],
      });
    }
  });
  await importCases(db, null, demoCases(demoCaseCount), { defaultTimeZone: options.timeZone });
  // Give every collector a few cases so their app has a day's work from the first sign-in.
  const ids = (await db.select({ id: cases.id }).from(cases).orderBy(asc(cases.externalId))).map((row) => row.id);
  for (const [index, collectorId] of collectorIds.entries()) {
    await assignCases(db, ids.slice(index * casesAssignedPerCollector, (index + 1) * casesAssignedPerCollector), collectorId);
  }
}
