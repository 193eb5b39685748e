import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { sessions } from '../db/schema/index.js';

/**
 * The live session's device key, storing `candidate` first if it has none yet (one statement, so two
 * first requests at once agree on one key). Undefined once the session has ended.
 */
export async function deviceKeyOf(db: Executor, sessionId: string, candidate: Buffer, now: Date): Promise<Buffer | undefined> {
  const [row] = await db
    .update(sessions)
    .set({ deviceKey: sql`coalesce(${sessions.deviceKey}, ${candidate})` })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .returning({ deviceKey: sessions.deviceKey });
  return row?.deviceKey ?? undefined;
}
