// The authorisation matrix, generated from the route table the access policy produced (not a hand
// list): every /api/ route × {anonymous, each role}, and every client socket event × each role.
// Outside the policy: 401 without a session, 403 with the wrong role, and nothing changes; inside:
// never 401/403 for a well-formed request. A route without a policy entry fails, by name.
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { type ClientEvent, clientEvents } from '../../shared/events.js';
import { roles } from '../../shared/roles.js';
import { type Access, decide, refusalMessages, routePolicy, routeAccess, socketEventPolicy } from '../../server/auth/access-policy.js';
import { registerAccessPolicy, type RouteAccess } from '../../server/auth/access-policy.guard.js';
import { registerErrorHandling } from '../../server/http/errors.js';
import { type AccessWorld, buildAccessWorld, type Caller, callers, fingerprint } from '../fixtures/access-world.js';
import { caseRow, testPassword } from '../fixtures/factories.js';
import { openSocket } from '../fixtures/dispatch.js';
import { photoBytes, push, sha256, tusMetadata } from '../fixtures/sync.js';

let world: AccessWorld;
beforeAll(async () => {
  world = await buildAccessWorld();
});
afterAll(async () => world?.close());

interface RequestSpec {
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  raw?: Buffer;
  headers?: Record<string, string>;
}

const unique = () => Math.random().toString(36).slice(2, 10);
const tus = { 'tus-resumable': '1.0.0' };

/**
 * A well-formed request for each route that needs more than its bare URL (path parameters, a
 * body, a required query), keyed like the policy. HEAD routes use their GET's.
 */
const examples: Record<string, (w: AccessWorld) => RequestSpec> = {
  'GET /api/docs/static/*': () => ({ path: '/api/docs/static/swagger-ui.css' }),
  'POST /api/auth/login': (w) => ({ path: '/api/auth/login', body: { username: w.users.spare.username, password: testPassword } }),
  'POST /api/auth/logout': () => ({ path: '/api/auth/logout' }),
  'POST /api/users': () => ({
    path: '/api/users',
    body: { username: `new${unique()}`, displayName: '新用户', role: 'collector', password: 'a long password' },
  }),
  'PATCH /api/users/:id': (w) => ({ path: `/api/users/${w.users.spare.id}`, body: { displayName: `改名 ${unique()}` } }),
  'GET /api/cases/:id': (w) => ({ path: `/api/cases/${w.a.caseIds[0]}` }),
  'POST /api/cases/import': (w) => ({ path: '/api/cases/import', body: [caseRow(w.creditor, `MX-${unique()}`)] }),
  'POST /api/sync/push': (w) => ({
    path: '/api/sync/push',
    body: push([
      { id: uuidv7(), type: 'note.add', createdAt: new Date().toISOString(), noteId: uuidv7(), caseId: w.a.caseIds[1], body: '再次来访' },
    ]),
  }),
  'GET /api/sync/photos': (w) => ({ path: '/api/sync/photos', query: { visitIds: w.a.visitId } }),
  'POST /api/uploads': (w) => {
    const bytes = photoBytes(Math.floor(Math.random() * 1e9), 2048);
    return {
      path: '/api/uploads',
      headers: {
        ...tus,
        'upload-length': String(bytes.length),
        'upload-metadata': tusMetadata({ sha256: sha256(bytes), contentType: 'image/jpeg', visitId: w.a.visitId }),
      },
    };
  },
  'HEAD /api/uploads/:id': (w) => ({ path: `/api/uploads/${w.uploadId}`, headers: tus }),
  'PATCH /api/uploads/:id': (w) => ({
    path: `/api/uploads/${w.uploadId}`,
    headers: { ...tus, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
    raw: photoBytes(4242).subarray(0, 1024),
  }),
  'DELETE /api/uploads/:id': (w) => ({ path: `/api/uploads/${w.uploadId}`, headers: tus }),
  'GET /api/photos/:sha256': (w) => ({ path: `/api/photos/${w.a.photo.sha256}` }),
  'GET /api/visits/:id': (w) => ({ path: `/api/visits/${w.a.visitId}` }),
  'POST /api/dispatch/plans': (w) => ({
    path: '/api/dispatch/plans',
    body: { serviceDate: w.today, collectorIds: [w.users.collector.id], caseIds: [w.pool[2]], timeLimitS: 1 },
  }),
  'GET /api/dispatch/plans/:id': (w) => ({ path: `/api/dispatch/plans/${w.planId}` }),
  'PATCH /api/dispatch/plans/:id': (w) => ({
    path: `/api/dispatch/plans/${w.planId}`,
    body: { op: 'pin', caseId: w.pool[0], pinned: true },
  }),
  'POST /api/dispatch/plans/:id/publish': (w) => ({ path: `/api/dispatch/plans/${w.planId}/publish` }),
  'POST /api/dispatch/assignments': (w) => ({
    path: '/api/dispatch/assignments',
    body: { caseIds: [w.pool[3]], collectorId: w.users.collector.id },
  }),
  'POST /api/dispatch/urgent': (w) => ({ path: '/api/dispatch/urgent', body: { caseId: w.pool[3] } }),
  'GET /api/dispatch/day': (w) => ({ path: '/api/dispatch/day', query: { date: w.today } }),
  'GET /api/map/cases': () => ({ path: '/api/map/cases', query: { bbox: '123,41,124,42' } }),
  'GET /api/results': () => ({ path: '/api/results', query: { from: '2026-11-01', to: '2026-11-30' } }),
  'GET /api/results.csv': () => ({ path: '/api/results.csv', query: { from: '2026-11-01', to: '2026-11-30' } }),
  'GET /api/review/visits/:id': (w) => ({ path: `/api/review/visits/${w.a.visitId}` }),
  'POST /api/review/visits/:id/verdict': (w) => ({ path: `/api/review/visits/${w.a.visitId}/verdict`, body: { verdict: 'accept' } }),
  'POST /api/review/visits/:id/settlement': (w) => ({
    path: `/api/review/visits/${w.a.visitId}/settlement`,
    body: { decision: 'approve' },
  }),
  'GET /api/review/visits/:id/evidence-pack': (w) => ({ path: `/api/review/visits/${w.a.visitId}/evidence-pack` }),
  'GET /api/review/cases/:id/evidence-pack': (w) => ({ path: `/api/review/cases/${w.a.caseIds[0]}/evidence-pack` }),
  'POST /api/review/complaints': (w) => ({
    path: '/api/review/complaints',
    body: { visitId: w.a.visitId, source: 'creditor', channel: 'email', body: '债权人转来的投诉' },
  }),
  'GET /api/review/complaints/:id': (w) => ({ path: `/api/review/complaints/${w.a.complaintId}` }),
  'PATCH /api/review/complaints/:id': (w) => ({
    path: `/api/review/complaints/${w.a.complaintId}`,
    body: { assigneeId: w.users.supervisor.id },
  }),
  'POST /api/risk/signals/:id/acknowledge': (w) => ({
    path: `/api/risk/signals/${w.a.signalIds[0]}/acknowledge`,
    body: { note: '已安排双人复访' },
  }),
};

const keyOf = (route: Pick<RouteAccess, 'method' | 'url'>) => `${route.method} ${route.url}`;

/** The table's routes that no policy entry covers: each is refused to everyone, and each fails this test. */
function routesWithoutPolicy(table: readonly RouteAccess[]): string[] {
  return table.filter((route) => route.access === undefined).map(keyOf);
}

function exampleFor(route: RouteAccess): ((w: AccessWorld) => RequestSpec) | undefined {
  const own = examples[keyOf(route)] ?? (route.method === 'HEAD' ? examples[`GET ${route.url}`] : undefined);
  if (own) return own;
  // A bare URL is a well-formed request only for a GET (or HEAD) without parameters.
  if ((route.method === 'GET' || route.method === 'HEAD') && !/[:*]/.test(route.url)) return () => ({ path: route.url });
  return undefined;
}

interface Answer {
  status: number;
  body: string;
}

async function send(method: string, spec: RequestSpec, token: string | undefined): Promise<Answer> {
  const url = new URL(spec.path, world.base);
  for (const [name, value] of Object.entries(spec.query ?? {})) url.searchParams.set(name, value);
  const headers: Record<string, string> = { ...(spec.headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) };
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (spec.raw) body = new Uint8Array(spec.raw);
  else if (spec.body !== undefined) {
    body = JSON.stringify(spec.body);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
  return { status: response.status, body: method === 'HEAD' ? '' : await response.text() };
}

const insiders = (access: Access): Caller[] =>
  callers.filter((caller) => decide(access, caller === 'anonymous' ? undefined : caller) === 'allowed');

describe('the route table', () => {
  it('gives every /api/ route a policy entry (a route without one is named here)', () => {
    const table = world.context.app.routeAccessTable;
    expect(table.length).toBeGreaterThan(40);
    expect(routesWithoutPolicy(table)).toEqual([]);
  });

  it('has no policy entry that matches no route (a renamed route would leave its old entry behind)', () => {
    const keys = new Set(
      world.context.app.routeAccessTable.flatMap((route) => [keyOf(route), ...(route.method === 'HEAD' ? [`GET ${route.url}`] : [])]),
    );
    expect(Object.keys(routePolicy).filter((key) => !keys.has(key))).toEqual([]);
  });

  it('includes the tus upload routes and the OpenAPI documents', () => {
    const keys = world.context.app.routeAccessTable.map(keyOf);
    expect(keys).toEqual(
      expect.arrayContaining([
        'POST /api/uploads',
        'HEAD /api/uploads/:id',
        'PATCH /api/uploads/:id',
        'DELETE /api/uploads/:id',
        'GET /api/docs/json',
      ]),
    );
  });

  it('has a well-formed example request for every route that needs one', () => {
    expect(world.context.app.routeAccessTable.filter((route) => !exampleFor(route)).map(keyOf)).toEqual([]);
  });

  it('refuses a route without a policy entry to everyone, logs it, and reports it by name', async () => {
    const lines: string[] = [];
    const app = Fastify({ logger: { level: 'warn', stream: { write: (line: string) => void lines.push(line) } } });
    registerErrorHandling(app);
    registerAccessPolicy(app);
    // Stands in for the auth plugin: the role a request claims becomes its session.
    app.decorateRequest('session', undefined);
    app.addHook('onRequest', async (request) => {
      const role = roles.find((name) => name === request.headers['x-role']);
      if (role) request.session = { sessionId: 'test', user: { id: uuidv7(), username: role, displayName: role, role, teamId: null } };
    });
    app.get('/api/unlisted-report', async () => ({ secret: 'the payload' }));
    app.get('/api/health', async () => ({ status: 'ok' }));
    await app.ready();
    try {
      expect(routesWithoutPolicy(app.routeAccessTable)).toEqual(['GET /api/unlisted-report', 'HEAD /api/unlisted-report']);
      expect(lines.join('')).toContain('/api/unlisted-report');
      for (const role of [undefined, ...roles]) {
        const response = await app.inject({ url: '/api/unlisted-report', headers: role ? { 'x-role': role } : {} });
        expect(response.statusCode, role ?? 'anonymous').toBe(403);
        expect(response.json<{ message: string }>().message).toBe(refusalMessages['no-policy']);
        expect(response.body).not.toContain('the payload');
      }
      expect(lines.filter((line) => line.includes('refused a route without an access policy'))).toHaveLength(roles.length + 1);
      // Control: the same app serves a route the policy lists.
      expect((await app.inject({ url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('every route × every caller', () => {
  it('answers 401 to anonymous callers on every non-public route, and lets them reach the public ones', async () => {
    const problems: string[] = [];
    for (const route of world.context.app.routeAccessTable) {
      const example = exampleFor(route);
      if (!route.access || !example) continue;
      const answer = await send(route.method, example(world), undefined);
      if (route.access.who === 'public') {
        if (answer.status === 401 || answer.status === 403) problems.push(`${keyOf(route)}: public, but anonymous got ${answer.status}`);
      } else if (answer.status !== 401) problems.push(`${keyOf(route)}: anonymous got ${answer.status}, expected 401`);
    }
    expect(problems).toEqual([]);
  });

  it('answers 403 to every role outside the policy, and nothing changes', async () => {
    const problems: string[] = [];
    for (const route of world.context.app.routeAccessTable) {
      const example = exampleFor(route);
      if (!route.access || !example) continue;
      const outsiders = callers.filter((caller) => caller !== 'anonymous' && !insiders(route.access!).includes(caller));
      if (outsiders.length === 0) continue;
      const before = await fingerprint(world);
      for (const caller of outsiders) {
        const answer = await send(route.method, example(world), await world.token(caller));
        if (answer.status !== 403) problems.push(`${keyOf(route)}: ${caller} got ${answer.status}, expected 403`);
        else if (route.method !== 'HEAD' && !answer.body.includes(refusalMessages.forbidden))
          problems.push(`${keyOf(route)}: ${caller} refused by something other than the policy: ${answer.body}`);
      }
      const after = await fingerprint(world);
      const changed = Object.keys(before).filter((table) => before[table] !== after[table]);
      if (changed.length > 0) problems.push(`${keyOf(route)}: refused requests changed ${changed.join(', ')}`);
    }
    expect(problems).toEqual([]);
  });

  it('never answers 401 or 403 to a role inside the policy for a well-formed request', async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const route of world.context.app.routeAccessTable) {
      const example = exampleFor(route);
      if (!route.access || !example) continue;
      for (const caller of insiders(route.access)) {
        const answer = await send(route.method, example(world), await world.token(caller));
        checked += 1;
        if (answer.status === 401 || answer.status === 403)
          problems.push(`${keyOf(route)}: ${caller} got ${answer.status}: ${answer.body}`);
        if (answer.status >= 500) problems.push(`${keyOf(route)}: ${caller} got ${answer.status}: ${answer.body}`);
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  it('sees a write in the fingerprint it compares (control for "nothing changes")', async () => {
    const before = await fingerprint(world);
    const spec = examples['POST /api/cases/import']!(world);
    expect((await send('POST', spec, await world.token('dispatcher'))).status).toBe(200);
    const after = await fingerprint(world);
    expect(Object.keys(before).filter((table) => before[table] !== after[table])).toContain('cases');
  });

  it('looks HEAD up as its GET', () => {
    expect(routeAccess('HEAD', '/api/cases/:id')).toBe(routePolicy['GET /api/cases/:id']);
    expect(routeAccess('HEAD', '/api/uploads/:id')).toBe(routePolicy['HEAD /api/uploads/:id']);
    expect(routeAccess('POST', '/api/cases/:id')).toBeUndefined();
  });
});

/** A valid payload for each client event; the record's type demands one for every event. */
const socketExamples: Record<ClientEvent, unknown[]> = {
  'position:update': [{ lat: 41.8, lng: 123.41, accuracyM: 8 }],
};

type LooseSocket = { timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> }; close(): void };

describe('every socket event × every caller', () => {
  it('refuses the handshake without a live session', async () => {
    await expect(openSocket(world.base, 'not-a-token')).rejects.toThrow(/unauthorized/);
  });

  it('handles an event only for the roles its policy lists; the others are answered with a refusal and change nothing', async () => {
    const problems: string[] = [];
    for (const event of clientEvents) {
      const access = socketEventPolicy[event];
      for (const caller of callers) {
        if (caller === 'anonymous') continue;
        const socket = (await openSocket(world.base, (await world.token(caller))!)) as unknown as LooseSocket;
        try {
          const before = await fingerprint(world);
          const answer = await socket.timeout(5_000).emitWithAck(event, ...socketExamples[event]);
          const after = await fingerprint(world);
          if (decide(access, caller) === 'allowed') {
            if ((answer as { accepted?: boolean }).accepted !== true)
              problems.push(`${event}: ${caller} inside the policy got ${JSON.stringify(answer)}`);
          } else {
            if (JSON.stringify(answer) !== JSON.stringify({ accepted: false, reason: refusalMessages.forbidden }))
              problems.push(`${event}: ${caller} got ${JSON.stringify(answer)}`);
            const changed = Object.keys(before).filter((table) => before[table] !== after[table]);
            if (changed.length > 0) problems.push(`${event}: refused event from ${caller} changed ${changed.join(', ')}`);
          }
        } finally {
          socket.close();
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('refuses an event the policy does not know, from every role (deny by default)', async () => {
    for (const caller of callers) {
      if (caller === 'anonymous') continue;
      const socket = (await openSocket(world.base, (await world.token(caller))!)) as unknown as LooseSocket;
      try {
        expect(await socket.timeout(5_000).emitWithAck('room:join', 'dispatch:all')).toEqual({
          accepted: false,
          reason: 'The server does not take this event.',
        });
      } finally {
        socket.close();
      }
    }
  });
});
