import type { SessionUser } from '../../shared/schemas/auth.js';
import type { CreateUserRequest, UpdateUserRequest, UserSummary } from '../../shared/schemas/users.js';
import { writeAudit } from '../audit/audit.repository.js';
import { revokeUserSessions } from '../auth/auth.repository.js';
import { hashPassword } from '../auth/password.js';
import type { Database } from '../db/client.js';
import { DomainError, notFound } from '../http/errors.js';
import { newId } from '../ids.js';
import type { UserRow } from './users.repository.js';
import { findUser, insertUser, listUsers, updateUser, UsernameTakenError } from './users.repository.js';

export function toUserSummary(user: UserRow): UserSummary {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    teamId: user.teamId,
    disabled: user.disabledAt !== null,
    createdAt: user.createdAt.toISOString(),
  };
}

export async function allUsers(db: Database): Promise<UserSummary[]> {
  return (await listUsers(db)).map(toUserSummary);
}

export async function createUser(db: Database, actor: SessionUser, input: CreateUserRequest): Promise<UserSummary> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const user = await insertUser(tx, {
        id: newId(),
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        teamId: input.teamId ?? null,
        passwordHash,
      });
      await writeAudit(tx, { actorUserId: actor.id, actorRole: actor.role, action: 'user.create', subjectType: 'user', subjectId: user.id, detail: { role: user.role } });
      return toUserSummary(user);
    });
  } catch (error) {
    if (error instanceof UsernameTakenError) throw new DomainError(409, `The username "${input.username}" is already taken. Choose another.`);
    throw error;
  }
}

/** Disabling a user or resetting their password ends every session they have at once. */
export async function changeUser(db: Database, actor: SessionUser, id: string, input: UpdateUserRequest): Promise<UserSummary> {
  if (id === actor.id && input.disabled === true) throw new DomainError(409, 'You cannot disable your own account.');
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const existing = await findUser(tx, id);
    if (!existing) throw notFound('User');
    const disabledAt = input.disabled === undefined ? existing.disabledAt : input.disabled ? (existing.disabledAt ?? new Date()) : null;
    const user = await updateUser(tx, id, {
      ...(input.displayName === undefined ? {} : { displayName: input.displayName }),
      ...(passwordHash === undefined ? {} : { passwordHash }),
      disabledAt,
    });
    if (!user) throw notFound('User');
    if (input.disabled === true || passwordHash !== undefined) await revokeUserSessions(tx, id);
    await writeAudit(tx, {
      actorUserId: actor.id,
      actorRole: actor.role,
      action: 'user.update',
      subjectType: 'user',
      subjectId: id,
      detail: { disabled: input.disabled, passwordReset: passwordHash !== undefined, displayName: input.displayName },
    });
    return toUserSummary(user);
  });
}
