import { createHash, randomBytes } from 'node:crypto';
import type { SessionUser } from '../../shared/schemas/auth.js';
import type { Database } from '../db/client.js';
import { DomainError } from '../http/errors.js';
import { newId } from '../ids.js';
import { writeAudit } from '../audit/audit.repository.js';
import { findLiveSession, findUserByUsername, insertSession, revokeSession, touchSession } from './auth.repository.js';
import { decoyPasswordHash, verifyPassword } from './password.js';

export interface AuthenticatedSession {
  sessionId: string;
  user: SessionUser;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function login(
  db: Database,
  input: { username: string; password: string; userAgent: string | null },
  sessionTtlHours: number,
): Promise<{ token: string; expiresAt: Date; user: SessionUser }> {
  const user = await findUserByUsername(db, input.username.toLowerCase());
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password);
  // One message for every failure, so the answer does not reveal which usernames exist.
  if (!user || !passwordOk || user.disabledAt !== null) {
    throw new DomainError(401, 'Wrong username or password, or the account is disabled. Check them, or ask your administrator.');
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + sessionTtlHours * 3_600_000);
  const sessionId = newId();
  await insertSession(db, { id: sessionId, tokenHash: hashToken(token), userId: user.id, expiresAt, userAgent: input.userAgent });
  await writeAudit(db, {
    actorUserId: user.id,
    actorRole: user.role,
    action: 'auth.login',
    subjectType: 'session',
    subjectId: sessionId,
  });
  return {
    token,
    expiresAt,
    user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role, teamId: user.teamId },
  };
}

/** Resolves a token to its live session; sliding expiry, refreshed at most once a minute. */
export async function authenticate(db: Database, token: string, sessionTtlHours: number): Promise<AuthenticatedSession | undefined> {
  const now = new Date();
  const session = await findLiveSession(db, hashToken(token), now);
  if (!session) return undefined;
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
    await touchSession(db, session.sessionId, now, new Date(now.getTime() + sessionTtlHours * 3_600_000));
  }
  return { sessionId: session.sessionId, user: session.user };
}

export async function logout(db: Database, session: AuthenticatedSession): Promise<void> {
  await revokeSession(db, session.sessionId);
  await writeAudit(db, {
    actorUserId: session.user.id,
    actorRole: session.user.role,
    action: 'auth.logout',
    subjectType: 'session',
    subjectId: session.sessionId,
  });
}
