import type { Executor } from '../db/client.js';
import { collectors, teams } from '../db/schema/index.js';

export async function insertTeam(db: Executor, team: typeof teams.$inferInsert) {
  const [row] = await db.insert(teams).values(team).returning();
  return row!;
}

export async function insertCollectorProfile(db: Executor, profile: typeof collectors.$inferInsert) {
  await db.insert(collectors).values(profile);
}
