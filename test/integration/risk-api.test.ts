// The risk routes: the feed's cursor paging (no gaps, no duplicates, a late commit never skipped),
// the board, acknowledgement, who may reach what, refusals of bad input, and 'risk:signal' live.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RiskBoardItem, RiskBoardResponse, RiskFeedResponse, RiskSignal } from '../../shared/schemas/risk.js';
import { auditLog } from '../../server/db/schema/index.js';
import { bearer, createTeam, signedInUser } from '../fixtures/factories.js';
import { type ClientSocket, collect, openSocket, serverUrl } from '../fixtures/dispatch.js';
import { pushAs, riskWorld, type RiskWorld, visitBatch } from '../fixtures/risk.js';
import { createTestContext, type TestContext } from '../helper.js';

let context: TestContext;
let world: RiskWorld;
let supervisor: string;
let admin: string;
let upstream: string;
let collector: string;
let dispatcher: string;
let teamId: string;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  context = await createTestContext();
  const db = context.database.db;
  teamId = (await createTeam(db)).id;
  world = await riskWorld(context.app, db, 30, teamId);
  supervisor = (await signedInUser(context.app, db, 'supervisor', { teamId })).token;
  admin = (await signedInUser(context.app, db, 'admin')).token;
  upstream = (await signedInUser(context.app, db, 'api_client')).token;
  dispatcher = (await signedInUser(context.app, db, 'dispatcher')).token;
  collector = world.collector.token;
  await context.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await context?.close();
});

const get = (url: string, token: string) => context.app.inject({ url, headers: bearer(token) });
const acknowledge = (id: string, token: string, payload?: object) =>
  context.app.inject({
    method: 'POST',
    url: `/api/risk/signals/${id}/acknowledge`,
    headers: bearer(token),
    ...(payload ? { payload } : {}),
  });
let nextCase = 0;
const moved = () => visitBatch(world, world.caseIds[nextCase++]!, { outcome: 'moved_away', metPerson: 'neighbour', notes: '已搬走' });

async function readAll(limit: number, after?: string): Promise<{ signals: RiskSignal[]; cursor: string; pages: number }> {
  const signals: RiskSignal[] = [];
  let cursor = after;
  let pages = 0;
  for (;;) {
    const response = await get(`/api/risk/signals?limit=${limit}${cursor ? `&after=${cursor}` : ''}`, upstream);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json<RiskFeedResponse>();
    pages += 1;
    signals.push(...page.signals);
    cursor = page.nextCursor;
    if (!page.hasMore) return { signals, cursor, pages };
  }
}

/**
 * The feed shows only transactions older than every one still running anywhere on the PostgreSQL
 * server, so another database's long transaction (a benchmark's load) delays it: read until all arrived.
 */
async function readUntil(count: number, limit: number, after?: string) {
  let read = await readAll(limit, after);
  const deadline = Date.now() + 60_000;
  while (read.signals.length < count && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    read = await readAll(limit, after);
  }
  return read;
}

describe('the feed', () => {
  it('pages by cursor with no gaps and no duplicates, then carries on with what comes later', async () => {
    // 12 visits in 4 pushes: 12 address_invalid, 4 with a fraud claim as well.
    for (let push = 0; push < 4; push++) {
      const visits = [
        moved(),
        moved(),
        visitBatch(world, world.caseIds[nextCase++]!, { outcome: 'claims_fraud', notes: '冒办', metPerson: 'debtor' }),
      ];
      await pushAs(
        context.app,
        collector,
        visits.flatMap((v) => v.mutations),
      );
    }
    const first = await readUntil(12, 5);
    expect(first.signals).toHaveLength(12);
    expect(first.pages).toBe(3);
    expect(new Set(first.signals.map((s) => s.id)).size).toBe(12);
    const positions = first.signals.map((s) => s.cursor.split('-').map(Number) as [number, number]);
    positions
      .slice(1)
      .forEach(([xid, seq], i) => expect(xid > positions[i]![0] || (xid === positions[i]![0] && seq > positions[i]![1])).toBe(true));
    expect(first.signals[0]).toMatchObject({
      type: 'address_invalid',
      action: 'skip_trace',
      status: 'open',
      creditor: expect.any(String),
      caseExternalId: expect.any(String),
    });

    const later = moved();
    await pushAs(context.app, collector, later.mutations);
    const next = await readUntil(1, 5, first.cursor);
    expect(next.signals.map((s) => s.visitId)).toEqual([later.visitId]);
    const nothing = await get(`/api/risk/signals?after=${next.cursor}`, upstream);
    expect(nothing.json<RiskFeedResponse>()).toEqual({ signals: [], nextCursor: next.cursor, hasMore: false });
  });

  it.skipIf(!process.env.DATABASE_URL)('never skips a signal whose transaction commits after a later one (PostgreSQL)', async () => {
    const url = context.config.databaseUrl!;
    const { cursor } = await readAll(100);
    const early = moved();
    await pushAs(context.app, collector, early.mutations);
    const slow = new pg.Client({ connectionString: url });
    await slow.connect();
    try {
      // A transaction that raises a signal and stays open while another push commits.
      await slow.query('begin');
      await slow.query(
        `insert into risk_signals (id, case_id, visit_id, type, severity, reason, occurred_at) select gen_random_uuid(), case_id, id, 'paid', 'info', 'slow', now() from visits where id = $1`,
        [early.visitId],
      );
      const fast = moved();
      await pushAs(context.app, collector, fast.mutations);
      // While it is open, the fast push's signal (committed, but behind it) must not show.
      const during = await readAll(100, cursor);
      expect(during.signals.map((s) => [s.visitId, s.type])).not.toContainEqual([fast.visitId, 'address_invalid']);
      await slow.query('commit');
      const after = await readUntil(3 - during.signals.length, 100, during.cursor);
      expect([...during.signals, ...after.signals].map((s) => [s.visitId, s.type])).toEqual([
        [early.visitId, 'address_invalid'],
        [early.visitId, 'paid'],
        [fast.visitId, 'address_invalid'],
      ]);
    } finally {
      await slow.end();
    }
  });
});

describe('the board and acknowledgement', () => {
  it('lists open signals gravest first with place, team and case level, and counts them by team, type and severity', async () => {
    const response = await get('/api/risk/board', supervisor);
    expect(response.statusCode, response.body).toBe(200);
    const board = response.json<RiskBoardResponse>();
    expect(board.signals[0]).toMatchObject({
      type: 'fraud_claim',
      severity: 'high',
      teamId,
      caseRiskLevel: 'high',
      lat: expect.any(Number),
      collectorId: world.collector.id,
    });
    expect(board.total).toBe(board.signals.length);
    expect(board.counts.find((c) => c.type === 'fraud_claim')).toMatchObject({ teamId, severity: 'high', count: 4 });
    const filtered = (await get('/api/risk/board?type=fraud_claim&severity=high&bbox=123,41,124,42', admin)).json<RiskBoardResponse>();
    expect(filtered.signals.map((s) => s.type)).toEqual(['fraud_claim', 'fraud_claim', 'fraud_claim', 'fraud_claim']);
    expect((await get('/api/risk/board?bbox=100,10,101,11', admin)).json<RiskBoardResponse>().total).toBe(0);
  });

  it('acknowledges once (audited), answers a repeat with the signal as it is, and hides it from the open board', async () => {
    const board = (await get('/api/risk/board?type=address_invalid', supervisor)).json<RiskBoardResponse>();
    const target = board.signals[0]!;
    const first = await acknowledge(target.id, supervisor, { note: '已安排信息修复' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<RiskBoardItem>()).toMatchObject({ id: target.id, status: 'acknowledged', acknowledgedAt: expect.any(String) });
    const again = await acknowledge(target.id, admin);
    expect(again.json<RiskBoardItem>().acknowledgedAt).toBe(first.json<RiskBoardItem>().acknowledgedAt);
    const audits = (await context.database.db.select().from(auditLog)).filter(
      (row) => row.action === 'risk.acknowledge' && row.subjectId === target.id,
    );
    expect(audits).toHaveLength(1);
    expect(
      (await get('/api/risk/board?type=address_invalid', supervisor)).json<RiskBoardResponse>().signals.map((s) => s.id),
    ).not.toContain(target.id);
    expect((await get('/api/risk/board?status=acknowledged', supervisor)).json<RiskBoardResponse>().signals.map((s) => s.id)).toContain(
      target.id,
    );
  });

  it('tells supervisors live: a new signal and an acknowledgement arrive as risk:signal', async () => {
    const socket = await openSocket(serverUrl(context.app), supervisor, sockets);
    const dispatcherSocket = await openSocket(serverUrl(context.app), dispatcher, sockets);
    const heard = collect(socket, 'risk:signal');
    const overheard = collect(dispatcherSocket, 'risk:signal');
    const visit = moved();
    await pushAs(context.app, collector, visit.mutations);
    const about = () => heard.filter((s) => s.visitId === visit.visitId);
    await expect.poll(() => about().map((s) => s.status)).toEqual(['open']);
    expect(about()[0]).toMatchObject({ type: 'address_invalid', teamId, collectorName: expect.any(String), lat: expect.any(Number) });
    await acknowledge(about()[0]!.id, supervisor);
    await expect.poll(() => about().map((s) => s.status)).toEqual(['open', 'acknowledged']);
    expect(overheard).toEqual([]);
  });
});

describe('access and refusals', () => {
  it('a collector or a dispatcher reaches no risk route (403); nobody signed in gets 401', async () => {
    const someId = '0190a0b0-0000-7000-8000-000000000001';
    for (const token of [collector, dispatcher]) {
      expect((await get('/api/risk/signals', token)).statusCode).toBe(403);
      expect((await get('/api/risk/board', token)).statusCode).toBe(403);
      expect((await acknowledge(someId, token)).statusCode).toBe(403);
    }
    expect((await context.app.inject({ url: '/api/risk/signals' })).statusCode).toBe(401);
    // The upstream system reads the feed but does not handle signals.
    expect((await get('/api/risk/board', upstream)).statusCode).toBe(403);
    expect((await acknowledge(someId, upstream)).statusCode).toBe(403);
  });

  it('bad input is a 4xx that says what to fix', async () => {
    const cases: [string, number, RegExp][] = [
      ['/api/risk/signals?after=yesterday', 400, /cursor/],
      ['/api/risk/signals?limit=0', 400, /limit/],
      ['/api/risk/signals?limit=5000', 400, /limit/],
      ['/api/risk/signals?since=1', 400, /since/],
      ['/api/risk/board?type=volcano', 400, /type/],
      ['/api/risk/board?bbox=1,2,3', 400, /bbox/],
      ['/api/risk/board?teamId=nope', 400, /teamId/],
    ];
    for (const [url, status, message] of cases) {
      const response = await get(url, url.includes('board') ? supervisor : upstream);
      expect(response.statusCode, url).toBe(status);
      expect(response.json<{ message: string }>().message, url).toMatch(message);
    }
    expect((await acknowledge('not-a-uuid', supervisor)).statusCode).toBe(400);
    expect((await acknowledge('0190a0b0-0000-7000-8000-000000000001', supervisor)).statusCode).toBe(404);
    const board = (await get('/api/risk/board', supervisor)).json<RiskBoardResponse>();
    expect((await acknowledge(board.signals[0]!.id, supervisor, { note: 'x'.repeat(501) })).statusCode).toBe(400);
    expect((await acknowledge(board.signals[0]!.id, supervisor, { reason: 'x' })).statusCode).toBe(400);
  });

  it('with teams restricted, a supervisor of another team neither sees nor acknowledges these signals', async () => {
    const restricted = await createTestContext({ DISPATCH_TEAM_SCOPE: 'team' });
    try {
      const db = restricted.database.db;
      const [mine, theirs] = [(await createTeam(db)).id, (await createTeam(db)).id];
      const own = await riskWorld(restricted.app, db, 1, mine);
      await pushAs(
        restricted.app,
        own.collector.token,
        visitBatch(own, own.caseIds[0]!, { outcome: 'claims_fraud', notes: '冒办' }).mutations,
      );
      const outsider = (await signedInUser(restricted.app, db, 'supervisor', { teamId: theirs })).token;
      const insider = (await signedInUser(restricted.app, db, 'supervisor', { teamId: mine })).token;
      const seen = (token: string) =>
        restricted.app.inject({ url: '/api/risk/board', headers: bearer(token) }).then((r) => r.json<RiskBoardResponse>());
      expect((await seen(outsider)).total).toBe(0);
      const signal = (await seen(insider)).signals[0]!;
      expect(signal.teamId).toBe(mine);
      const asked = await restricted.app.inject({ url: `/api/risk/board?teamId=${mine}`, headers: bearer(outsider) });
      expect(asked.statusCode).toBe(403);
      const refused = await restricted.app.inject({
        method: 'POST',
        url: `/api/risk/signals/${signal.id}/acknowledge`,
        headers: bearer(outsider),
      });
      expect(refused.statusCode).toBe(404);
    } finally {
      await restricted.close();
    }
  });
});
