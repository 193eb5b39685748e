import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserSummary } from '../../shared/schemas/users.js';
import { bearer, signedInUser, signIn } from '../fixtures/factories.js';
import { createTestContext, type TestContext } from '../helper.js';

let context: TestContext;
let adminToken: string;
beforeAll(async () => {
  context = await createTestContext();
  adminToken = (await signedInUser(context.app, context.database.db, 'admin')).token;
});
afterAll(async () => context?.close());

const createUser = (token: string, payload: object) =>
  context.app.inject({ method: 'POST', url: '/api/users', headers: bearer(token), payload });

describe('user management', () => {
  it('an admin creates a collector who can then sign in', async () => {
    const response = await createUser(adminToken, { username: 'wang.lei', displayName: '王磊', role: 'collector', password: 'field-visits-1' });
    expect(response.statusCode).toBe(201);
    expect(response.json<UserSummary>()).toMatchObject({ username: 'wang.lei', role: 'collector', disabled: false });
    expect(response.body).not.toContain('passwordHash');
    await expect(signIn(context.app, 'wang.lei', 'field-visits-1')).resolves.toEqual(expect.any(String));
  });

  it('disabling a user ends their sessions at once and keeps them out', async () => {
    const created = (await createUser(adminToken, { username: 'li.na', displayName: '李娜', role: 'dispatcher', password: 'field-visits-2' })).json<UserSummary>();
    const token = await signIn(context.app, 'li.na', 'field-visits-2');
    expect((await context.app.inject({ url: '/api/cases', headers: bearer(token) })).statusCode).toBe(200);

    const disable = await context.app.inject({ method: 'PATCH', url: `/api/users/${created.id}`, headers: bearer(adminToken), payload: { disabled: true } });
    expect(disable.json<UserSummary>().disabled).toBe(true);
    expect((await context.app.inject({ url: '/api/cases', headers: bearer(token) })).statusCode).toBe(401);
    const again = await context.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'li.na', password: 'field-visits-2' } });
    expect(again.statusCode).toBe(401);

    await context.app.inject({ method: 'PATCH', url: `/api/users/${created.id}`, headers: bearer(adminToken), payload: { disabled: false } });
    await expect(signIn(context.app, 'li.na', 'field-visits-2')).resolves.toEqual(expect.any(String));
  });

  it('lists users without secrets', async () => {
    const response = await context.app.inject({ url: '/api/users', headers: bearer(adminToken) });
    const list = response.json<UserSummary[]>();
    expect(list.map((u) => u.username)).toContain('wang.lei');
    expect(response.body).not.toMatch(/argon2|password/i);
  });

  it('refuses a taken username with 409', async () => {
    const response = await createUser(adminToken, { username: 'wang.lei', displayName: 'x', role: 'collector', password: 'field-visits-1' });
    expect(response.statusCode).toBe(409);
    expect(response.json<{ message: string }>().message).toContain('already taken');
  });

  it.each([
    [{ username: 'A', displayName: 'x', role: 'collector', password: 'field-visits-1' }, /username/],
    [{ username: 'good.name', displayName: 'x', role: 'emperor', password: 'field-visits-1' }, /role/],
    [{ username: 'good.name', displayName: 'x', role: 'collector', password: 'short' }, /password/],
    [{ username: 'good.name', displayName: 'x', role: 'collector', password: 'field-visits-1', isAdmin: true }, /isAdmin/],
  ])('refuses a bad user %o', async (payload, message) => {
    const response = await createUser(adminToken, payload);
    expect(response.statusCode).toBe(400);
    expect(response.json<{ message: string }>().message).toMatch(message);
  });

  it('answers an unknown user id with 404 and a malformed one with 400', async () => {
    const unknown = await context.app.inject({ method: 'PATCH', url: '/api/users/01a208e0-0000-7000-8000-000000000000', headers: bearer(adminToken), payload: { disabled: true } });
    expect(unknown.statusCode).toBe(404);
    const malformed = await context.app.inject({ method: 'PATCH', url: '/api/users/42', headers: bearer(adminToken), payload: { disabled: true } });
    expect(malformed.statusCode).toBe(400);
  });

  it.each(['collector', 'dispatcher', 'supervisor'] as const)('is refused to a %s with 403', async (role) => {
    const { token } = await signedInUser(context.app, context.database.db, role);
    expect((await context.app.inject({ url: '/api/users', headers: bearer(token) })).statusCode).toBe(403);
    const create = await createUser(token, { username: 'sneaky', displayName: 'x', role: 'admin', password: 'field-visits-1' });
    expect(create.statusCode).toBe(403);
  });
});
