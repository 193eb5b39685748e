import { createHash, randomBytes } from 'node:crypto';
import type { DeviceKeyResponse } from '../../shared/schemas/auth.js';
import type { Database } from '../db/client.js';
import { DomainError } from '../http/errors.js';
import type { AuthenticatedSession } from './auth.service.js';
import { deviceKeyOf } from './device-key.repository.js';

/** Releases the session's device key (made on its first request) to that session alone. */
export async function releaseDeviceKey(db: Database, session: AuthenticatedSession): Promise<DeviceKeyResponse> {
  const key = await deviceKeyOf(db, session.sessionId, randomBytes(32), new Date());
  if (!key) throw new DomainError(401, 'You are not signed in, or your session has ended. Sign in again.');
  // The id is a digest of the key: it names the key and says nothing of it.
  return { keyId: createHash('sha256').update(key).digest('hex').slice(0, 16), key: key.toString('base64url') };
}
