import { z } from 'zod';
import { roles } from '../roles.js';

export const username = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_.-]{2,31}$/, 'Use 3–32 lower-case letters, digits, dot, dash or underscore, starting with a letter');

export const password = z.string().min(8, 'Use at least 8 characters').max(256);

export const userSummary = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  teamId: z.uuid().nullable(),
  disabled: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type UserSummary = z.infer<typeof userSummary>;

export const createUserRequest = z.strictObject({
  username,
  displayName: z.string().trim().min(1).max(64),
  role: z.enum(roles),
  password,
  teamId: z.uuid().nullable().optional(),
});
export type CreateUserRequest = z.infer<typeof createUserRequest>;

export const updateUserRequest = z.strictObject({
  displayName: z.string().trim().min(1).max(64).optional(),
  disabled: z.boolean().optional(),
  password: password.optional(),
});
export type UpdateUserRequest = z.infer<typeof updateUserRequest>;

export const userIdParams = z.strictObject({ id: z.uuid('Not a user id') });
