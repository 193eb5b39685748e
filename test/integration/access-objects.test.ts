// Other people's object ids. Every id-taking route in the route table has an object check here (a
// new one without fails): collector A asking for collector B's case, visit, photo, upload or note
// gets the very 404 an id that does not exist gets, byte for byte, with nothing of B's in it; staff
// limited to their team (DISPATCH_TEAM_SCOPE=team) likewise for another team's objects. Sockets: A
// hears nothing of B's, and no client event joins another room.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { CaseListResponse } from '../../shared/schemas/cases.js';
import type { PhotoStatusResponse, PullResponse } from '../../shared/schemas/sync.js';
import type { RouteAccess } from '../../server/auth/access-policy.guard.js';
import { userRoom } from '../../server/realtime/realtime.js';
import { type AccessWorld, buildAccessWorld, fingerprint, type WorldUser } from '../fixtures/access-world.js';
import { bearer } from '../fixtures/factories.js';
import { type ClientSocket, openSocket } from '../fixtures/dispatch.js';
import { checkIn, photoBytes, push } from '../fixtures/sync.js';

let world: AccessWorld;
beforeAll(async () => {
  world = await buildAccessWorld({ DISPATCH_TEAM_SCOPE: 'team', POSITION_INTERVAL_S: '1' });
});
afterAll(async () => world?.close());

interface Probe {
  /** Who asks, and what they must not reach. */
  caller: WorldUser;
  what: string;
  /** The caller's own object (a control: answered), when asking for it changes nothing. */
  own?: string;
  other: string;
  missing: string;
  body?: unknown;
  raw?: Buffer;
  headers?: Record<string, string>;
  /** Bytes of the other's object that must not appear in the answer. */
  secrets: (string | Buffer)[];
  /** Plans of another team keep their existing refusal (403, tested in dispatch-teams.test.ts); everything else is not found. */
  refusal?: 403;
}

type ObjectCheck = { probes: (w: AccessWorld) => Probe[] } | { unscoped: string };

const missingId = () => uuidv7();
const missingHash = () => randomBytes(32).toString('hex');
const tus = { 'tus-resumable': '1.0.0' };
const staffA = (w: AccessWorld) => [w.users.dispatcher, w.users.supervisor];

const caseSecrets = (w: AccessWorld, side: 'a' | 'b') => [world[side].caseIds[0]!, ...w[side].idNumbers, ...w[side].writings];

/** Keyed like the policy; a HEAD route without its own entry uses its GET's. */
const objectChecks: Record<string, ObjectCheck> = {
  'GET /api/cases/:id': {
    probes: (w) =>
      [w.users.collector, ...staffA(w)].map((caller) => ({
        caller,
        what: "B's case (its notes and identity number with it)",
        own: `/api/cases/${w.a.caseIds[0]}`,
        other: `/api/cases/${w.b.caseIds[0]}`,
        missing: `/api/cases/${missingId()}`,
        secrets: caseSecrets(w, 'b'),
      })),
  },
  'PATCH /api/users/:id': { unscoped: 'Admins manage every user; no other role reaches the route (access-matrix.test.ts).' },
  'HEAD /api/uploads/:id': {
    probes: (w) => [
      {
        caller: w.users.collector,
        what: "B's unfinished upload",
        own: `/api/uploads/${w.a.uploadId}`,
        other: `/api/uploads/${w.b.uploadId}`,
        missing: `/api/uploads/${missingId()}`,
        headers: tus,
        secrets: [w.b.uploadId],
      },
    ],
  },
  'PATCH /api/uploads/:id': {
    probes: (w) => [
      {
        caller: w.users.collector,
        what: "B's unfinished upload (sending bytes into it)",
        other: `/api/uploads/${w.b.uploadId}`,
        missing: `/api/uploads/${missingId()}`,
        headers: { ...tus, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
        raw: photoBytes(99, 512),
        secrets: [w.b.uploadId],
      },
    ],
  },
  'DELETE /api/uploads/:id': {
    probes: (w) => [
      {
        caller: w.users.collector,
        what: "B's unfinished upload (abandoning it)",
        other: `/api/uploads/${w.b.uploadId}`,
        missing: `/api/uploads/${missingId()}`,
        headers: tus,
        secrets: [w.b.uploadId],
      },
    ],
  },
  'GET /api/photos/:sha256': {
    probes: (w) =>
      [w.users.collector, ...staffA(w)].map((caller) => ({
        caller,
        what: "B's photo",
        own: `/api/photos/${w.a.photo.sha256}`,
        other: `/api/photos/${w.b.photo.sha256}`,
        missing: `/api/photos/${missingHash()}`,
        secrets: [w.b.photo.bytes.subarray(0, 64), w.b.photo.bytes.subarray(-64)],
      })),
  },
  'GET /api/visits/:id': {
    probes: (w) =>
      [w.users.collector, ...staffA(w)].map((caller) => ({
        caller,
        what: "B's visit",
        own: `/api/visits/${w.a.visitId}`,
        other: `/api/visits/${w.b.visitId}`,
        missing: `/api/visits/${missingId()}`,
        secrets: [w.b.visitId, w.b.photo.sha256, w.b.caseIds[0]!],
      })),
  },
  'GET /api/dispatch/plans/:id': {
    probes: (w) => [
      {
        caller: w.users.dispatcherB,
        what: "team A's plan",
        other: `/api/dispatch/plans/${w.planId}`,
        missing: `/api/dispatch/plans/${missingId()}`,
        secrets: [w.pool[0]!, w.users.collector.id],
        refusal: 403,
      },
    ],
  },
  'PATCH /api/dispatch/plans/:id': {
    probes: (w) => [
      {
        caller: w.users.dispatcherB,
        what: "team A's plan (editing it)",
        other: `/api/dispatch/plans/${w.planId}`,
        missing: `/api/dispatch/plans/${missingId()}`,
        body: { op: 'remove', caseId: w.pool[0] },
        secrets: [w.pool[1]!, w.users.collector.id],
        refusal: 403,
      },
    ],
  },
  'POST /api/dispatch/plans/:id/publish': {
    probes: (w) => [
      {
        caller: w.users.dispatcherB,
        what: "team A's plan (publishing it)",
        other: `/api/dispatch/plans/${w.planId}/publish`,
        missing: `/api/dispatch/plans/${missingId()}/publish`,
        secrets: [w.pool[0]!, w.users.collector.id],
        refusal: 403,
      },
    ],
  },
  'GET /api/review/visits/:id': {
    probes: (w) => [
      {
        caller: w.users.supervisorB,
        what: "team A's visit review",
        own: `/api/review/visits/${w.b.visitId}`,
        other: `/api/review/visits/${w.a.visitId}`,
        missing: `/api/review/visits/${missingId()}`,
        secrets: [...w.a.writings, w.a.visitId],
      },
    ],
  },
  'POST /api/review/visits/:id/verdict': {
    probes: (w) => [
      {
        caller: w.users.supervisorB,
        what: "team A's visit (judging it)",
        other: `/api/review/visits/${w.a.visitId}/verdict`,
        missing: `/api/review/visits/${missingId()}/verdict`,
        body: { verdict: 'reject', reason: '证据不足' },
        secrets: [w.a.visitId],
      },
    ],
  },
  'POST /api/review/visits/:id/settlement': {
    probes: (w) => [
      {
        caller: w.users.supervisorB,
        what: "team A's settlement request",
        other: `/api/review/visits/${w.a.visitId}/settlement`,
        missing: `/api/review/visits/${missingId()}/settlement`,
        body: { decision: 'approve' },
        secrets: [w.a.visitId],
      },
    ],
  },
  'GET /api/review/visits/:id/evidence-pack': {
    probes: (w) => [
      {
        caller: w.users.supervisorB,
        what: "team A's evidence pack",
        own: `/api/review/visits/${w.b.visitId}/evidence-pack`,
        other: `/api/review/visits/${w.a.visitId}/evidence-pack`,
        missing: `/api/review/visits/${missingId()}/evidence-pack`,
        secrets: [w.a.photo.bytes.subarray(0, 64), w.a.visitId],
      },
    ],
  },
  'GET /api/review/cases/:id/evidence-pack': {
    probes: (w) => [
      {
        caller: w.users.supervisorB,
        what: "team A's case evidence pack",
        own: `/api/review/cases/${w.b.caseIds[0]}/evidence-pack`,
        other: `/api/review/cases/${w.a.caseIds[0]}/evidence-pack`,
        missing: `/api/review/cases/${missingId()}/evidence-pack`,
        secrets: [w.a.photo.bytes.subarray(0, 64), w.a.visitId],
      },
    ],
  },
  'GET /api/review/complaints/:id': {
    probes: (w) => [
      {
        caller: w.users.supervisorB,
        what: "team A's complaint",
        own: `/api/review/complaints/${w.b.complaintId}`,
        other: `/api/review/complaints/${w.a.complaintId}`,
        missing: `/api/review/complaints/${missingId()}`,
        secrets: [w.a.visitId],
      },
    ],
  },
  'PATCH /api/review/complaints/:id': {
    probes: (w) => [
      {
        caller: w.users.supervisorB,
        what: "team A's complaint (taking it)",
        other: `/api/review/complaints/${w.a.complaintId}`,
        missing: `/api/review/complaints/${missingId()}`,
        body: { assigneeId: w.users.supervisorB.id },
        secrets: [w.a.visitId],
      },
    ],
  },
  'POST /api/risk/signals/:id/acknowledge': {
    probes: (w) => [
      {
        caller: w.users.supervisorB,
        what: "team A's risk signal",
        other: `/api/risk/signals/${w.a.signalIds[0]}/acknowledge`,
        missing: `/api/risk/signals/${missingId()}/acknowledge`,
        body: { note: '跨组确认' },
        secrets: [w.a.visitId, w.a.caseIds[0]!],
      },
    ],
  },
};

const keyOf = (route: Pick<RouteAccess, 'method' | 'url'>) => `${route.method} ${route.url}`;
const idRoutes = () => world.context.app.routeAccessTable.filter((route) => route.url.includes('/:'));
const checkFor = (route: RouteAccess) =>
  objectChecks[keyOf(route)] ?? (route.method === 'HEAD' ? objectChecks[`GET ${route.url}`] : undefined);

interface Answer {
  status: number;
  body: Buffer;
  length: string | null;
}

async function send(method: string, path: string, caller: WorldUser, probe: Pick<Probe, 'body' | 'raw' | 'headers'>): Promise<Answer> {
  const headers: Record<string, string> = { ...(probe.headers ?? {}), ...bearer((await world.token(caller))!) };
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (probe.raw) body = new Uint8Array(probe.raw);
  else if (probe.body !== undefined) {
    body = JSON.stringify(probe.body);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(new URL(path, world.base), { method, headers, ...(body === undefined ? {} : { body }) });
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()), length: response.headers.get('content-length') };
}

describe("another user's object ids", () => {
  it('has an object check for every route that takes an id (a new one without fails here)', () => {
    expect(idRoutes().length).toBeGreaterThan(15);
    expect(
      idRoutes()
        .filter((route) => !checkFor(route))
        .map(keyOf),
    ).toEqual([]);
  });

  it("answers another's id exactly as an id that does not exist, with none of its bytes, and changes nothing", async () => {
    const problems: string[] = [];
    let probed = 0;
    for (const route of idRoutes()) {
      const check = checkFor(route);
      if (!check || 'unscoped' in check) continue;
      for (const probe of check.probes(world)) {
        const label = `${keyOf(route)} as ${probe.caller.role} ${probe.caller.teamId === world.teams.a ? 'A' : 'B'}, asking for ${probe.what}`;
        if (probe.own) {
          const own = await send(route.method, probe.own, probe.caller, probe);
          if (own.status >= 300)
            problems.push(`${label}: control on the caller's own object got ${own.status} ${own.body.toString().slice(0, 200)}`);
        }
        const before = await fingerprint(world);
        const other = await send(route.method, probe.other, probe.caller, probe);
        const after = await fingerprint(world);
        const missing = await send(route.method, probe.missing, probe.caller, probe);
        probed += 1;
        const changed = Object.keys(before).filter((table) => before[table] !== after[table]);
        if (changed.length > 0) problems.push(`${label}: changed ${changed.join(', ')}`);
        for (const secret of probe.secrets)
          if (other.body.includes(secret))
            problems.push(`${label}: the answer carries the other's ${typeof secret === 'string' ? secret : 'bytes'}`);
        if (probe.refusal === 403) {
          if (other.status !== 403 || (route.method !== 'HEAD' && !other.body.toString().includes('another team')))
            problems.push(`${label}: got ${other.status} ${other.body.toString().slice(0, 200)}`);
          continue;
        }
        if (other.status !== 404 || missing.status !== 404)
          problems.push(`${label}: got ${other.status}, a missing id ${missing.status}; expected 404 for both`);
        if (route.method === 'HEAD') {
          if (other.length !== missing.length)
            problems.push(`${label}: HEAD length ${other.length} differs from a missing id's ${missing.length}`);
        } else if (!other.body.equals(missing.body))
          problems.push(`${label}: a ${other.body.length}-byte body differs from a missing id's ${missing.body.toString()}`);
      }
    }
    expect(problems).toEqual([]);
    expect(probed).toBeGreaterThan(20);
  });

  it("keeps B's cases, notes and visits out of A's lists and pull", async () => {
    const token = (await world.token(world.users.collector))!;
    const list = (await world.context.app.inject({ url: '/api/cases?limit=500', headers: bearer(token) })).json<CaseListResponse>();
    expect(list.cases.map((c) => c.id).sort()).toEqual([...world.a.caseIds].sort());
    const pull = await world.context.app.inject({ url: '/api/sync/pull', headers: bearer(token) });
    expect(pull.statusCode).toBe(200);
    expect(
      pull
        .json<PullResponse>()
        .cases.map((c) => c.id)
        .sort(),
    ).toEqual([...world.a.caseIds].sort());
    for (const secret of [...world.b.writings, ...world.b.caseIds, world.b.visitId]) expect(pull.body).not.toContain(secret);
    const photos = await world.context.app.inject({
      url: `/api/sync/photos?visitIds=${world.a.visitId},${world.b.visitId}`,
      headers: bearer(token),
    });
    expect(photos.json<PhotoStatusResponse>().visits.map((v) => v.visitId)).toEqual([world.a.visitId]);
  });
});

describe('rooms', () => {
  const sockets: ClientSocket[] = [];
  afterAll(() => sockets.forEach((socket) => socket.close()));

  const heard = (socket: ClientSocket) => {
    const events: { event: string; args: unknown[] }[] = [];
    socket.onAny((event: string, ...args: unknown[]) => events.push({ event, args }));
    return events;
  };
  const until = async (condition: () => boolean, what: string, ms = 10_000) => {
    const end = Date.now() + ms;
    while (!condition()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  type LooseSocket = { timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> } };

  it("never lets A's socket hear B's nudges, positions, visits or alerts, nor join another room by any event", async () => {
    const collectorB = world.b.user;
    const socketA = await openSocket(world.base, (await world.token(world.users.collector))!, sockets);
    const socketB = await openSocket(world.base, (await world.token(collectorB))!, sockets);
    const staffB = await openSocket(world.base, (await world.token(world.users.supervisorB))!, sockets);
    const toA = heard(socketA);
    const toB = heard(socketB);
    const toStaffB = heard(staffB);

    // A tries every way in: room-joining event names, other people's rooms as arguments, extra fields on its one event.
    const rooms = [
      userRoom(collectorB.id),
      `team:${world.teams.b}`,
      'dispatch:all',
      `dispatch:team:${world.teams.b}`,
      'role:supervisor',
      'role:dispatcher',
    ];
    for (const event of ['join', 'room:join', 'subscribe', 'watch', 'dispatch:watch', 'sync:nudge', 'collector:position']) {
      for (const room of rooms) {
        expect(await (socketA as unknown as LooseSocket).timeout(5_000).emitWithAck(event, room), event).toEqual({
          accepted: false,
          reason: 'The server does not take this event.',
        });
      }
    }
    const withRoom = { lat: 41.8, lng: 123.4, accuracyM: 5, room: rooms[0] };
    expect(await (socketA as unknown as LooseSocket).timeout(5_000).emitWithAck('position:update', withRoom)).toMatchObject({
      accepted: false,
    });
    const [serverSideA] = await world.context.app.realtime.in(userRoom(world.users.collector.id)).fetchSockets();
    expect([...serverSideA!.rooms].filter((room) => room !== serverSideA!.id).sort()).toEqual(
      [userRoom(world.users.collector.id), 'role:collector', `team:${world.teams.a}`].sort(),
    );

    // B's world moves: a case handed to B (nudge), an SOS, a note and a check-in pushed, a position reported.
    const dispatcherB = (await world.token(world.users.dispatcherB))!;
    const assigned = await world.context.app.inject({
      method: 'POST',
      url: '/api/dispatch/assignments',
      headers: bearer(dispatcherB),
      payload: { caseIds: [world.pool[3]], collectorId: collectorB.id },
    });
    expect(assigned.statusCode).toBe(200);
    const tokenB = (await world.token(collectorB))!;
    const caseId = world.b.caseIds[1]!;
    const now = new Date(Date.now() - 60_000).toISOString();
    const pushed = await world.context.app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: bearer(tokenB),
      payload: push([
        {
          id: uuidv7(),
          type: 'sos.raise',
          createdAt: now,
          sosId: uuidv7(),
          position: { lat: 41.8, lng: 123.4, accuracyM: 9 },
          note: '对方持械',
        },
        { id: uuidv7(), type: 'note.add', createdAt: now, noteId: uuidv7(), caseId, body: '门口有狗' },
        checkIn(caseId, world.b.addressOf.get(caseId)!, { visitId: uuidv7() }),
      ]),
    });
    expect(pushed.statusCode, pushed.body).toBe(200);
    expect(await socketB.timeout(5_000).emitWithAck('position:update', { lat: 41.81, lng: 123.41, accuracyM: 7 })).toEqual({
      accepted: true,
    });

    // Controls: B and B's supervisor hear them.
    await until(() => toB.some((e) => e.event === 'sync:nudge'), "B's nudge");
    await until(
      () => ['alert:raised', 'collector:position', 'dispatch:changed'].every((name) => toStaffB.some((e) => e.event === name)),
      "B's supervisor's alert, position and visit",
    );
    // Nudges are debounced and NOTIFY-driven: give stragglers time to arrive where they should not.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(toA).toEqual([]);
  });
});
