import { gunzipSync } from 'node:zlib';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseListResponse } from '../../shared/schemas/cases.js';
import type { CollectorSummary, CreditorSummary } from '../../shared/schemas/directory.js';
import { cases, collectors, users } from '../../server/db/schema/index.js';
import { demoCaseCount, hasAnyUser, seedDemo } from '../../server/demo/seed.js';
import { bearer, signIn } from '../fixtures/factories.js';
import { createTestContext, type TestContext } from '../helper.js';

let context: TestContext;
beforeAll(async () => {
  context = await createTestContext();
});
afterAll(async () => context?.close());

describe('health and documentation', () => {
  it('reports the database engine', async () => {
    const response = await context.app.inject({ url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', db: context.database.kind });
    expect(context.database.kind).toBe(process.env.DATABASE_URL ? 'postgres' : 'pglite');
  });

  it('serves an OpenAPI document generated from the route schemas', async () => {
    const response = await context.app.inject({ url: '/api/docs/json' });
    const document = response.json<{ openapi: string; paths: Record<string, Record<string, { requestBody?: unknown }>> }>();
    expect(document.openapi).toMatch(/^3\./);
    for (const path of ['/api/auth/login', '/api/auth/logout', '/api/cases', '/api/cases/{id}', '/api/cases/import', '/api/users', '/api/health']) {
      expect(Object.keys(document.paths)).toContain(path);
    }
    expect(JSON.stringify(document.paths['/api/auth/login']!.post!.requestBody)).toContain('username');
    expect((await context.app.inject({ url: '/api/docs' })).statusCode).toBeLessThan(400);
  });

  it('compresses large answers for clients that accept it, and only for them', async () => {
    const compressed = await context.app.inject({ url: '/api/docs/json', headers: { 'accept-encoding': 'gzip' } });
    expect(compressed.headers['content-encoding']).toBe('gzip');
    const plain = await context.app.inject({ url: '/api/docs/json' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(gunzipSync(compressed.rawPayload).toString('utf8'))).toEqual(plain.json());
    expect(compressed.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
  });

  it('answers an unknown endpoint with a JSON 404', async () => {
    const response = await context.app.inject({ url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json<{ message: string }>().message).toContain('/api/nothing-here');
  });
});

describe('demo city', () => {
  it('seeds users of every role, collectors with home bases and Shenyang cases, once', async () => {
    const db = context.database.db;
    expect(await hasAnyUser(db)).toBe(false);
    await seedDemo(db, { password: 'demo1234', timeZone: 'Asia/Shanghai' });
    expect(await hasAnyUser(db)).toBe(true);
    const [caseCount] = await db.select({ n: count() }).from(cases);
    expect(caseCount!.n).toBe(demoCaseCount);
    const usernames = (await db.select({ username: users.username }).from(users)).map((u) => u.username);
    expect(usernames).toEqual(expect.arrayContaining(['admin', 'dispatcher', 'supervisor', 'collector1', 'collector12']));
    expect(await db.select().from(collectors)).toHaveLength(12);

    // Every case lies in greater Shenyang.
    const positions = await db.select({ lat: cases.lat, lng: cases.lng }).from(cases);
    expect(positions.every((p) => p.lat > 41.6 && p.lat < 42.0 && p.lng > 123.2 && p.lng < 123.6)).toBe(true);

    const token = await signIn(context.app, 'collector1', 'demo1234');
    const mine = (await context.app.inject({ url: '/api/cases?limit=100', headers: bearer(token) })).json<CaseListResponse>();
    expect(mine.cases).toHaveLength(8);
    const [collector1] = await db.select().from(users).where(eq(users.username, 'collector1'));
    expect(mine.cases.every((c) => c.assignedCollectorId === collector1!.id)).toBe(true);
  });

  it('lists collectors, teams and creditors for staff, not for collectors', async () => {
    const token = await signIn(context.app, 'dispatcher', 'demo1234');
    const collectorList = (await context.app.inject({ url: '/api/collectors', headers: bearer(token) })).json<CollectorSummary[]>();
    expect(collectorList).toHaveLength(12);
    expect(collectorList[0]).toMatchObject({ username: expect.stringMatching(/^collector\d+$/), shiftStart: expect.stringMatching(/^\d\d:\d\d$/) });
    expect(collectorList.every((c) => c.teamName !== null)).toBe(true);
    const creditorList = (await context.app.inject({ url: '/api/creditors', headers: bearer(token) })).json<CreditorSummary[]>();
    expect(creditorList.map((c) => c.code)).toEqual(['BFXD', 'LSCC', 'SJXF']);
    expect(creditorList[0]).toMatchObject({ visitingHoursStart: '08:00', visitingHoursEnd: '21:00' });
    expect((await context.app.inject({ url: '/api/teams', headers: bearer(token) })).json()).toHaveLength(2);

    const collectorToken = await signIn(context.app, 'collector2', 'demo1234');
    for (const url of ['/api/collectors', '/api/teams', '/api/creditors']) {
      expect((await context.app.inject({ url, headers: bearer(collectorToken) })).statusCode).toBe(403);
    }
  });
});
