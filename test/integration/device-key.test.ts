// The per-session device key: released to its own session only, never cached, and gone from the
// server the moment the session ends, however it ends.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../../server/db/schema/index.js';
import { bearer, createUser, signIn, signedInUser } from '../fixtures/factories.js';
import { createTestContext, type TestContext } from '../helper.js';

let context: TestContext;
beforeAll(async () => {
  context = await createTestContext();
});
afterAll(async () => context?.close());

const getKey = (token: string) => context.app.inject({ url: '/api/session/device-key', headers: bearer(token) });
const keyOf = (token: string) => getKey(token).then((response) => response.json<{ keyId: string; key: string }>());

async function storedKeys(userId: string) {
  return context.database.db
    .select({ id: sessions.id, deviceKey: sessions.deviceKey, revokedAt: sessions.revokedAt })
    .from(sessions)
    .where(eq(sessions.userId, userId));
}

describe('device key', () => {
  it('gives a collector session a random 256-bit key, the same on every request of that session, never cached', async () => {
    const { user, token } = await signedInUser(context.app, context.database.db, 'collector');
    const first = await getKey(token);
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('no-store');
    const body = first.json<{ keyId: string; key: string }>();
    expect(Buffer.from(body.key, 'base64url')).toHaveLength(32);
    expect(await keyOf(token)).toEqual(body);
    const [row] = await storedKeys(user.id);
    expect(row?.deviceKey?.toString('base64url')).toBe(body.key);
  });

  it('gives each session its own key: a second sign-in, another collector', async () => {
    const { user, token } = await signedInUser(context.app, context.database.db, 'collector');
    const other = await signedInUser(context.app, context.database.db, 'collector');
    const secondSession = await signIn(context.app, user.username);
    const keys = await Promise.all([token, secondSession, other.token].map(keyOf));
    expect(new Set(keys.map((key) => key.key)).size).toBe(3);
    expect(new Set(keys.map((key) => key.keyId)).size).toBe(3);
  });

  it('two first requests at once agree on one key', async () => {
    const { token } = await signedInUser(context.app, context.database.db, 'collector');
    const keys = await Promise.all([keyOf(token), keyOf(token), keyOf(token)]);
    expect(new Set(keys.map((key) => key.key)).size).toBe(1);
  });

  it('is gone when the session signs out: the row holds no key and the token gets none', async () => {
    const { user, token } = await signedInUser(context.app, context.database.db, 'collector');
    await keyOf(token);
    const logout = await context.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(token) });
    expect(logout.statusCode).toBe(204);
    expect((await storedKeys(user.id)).map((row) => row.deviceKey)).toEqual([null]);
    expect((await getKey(token)).statusCode).toBe(401);
  });

  it('is gone from every session of a user an admin disables', async () => {
    const admin = await signedInUser(context.app, context.database.db, 'admin');
    const collector = await createUser(context.database.db, 'collector');
    const tokens = [await signIn(context.app, collector.username), await signIn(context.app, collector.username)];
    for (const token of tokens) await keyOf(token);
    expect((await storedKeys(collector.id)).every((row) => row.deviceKey !== null)).toBe(true);
    const disable = await context.app.inject({
      method: 'PATCH',
      url: `/api/users/${collector.id}`,
      headers: bearer(admin.token),
      payload: { disabled: true },
    });
    expect(disable.statusCode).toBe(200);
    const rows = await storedKeys(collector.id);
    expect(rows.map((row) => row.deviceKey)).toEqual([null, null]);
    expect(rows.every((row) => row.revokedAt !== null)).toBe(true);
    for (const token of tokens) expect((await getKey(token)).statusCode).toBe(401);
  });

  it('cannot be put back on a revoked session by any statement', async () => {
    const { user, token } = await signedInUser(context.app, context.database.db, 'collector');
    await keyOf(token);
    // Revoked by a path that knows nothing of device keys (a future admin screen, a hand-written fix).
    await context.database.db.execute(sql`update sessions set revoked_at = now() where user_id = ${user.id}`);
    expect((await storedKeys(user.id)).map((row) => row.deviceKey)).toEqual([null]);
    await context.database.db.execute(sql`update sessions set device_key = '\\x00'::bytea where user_id = ${user.id}`);
    expect((await storedKeys(user.id)).map((row) => row.deviceKey)).toEqual([null]);
  });

  it('is for collectors signed in: staff get 403, no token 401, and neither makes a key', async () => {
    const dispatcher = await signedInUser(context.app, context.database.db, 'dispatcher');
    expect((await getKey(dispatcher.token)).statusCode).toBe(403);
    expect((await storedKeys(dispatcher.user.id)).map((row) => row.deviceKey)).toEqual([null]);
    expect((await context.app.inject({ url: '/api/session/device-key' })).statusCode).toBe(401);
  });
});
