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

/**
 * The key this session's device encrypts the debtor data it keeps with (AES-256-GCM), released only
 * to the session itself; gone from the server when the session ends.
 */
export const deviceKeyResponse = z.object({
  /** Names the key, so the device can tell a new session's key from the one it holds. */
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  /** 32 bytes, base64url. */
  key: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});
export type DeviceKeyResponse = z.infer<typeof deviceKeyResponse>;
