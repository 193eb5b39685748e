// Field-level exposure, driven by the route table: every GET route is called as every role its
// policy lets in, with real ids of that caller's own objects, and the whole answer (JSON, CSV, the
// entries of a zip, photo bytes) is searched for planted values: full identity numbers (nobody
// receives one), password and session hashes, other collectors' notes (for a collector, even on a
// case handed over to them), risk signals and scores (for a collector), another team's or
// collector's data (for team-limited staff and collectors), and whatever of the caller's own world
// the route's entry below does not list. A new GET route without an entry fails here. Sockets: what
// each role hears while the world moves is searched the same way.
import { eq, inArray } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerToClientEvents } from '../../shared/events.js';
import { cases, sessions, users } from '../../server/db/schema/index.js';
import { decide } from '../../server/auth/access-policy.js';
import type { RouteAccess } from '../../server/auth/access-policy.guard.js';
import { assignCases } from '../../server/dispatch/assignment.repository.js';
import { type AccessWorld, buildAccessWorld, type CollectorSide, type WorldUser } from '../fixtures/access-world.js';
import { type AnswerText, answerText, carries } from '../fixtures/answer-text.js';
import { bearer } from '../fixtures/factories.js';
import { type ClientSocket, openSocket } from '../fixtures/dispatch.js';
import { checkIn, checkOut, push, record } from '../fixtures/sync.js';

/** What a route may carry of its caller's own world. Anything of another's is never allowed. */
const kinds = ['case', 'debtor', 'contact', 'notes', 'evidence', 'risk', 'collector'] as const;
type Kind = (typeof kinds)[number];

interface Exposure {
  /** The kinds of data this route may carry (of what the caller may see at all). */
  exposes: readonly Kind[];
  /** The API's own description, public: it names fields, it carries no data. */
  contract?: true;
  /** The requests, for a caller whose own objects are `side`'s; null: not callable with that side's ids. */
  request?: (w: AccessWorld, side: CollectorSide) => string | string[] | null;
}

const none: Exposure = { exposes: [] };
const range = 'from=2026-11-01&to=2026-11-30';

/** One entry per GET route, keyed like the policy. */
const exposures: Record<string, Exposure> = {
  'GET /api/health': none,
  'GET /api/docs': none,
  'GET /api/docs/static/index.html': none,
  'GET /api/docs/static/swagger-initializer.js': none,
  'GET /api/docs/static/*': { exposes: [], request: () => '/api/docs/static/swagger-ui.css' },
  'GET /api/docs/json': { exposes: [], contract: true },
  'GET /api/docs/yaml': { exposes: [], contract: true },
  'GET /api/auth/me': { exposes: ['collector'] },
  // The session's own key for the device's data at rest: nothing of the world.
  'GET /api/session/device-key': none,
  'GET /api/users': { exposes: ['collector'] },
  'GET /api/collectors': { exposes: ['collector'] },
  'GET /api/teams': none,
  'GET /api/creditors': none,
  'GET /api/cases': { exposes: ['case', 'debtor', 'collector'], request: () => '/api/cases?limit=500' },
  'GET /api/cases/:id': {
    exposes: ['case', 'debtor', 'contact', 'notes', 'collector'],
    request: (_, s) => [`/api/cases/${s.caseIds[0]}`, ...(s === world.a ? [`/api/cases/${handedCaseId}`] : [])],
  },
  'GET /api/sync/pull': { exposes: ['case', 'debtor', 'contact', 'notes', 'collector'] },
  'GET /api/sync/photos': { exposes: ['case', 'evidence'], request: (_, s) => `/api/sync/photos?visitIds=${s.visitId}` },
  'GET /api/photos/:sha256': { exposes: ['evidence'], request: (_, s) => `/api/photos/${s.photo.sha256}` },
  'GET /api/visits/:id': { exposes: ['case', 'evidence', 'collector'], request: (_, s) => `/api/visits/${s.visitId}` },
  'GET /api/dispatch/plans/:id': {
    exposes: ['case', 'collector'],
    request: (w, s) => (s === w.a ? `/api/dispatch/plans/${w.planId}` : null),
  },
  'GET /api/dispatch/day': { exposes: ['case', 'collector'], request: (w) => `/api/dispatch/day?date=${w.today}` },
  'GET /api/map/cases': { exposes: ['case', 'collector'], request: () => '/api/map/cases?bbox=123,41,124,42' },
  'GET /api/results': { exposes: ['collector'], request: () => `/api/results?${range}` },
  'GET /api/results.csv': { exposes: ['collector'], request: () => `/api/results.csv?${range}` },
  'GET /api/review/visits': {
    exposes: ['case', 'debtor', 'evidence', 'collector'],
    request: () => '/api/review/visits?status=pending,accepted,rejected',
  },
  'GET /api/review/visits/:id': {
    exposes: ['case', 'debtor', 'contact', 'notes', 'evidence', 'risk', 'collector'],
    request: (_, s) => `/api/review/visits/${s.visitId}`,
  },
  'GET /api/review/visits/:id/evidence-pack': {
    exposes: ['case', 'debtor', 'contact', 'notes', 'evidence', 'collector'],
    request: (_, s) => `/api/review/visits/${s.visitId}/evidence-pack`,
  },
  'GET /api/review/cases/:id/evidence-pack': {
    exposes: ['case', 'debtor', 'contact', 'notes', 'evidence', 'collector'],
    request: (_, s) => `/api/review/cases/${s.caseIds[0]}/evidence-pack`,
  },
  'GET /api/review/complaints': { exposes: ['case', 'collector'] },
  'GET /api/review/complaints/:id': { exposes: ['case', 'collector'], request: (_, s) => `/api/review/complaints/${s.complaintId}` },
  'GET /api/review/supervisors': none,
  'GET /api/risk/signals': { exposes: ['case', 'risk'] },
  'GET /api/risk/board': { exposes: ['case', 'debtor', 'risk', 'collector'] },
};

/** Field names that carry a risk assessment or an evidence score: a collector receives none. */
const riskKey = /^(risk\w*|signals?|severity|evidenceScore|evidenceFlags|level)$/i;

let world: AccessWorld;
/** Values planted per side and kind. */
const planted = new Map<CollectorSide, Record<Kind, string[]>>();
/** Notes collector B wrote on a case since handed over to collector A: A must not read them. */
let handoverNotes: string[] = [];
let handedCaseId = '';
let pool: Record<Kind, string[]>;
let everyIdNumber: string[] = [];

const uniqueDigits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');

async function plantPhones(caseIds: string[]): Promise<string[]> {
  const phones: string[] = [];
  for (const id of caseIds) {
    const phone = `139${uniqueDigits(8)}`;
    await world.db.update(cases).set({ debtorPhone: phone }).where(eq(cases.id, id));
    phones.push(phone);
  }
  return phones;
}

async function debtorNames(caseIds: string[]): Promise<string[]> {
  return (await world.db.select({ name: cases.debtorName }).from(cases).where(inArray(cases.id, caseIds))).map((row) => row.name);
}

beforeAll(async () => {
  world = await buildAccessWorld({ DISPATCH_TEAM_SCOPE: 'team' });
  // B visits its third case and notes it, then the case is handed to A.
  const handed = world.b.caseIds[2]!;
  handedCaseId = handed;
  const addressId = world.b.addressOf.get(handed)!;
  const visitId = uuidv7();
  handoverNotes = [`B-handover-visit-${uniqueDigits(8)}`, `B-handover-note-${uniqueDigits(8)}`, `B-handover-family-${uniqueDigits(8)}`];
  const pushed = await world.context.app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: bearer((await world.token(world.b.user))!),
    payload: push([
      checkIn(handed, addressId, { visitId, at: '2026-11-23T03:00:00.000Z' }),
      record(handed, addressId, visitId, {
        createdAt: '2026-11-23T03:10:00.000Z',
        notes: handoverNotes[0],
        familySituation: { householdMembers: 2, notes: handoverNotes[2] },
      }),
      checkOut(handed, visitId, '2026-11-23T03:20:00.000Z'),
      { id: uuidv7(), type: 'note.add', createdAt: '2026-11-23T03:21:00.000Z', noteId: uuidv7(), caseId: handed, body: handoverNotes[1] },
    ]),
  });
  expect(pushed.json<{ results: { status: string }[] }>().results.map((r) => r.status)).toEqual([
    'applied',
    'applied',
    'applied',
    'applied',
  ]);
  await assignCases(world.db, [handed], world.users.collector.id);
  // Now team A's case with team B's history: left out of both sides' planted values.
  world.b.caseIds.splice(2, 1);

  for (const side of [world.a, world.b]) {
    planted.set(side, {
      case: [...side.caseIds, side.visitId, side.complaintId],
      debtor: await debtorNames(side.caseIds),
      contact: await plantPhones(side.caseIds),
      notes: side.writings,
      evidence: [side.photo.sha256],
      risk: side.signalIds,
      collector: [side.user.id],
    });
  }
  pool = {
    case: world.pool,
    debtor: await debtorNames(world.pool),
    contact: await plantPhones(world.pool),
    notes: [],
    evidence: [],
    risk: [],
    collector: [],
  };
  everyIdNumber = [...world.a.idNumbers, ...world.b.idNumbers];
});
afterAll(async () => world?.close());

interface Caller {
  name: string;
  user: WorldUser;
  /** Whose objects are the caller's to ask for; admins and upstream systems see both sides. */
  own: CollectorSide[];
}

const callersOf = (w: AccessWorld): Caller[] => [
  { name: 'collector A', user: w.users.collector, own: [w.a] },
  { name: 'dispatcher A', user: w.users.dispatcher, own: [w.a] },
  { name: 'supervisor A', user: w.users.supervisor, own: [w.a] },
  { name: 'dispatcher B', user: w.users.dispatcherB, own: [w.b] },
  { name: 'supervisor B', user: w.users.supervisorB, own: [w.b] },
  { name: 'admin', user: w.users.admin, own: [w.a, w.b] },
  { name: 'api client', user: w.users.api_client, own: [w.a, w.b] },
];

/** What no answer to this caller may carry, whatever the route, each with why. */
async function neverFor(caller: Caller): Promise<[string, string][]> {
  const hashes = await world.db.select({ hash: users.passwordHash }).from(users);
  const tokens = await world.db.select({ hash: sessions.tokenHash }).from(sessions);
  const never: [string, string][] = [
    ...everyIdNumber.map((n): [string, string] => [n, 'a full identity number']),
    ...hashes.map((row): [string, string] => [row.hash, 'a password hash']),
    ...tokens.map((row): [string, string] => [row.hash, 'a session token hash']),
  ];
  for (const side of [world.a, world.b])
    if (!caller.own.includes(side))
      for (const kind of kinds) for (const value of planted.get(side)![kind]) never.push([value, `the other side's ${kind}`]);
  if (caller.user.role === 'collector') {
    for (const kind of kinds) for (const value of pool[kind]) never.push([value, `an unassigned case's ${kind}`]);
    for (const value of handoverNotes) never.push([value, "another collector's note on a case handed over"]);
    for (const value of planted.get(world.a)!.risk) never.push([value, 'a risk signal']);
  }
  return never;
}

const keyOf = (route: Pick<RouteAccess, 'method' | 'url'>) => `${route.method} ${route.url}`;
const getRoutes = () => world.context.app.routeAccessTable.filter((route) => route.method === 'GET');

async function fetchAnswer(path: string, caller: WorldUser) {
  const response = await fetch(new URL(path, world.base), { headers: bearer((await world.token(caller))!) });
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, text: await answerText(body, response.headers.get('content-type')), body };
}

function findings(text: AnswerText, never: [string, string][], caller: Caller, exposure: Exposure): string[] {
  const found = never.filter(([value]) => carries(text, value)).map(([value, why]) => `${why} (${value})`);
  for (const side of caller.own)
    for (const kind of kinds)
      if (!exposure.exposes.includes(kind) && planted.get(side)![kind].some((value) => carries(text, value)))
        found.push(`its own ${kind}, which the route's entry does not list`);
  // The OpenAPI document names every field for everyone; the data behind it is what counts.
  if (caller.user.role === 'collector' && !exposure.contract)
    for (const key of text.keys) if (riskKey.test(key)) found.push(`a risk field "${key}"`);
  return [...new Set(found)];
}

describe('field-level exposure per role', () => {
  it('has an exposure entry for every GET route (a new route without one fails here), and none left over', () => {
    expect(getRoutes().length).toBeGreaterThan(25);
    expect(
      getRoutes()
        .filter((route) => !exposures[keyOf(route)])
        .map(keyOf),
    ).toEqual([]);
    const keys = new Set(getRoutes().map(keyOf));
    expect(Object.keys(exposures).filter((key) => !keys.has(key))).toEqual([]);
  });

  it('answers every role only what it may see, on every GET route', async () => {
    const problems: string[] = [];
    let answered = 0;
    for (const route of getRoutes()) {
      const exposure = exposures[keyOf(route)];
      if (!exposure || !route.access) continue;
      for (const caller of callersOf(world)) {
        if (decide(route.access, caller.user.role) !== 'allowed') continue;
        const never = await neverFor(caller);
        for (const side of caller.own) {
          const paths = exposure.request ? exposure.request(world, side) : route.url;
          for (const path of paths === null ? [] : [paths].flat()) {
            const answer = await fetchAnswer(path, caller.user);
            const label = `${keyOf(route)} as ${caller.name} (${path})`;
            if (answer.status !== 200) {
              problems.push(`${label}: got ${answer.status} ${answer.body.toString().slice(0, 200)}`);
              continue;
            }
            answered += 1;
            for (const finding of findings(answer.text, never, caller, exposure)) problems.push(`${label}: carries ${finding}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(answered).toBeGreaterThan(100);
  });

  it('finds planted values where they belong (control: the search sees them)', async () => {
    const asCollector = await fetchAnswer(`/api/cases/${world.a.caseIds[0]}`, world.users.collector);
    const [debtor] = await debtorNames([world.a.caseIds[0]!]);
    for (const value of [planted.get(world.a)!.contact[0]!, debtor!, world.a.writings[0]!, world.a.writings[2]!])
      expect(carries(asCollector.text, value), value).toBe(true);
    const handed = await fetchAnswer(`/api/cases/${handedCaseId}`, world.users.supervisor);
    expect(handoverNotes.filter((note) => carries(handed.text, note))).not.toEqual([]);
    const pack = await fetchAnswer(`/api/review/visits/${world.a.visitId}/evidence-pack`, world.users.supervisor);
    expect(carries(pack.text, world.a.writings[0]!)).toBe(true);
    const board = await fetchAnswer('/api/risk/board', world.users.supervisor);
    expect(world.a.signalIds.some((id) => carries(board.text, id))).toBe(true);
    const visit = await fetchAnswer(`/api/visits/${world.a.visitId}`, world.users.supervisor);
    expect(visit.text.keys.has('evidenceScore')).toBe(true);
  });
});

/**
 * What each server event may carry of another team, for staff limited to a team. The record's type
 * asks for an entry per event, so a new event is decided here.
 */
const socketCrossTeam: Record<keyof ServerToClientEvents, readonly Kind[]> = {
  'sync:nudge': [],
  // An SOS goes to every supervisor and dispatcher on purpose: a collector in danger needs whoever is watching.
  'alert:raised': ['collector'],
  'plan:progress': [],
  'review:alert': [],
  'collector:position': [],
  'dispatch:changed': [],
  'risk:signal': [],
};

describe('socket events per role', () => {
  const sockets: ClientSocket[] = [];
  afterAll(() => sockets.forEach((socket) => socket.close()));

  it('never carries a full identity number, nor a risk field or another side to a collector, nor another team to team staff', async () => {
    type Heard = { event: keyof ServerToClientEvents; args: unknown[] };
    const heard = new Map<Caller, Heard[]>();
    for (const caller of callersOf(world).filter((c) => c.user.role !== 'api_client')) {
      const socket = await openSocket(world.base, (await world.token(caller.user))!, sockets);
      const events: Heard[] = [];
      socket.onAny((event: keyof ServerToClientEvents, ...args: unknown[]) => events.push({ event, args }));
      heard.set(caller, events);
    }
    // A's world moves: a risky visit, an SOS and a position; a pool case is handed to A.
    const caseId = world.a.caseIds[1]!;
    const visitId = uuidv7();
    const now = new Date(Date.now() - 60_000).toISOString();
    const token = (await world.token(world.users.collector))!;
    const pushed = await world.context.app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: bearer(token),
      payload: push([
        checkIn(caseId, world.a.addressOf.get(caseId)!, { visitId }),
        record(caseId, world.a.addressOf.get(caseId)!, visitId, { outcome: 'claims_fraud', notes: '对方威胁要报警' }),
        { id: uuidv7(), type: 'sos.raise', createdAt: now, sosId: uuidv7(), position: { lat: 41.8, lng: 123.4, accuracyM: 9 } },
      ]),
    });
    expect(pushed.statusCode, pushed.body).toBe(200);
    const socketA = await openSocket(world.base, token, sockets);
    expect(await socketA.timeout(5_000).emitWithAck('position:update', { lat: 41.81, lng: 123.41, accuracyM: 7 })).toEqual({
      accepted: true,
    });
    const assigned = await world.context.app.inject({
      method: 'POST',
      url: '/api/dispatch/assignments',
      headers: bearer((await world.token(world.users.dispatcher))!),
      payload: { caseIds: [world.pool[3]], collectorId: world.users.collector.id },
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const supervisorA = [...heard].find(([c]) => c.name === 'supervisor A')![1];
    const expected = ['risk:signal', 'alert:raised', 'collector:position', 'dispatch:changed'];
    const end = Date.now() + 15_000;
    while (!expected.every((name) => supervisorA.some((e) => e.event === name)) && Date.now() < end)
      await new Promise((resolve) => setTimeout(resolve, 50));
    // Signals are NOTIFY-driven: give stragglers time to arrive where they should not.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect([...new Set(supervisorA.map((e) => e.event))].sort(), 'control: supervisor A hears them').toEqual(
      expect.arrayContaining(expected),
    );

    const problems: string[] = [];
    for (const [caller, events] of heard) {
      const never = await neverFor(caller);
      for (const event of events) {
        const text = await answerText(Buffer.from(JSON.stringify(event)), 'application/json');
        const allowed =
          caller.user.role === 'collector' ? [] : (socketCrossTeam[event.event] ?? []).map((kind) => `the other side's ${kind}`);
        for (const finding of findings(text, never, caller, { exposes: kinds }))
          if (!allowed.some((why) => finding.startsWith(why)))
            problems.push(`${caller.name} heard ${finding} in ${JSON.stringify(event).slice(0, 300)}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
