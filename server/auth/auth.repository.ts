import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { sessions, users } from '../db/schema/index.js';

export async function findUserByUsername(db: Executor, username: string) {
  const [user] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  return user;
}

export async function insertSession(
  db: Executor,
  session: { id: string; tokenHash: string; userId: string; expiresAt: Date; userAgent: string | null },
): Promise<void> {
  await db.insert(sessions).values(session);
}

/** A live session: not revoked, not expired, and its user not disabled. */
export async function findLiveSession(db: Executor, tokenHash: string, now: Date) {
  const [row] = await db
    .select({
      sessionId: sessions.id,
      expiresAt: sessions.expiresAt,
      lastSeenAt: sessions.lastSeenAt,
      user: {
        id: users.id,
        username: users.username,
        displayName: users.displayName,
        role: users.role,
        teamId: users.teamId,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now), isNull(users.disabledAt)),
    )
    .limit(1);
  return row;
}

export async function touchSession(db: Executor, sessionId: string, now: Date, expiresAt: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, sessionId));
}

/** Channel on which every server instance learns of revoked sessions, to drop their sockets. */
export const sessionsChannel = 'fv_sessions';

export async function revokeSession(db: Executor, sessionId: string): Promise<void> {
  await db.update(sessions).set({ revokedAt: sql`now()` }).where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
  await db.execute(sql`select pg_notify(${sessionsChannel}, ${`session:${sessionId}`})`);
}

export async function revokeUserSessions(db: Executor, userId: string): Promise<void> {
  await db.update(sessions).set({ revokedAt: sql`now()` }).where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
  await db.execute(sql`select pg_notify(${sessionsChannel}, ${`user:${userId}`})`);
}
