import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../../server/db/schema/index.js';
import { bearer, createUser, signIn, testPassword } from '../fixtures/factories.js';
import { createTestContext, type TestContext } from '../helper.js';

let context: TestContext;
beforeAll(async () => {
  context = await createTestContext({ LOGIN_ATTEMPTS_PER_MINUTE: '5' });
});
afterAll(async () => context?.close());

const login = (payload: unknown) => context.app.inject({ method: 'POST', url: '/api/auth/login', payload: payload as object });

describe('sign-in', () => {
  it('gives a token usable as bearer and as cookie, and says who is signed in', async () => {
    const user = await createUser(context.database.db, 'dispatcher');
    const response = await login({ username: user.username, password: testPassword });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ token: string; user: { role: string; username: string } }>();
    expect(body.user).toMatchObject({ role: 'dispatcher', username: user.username });
    const cookie = response.cookies.find((c) => c.name === 'fv_session');
    expect(cookie?.value).toBe(body.token);
    expect(cookie?.httpOnly).toBe(true);

    const viaBearer = await context.app.inject({ url: '/api/auth/me', headers: bearer(body.token) });
    expect(viaBearer.json()).toMatchObject({ username: user.username });
    const viaCookie = await context.app.inject({ url: '/api/auth/me', cookies: { fv_session: body.token } });
    expect(viaCookie.statusCode).toBe(200);
  });

  it('stores only a hash of the token', async () => {
    const user = await createUser(context.database.db, 'supervisor');
    const token = await signIn(context.app, user.username);
    const rows = await context.database.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).not.toContain(token);
    expect(rows[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a wrong password and an unknown user with the same message', async () => {
    const user = await createUser(context.database.db, 'collector');
    const wrong = await login({ username: user.username, password: 'nope nope' });
    const unknown = await login({ username: 'nobody-here', password: 'nope nope' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json<{ message: string }>().message).toBe(unknown.json<{ message: string }>().message);
    expect(wrong.json<{ message: string }>().message).toMatch(/username or password/);
  });

  it('slows down guessing: the sixth attempt in a minute gets 429', async () => {
    const user = await createUser(context.database.db, 'collector');
    const responses = [];
    for (let i = 0; i < 6; i++) responses.push(await login({ username: user.username, password: `guess-${i}` }));
    expect(responses.map((r) => r.statusCode)).toEqual([401, 401, 401, 401, 401, 429]);
    expect(responses[5]!.json<{ message: string }>().message).toMatch(/Too many sign-in attempts.*try again/);
    // The limit is per account: another user from the same address still gets in.
    const other = await createUser(context.database.db, 'collector');
    expect((await login({ username: other.username, password: testPassword })).statusCode).toBe(200);
  });

  it.each([
    ['malformed JSON', '{"username": "a", "password":', 'application/json', 400, /not valid JSON/],
    ['wrong types', JSON.stringify({ username: 5, password: true }), 'application/json', 400, /body\.username/],
    ['unknown fields', JSON.stringify({ username: 'a', password: 'b', admin: true }), 'application/json', 400, /admin/],
    ['an oversized body', JSON.stringify({ username: 'a', password: 'x'.repeat(2 * 1024 * 1024) }), 'application/json', 413, /too large/],
    ['a form body', 'username=a&password=b', 'application/x-www-form-urlencoded', 415, /content type/i],
  ])('answers %s with a clear 4xx', async (_what, payload, contentType, status, message) => {
    const response = await context.app.inject({ method: 'POST', url: '/api/auth/login', payload, headers: { 'content-type': contentType } });
    expect(response.statusCode).toBe(status);
    expect(response.json<{ message: string }>().message).toMatch(message);
  });
});

describe('sessions end', () => {
  it('on sign-out', async () => {
    const user = await createUser(context.database.db, 'dispatcher');
    const token = await signIn(context.app, user.username);
    const out = await context.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(token) });
    expect(out.statusCode).toBe(204);
    const after = await context.app.inject({ url: '/api/cases', headers: bearer(token) });
    expect(after.statusCode).toBe(401);
    expect(after.json<{ message: string }>().message).toMatch(/sign in again/i);
  });

  it('when the session expired', async () => {
    const user = await createUser(context.database.db, 'dispatcher');
    const token = await signIn(context.app, user.username);
    await context.database.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.userId, user.id));
    expect((await context.app.inject({ url: '/api/auth/me', headers: bearer(token) })).statusCode).toBe(401);
  });

  it('with no token, a garbage token or an over-long one', async () => {
    for (const headers of [{}, bearer('garbage'), bearer('x'.repeat(5000))]) {
      expect((await context.app.inject({ url: '/api/cases', headers })).statusCode).toBe(401);
    }
  });
});

describe('security headers', () => {
  it('are on API answers', async () => {
    const response = await context.app.inject({ url: '/api/health' });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBeDefined();
  });
});
