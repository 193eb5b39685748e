import { z } from 'zod';
import { roles } from '../roles.js';

export const loginRequest = z.strictObject({
  username: z.string().trim().min(1, 'Enter your username').max(64),
  password: z.string().min(1, 'Enter your password').max(256),
});
export type LoginRequest = z.infer<typeof loginRequest>;

export const sessionUser = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  teamId: z.uuid().nullable(),
});
export type SessionUser = z.infer<typeof sessionUser>;

export const loginResponse = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime(),
  user: sessionUser,
});
export type LoginResponse = z.infer<typeof loginResponse>;
