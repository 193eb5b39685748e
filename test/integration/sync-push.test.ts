import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../shared/schemas/cases.js';
import type { PushResponse } from '../../shared/schemas/sync.js';
import { caseNotes, cases, syncMutations, visitPhotos, visits } from '../../server/db/schema/index.js';
import { assignCases } from '../../server/dispatch/assignment.repository.js';
import { bearer, caseRow, createCreditor, signedInUser } from '../fixtures/factories.js';
import { checkIn, checkOut, morning, push, record } from '../fixtures/sync.js';
import { createTestContext, type TestContext } from '../helper.js';

let context: TestContext;
let collector: { token: string; id: string };
let other: { token: string; id: string };
const caseIds: string[] = [];
const addressOf = new Map<string, string>();

beforeAll(async () => {
  context = await createTestContext();
  const db = context.database.db;
  const dispatcher = await signedInUser(context.app, db, 'dispatcher');
  const a = await signedInUser(context.app, db, 'collector');
  const b = await signedInUser(context.app, db, 'collector');
  collector = { token: a.token, id: a.user.id };
  other = { token: b.token, id: b.user.id };
  const creditor = (await createCreditor(db)).code;
  const rows = [1, 2, 3].map((n) => caseRow(creditor, `SYNC-${n}`, { amounts: { principal: 1_000_000, interest: 0, fees: 0 } }));
  await context.app.inject({ method: 'POST', url: '/api/cases/import', headers: bearer(dispatcher.token), payload: rows });
  for (const row of await db.select({ id: cases.id, externalId: cases.externalId }).from(cases).orderBy(cases.externalId)) caseIds.push(row.id);
  await assignCases(db, [caseIds[0]!, caseIds[1]!], collector.id);
  await assignCases(db, [caseIds[2]!], other.id);
  for (const [index, id] of caseIds.entries()) {
    const token = index < 2 ? collector.token : other.token;
    const detail = (await context.app.inject({ url: `/api/cases/${id}`, headers: bearer(token) })).json<CaseDetail>();
    addressOf.set(id, detail.addresses[0]!.id);
  }
});
afterAll(async () => context?.close());

const send = async (body: unknown, token = collector.token) => {
  const response = await context.app.inject({ method: 'POST', url: '/api/sync/push', headers: bearer(token), payload: body as object });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<PushResponse>().results;
};
const visitCount = async () => (await context.database.db.select({ n: count() }).from(visits))[0]!.n;

describe('push', () => {
  it('applies a visit: check-in, record with promise and photos, check-out, with both times kept', async () => {
    const caseId = caseIds[0]!;
    const arrive = checkIn(caseId, addressOf.get(caseId)!);
    const visitId = (arrive as { visitId: string }).visitId;
    const photo = { sha256: 'a'.repeat(64), sizeBytes: 200_000, takenAt: '2026-11-23T02:10:00.000Z' };
    const results = await send(push([arrive, record(caseId, addressOf.get(caseId)!, visitId, { outcome: 'promise_to_pay', promiseToPay: { amount: 1_000_000, dueDate: '2026-12-01' }, photos: [photo] }), checkOut(caseId, visitId)]));
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);

    const [visit] = await context.database.db.select().from(visits).where(eq(visits.id, visitId));
    expect(visit).toMatchObject({ outcome: 'promise_to_pay', promiseAmount: 1_000_000, promiseKind: 'promise', expectedPhotos: 1, collectorId: collector.id });
    expect(visit!.checkedInAt!.toISOString()).toBe(morning);
    expect(visit!.checkInReceivedAt!.getTime()).toBeGreaterThan(Date.parse(morning));
    expect(visit!.familySituation).toMatchObject({ householdMembers: 3, employment: 'unemployed' });
    expect(await context.database.db.select().from(visitPhotos).where(eq(visitPhotos.visitId, visitId))).toHaveLength(1);
    const [caseRowAfter] = await context.database.db.select().from(cases).where(eq(cases.id, caseId));
    expect(caseRowAfter!.status).toBe('visited');
  });

  it('answers a replayed batch with the first answers, in any order, and changes nothing', async () => {
    const caseId = caseIds[1]!;
    const arrive = checkIn(caseId, addressOf.get(caseId)!);
    const visitId = (arrive as { visitId: string }).visitId;
    const batch = [arrive, record(caseId, addressOf.get(caseId)!, visitId), checkOut(caseId, visitId)];
    const first = await send(push(batch));
    const before = await visitCount();
    const replay = await send(push([...batch].reverse()));
    expect(replay.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(replay.every((r) => r.replayed)).toBe(true);
    expect(replay.map((r) => r.receivedAt)).toEqual([...first].reverse().map((r) => r.receivedAt));
    expect(await visitCount()).toBe(before);
    // The same mutation twice inside one batch is applied once.
    const note = { id: '01a20000-0000-7000-8000-00000000abcd', type: 'note.add', createdAt: morning, noteId: '01a20000-0000-7000-8000-00000000abce', caseId, body: '邻居称本人晚上回家' };
    const twice = await send(push([note, note]));
    expect(twice.map((r) => [r.status, r.replayed])).toEqual([['applied', false], ['applied', true]]);
    expect(await context.database.db.select().from(caseNotes).where(eq(caseNotes.caseId, caseId))).toHaveLength(2);
    // A new mutation reusing that note's id is refused, not a server error.
    const reused = await send(push([{ ...note, id: '01a20000-0000-7000-8000-00000000abcf', body: '另一条' }]));
    expect(reused[0]).toMatchObject({ status: 'rejected' });
    expect(reused[0]!.reason).toMatch(/note id was already used/);
  });

  it('applies a batch sent twice at once (a retry racing its first attempt) once, answering the other as a replay', async () => {
    const caseId = caseIds[1]!;
    const arrive = checkIn(caseId, addressOf.get(caseId)!, { at: '2026-11-23T05:00:00.000Z' });
    const visitId = (arrive as { visitId: string }).visitId;
    const note = { id: '01a20000-0000-7000-8000-00000000bcd1', type: 'note.add', createdAt: morning, noteId: '01a20000-0000-7000-8000-00000000bcd2', caseId, body: '同时重发' };
    const batch = push([arrive, record(caseId, addressOf.get(caseId)!, visitId), note]);
    const before = await visitCount();
    const [first, second] = await Promise.all([send(batch), send(batch)]);
    expect(first.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(second.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    // Exactly one of the two answers is the first application; the other replays it.
    expect([first.every((r) => r.replayed), second.every((r) => r.replayed)].sort()).toEqual([false, true]);
    expect(await visitCount()).toBe(before + 1);
    expect(await context.database.db.select().from(caseNotes).where(eq(caseNotes.id, note.noteId))).toHaveLength(1);
  });

  it('answers the same id with another payload as a conflict, never overwriting', async () => {
    const caseId = caseIds[1]!;
    const arrive = checkIn(caseId, addressOf.get(caseId)!, { accuracyM: 10 });
    await send(push([arrive]));
    const [result] = await send(push([{ ...arrive, position: { lat: 41.79, lng: 123.4, accuracyM: 999 } }]));
    expect(result).toMatchObject({ status: 'conflict', replayed: false });
    expect(result!.reason).toMatch(/already used for different content/);
    const [visit] = await context.database.db.select().from(visits).where(eq(visits.id, (arrive as { visitId: string }).visitId));
    expect(visit!.checkInAccuracyM).toBe(10);
  });

  it('rejects a bad mutation with a reason and still applies the ones behind it', async () => {
    const caseId = caseIds[1]!;
    const good = checkIn(caseId, addressOf.get(caseId)!);
    const results = await send(
      push([
        { ...checkIn(caseId, addressOf.get(caseId)!), position: { lat: 123, lng: 41, accuracyM: 5 } },
        checkIn(caseId, addressOf.get(caseId)!, { at: '2026-11-23T14:30:00.000Z' }), // 22:30 in Shanghai
        record(caseId, addressOf.get(caseId)!, (good as { visitId: string }).visitId, { outcome: 'promise_to_pay', promiseToPay: { amount: 1_000_001, dueDate: '2026-12-01' } }),
        checkIn(caseIds[2]!, addressOf.get(caseIds[2]!)!), // someone else's case
        { id: 'not-a-uuid', type: 'visit.checkIn' },
        good,
      ]),
    );
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'applied']);
    expect(results[0]!.reason).toMatch(/Latitude must be between -90 and 90/);
    expect(results[1]!.reason).toMatch(/22:30 .*outside the permitted visiting hours 08:00–21:00/);
    expect(results[2]!.reason).toMatch(/more than the total outstanding/);
    expect(results[3]!.reason).toMatch(/no longer assigned to you/);
    expect(results[4]!.reason).toMatch(/id/);
  });

  it('turns a promise below the outstanding into a settlement request', async () => {
    const caseId = caseIds[1]!;
    const arrive = checkIn(caseId, addressOf.get(caseId)!);
    const visitId = (arrive as { visitId: string }).visitId;
    await send(push([arrive, record(caseId, addressOf.get(caseId)!, visitId, { outcome: 'promise_to_pay', promiseToPay: { amount: 400_000, dueDate: '2026-12-01' } })]));
    const [visit] = await context.database.db.select().from(visits).where(eq(visits.id, visitId));
    expect(visit).toMatchObject({ promiseAmount: 400_000, promiseKind: 'settlement_requested' });
  });

  it('flags a check-in far from the address, poor accuracy, clock skew and impossible travel', async () => {
    const caseId = caseIds[0]!;
    const near = checkIn(caseId, addressOf.get(caseId)!, { at: '2026-11-23T03:00:00.000Z' });
    // Ten minutes later, 42 km away, with a poor fix, from a phone whose clock runs an hour fast.
    const far = checkIn(caseId, addressOf.get(caseId)!, { at: '2026-11-23T03:10:00.000Z', lat: 42.17, lng: 123.4, accuracyM: 250 });
    const sentAt = new Date(Date.now() + 3_600_000).toISOString();
    await send(push([near, far], sentAt));
    const [flagged] = await context.database.db.select().from(visits).where(eq(visits.id, (far as { visitId: string }).visitId));
    const codes = flagged!.evidenceFlags.map((f) => f.code).sort();
    expect(codes).toEqual(['device_clock_skew', 'far_from_address', 'impossible_travel', 'poor_gps_accuracy']);
    expect(flagged!.checkInDistanceM).toBeGreaterThan(40_000);
    expect(flagged!.evidenceScore).toBeGreaterThan(0);
    const [fine] = await context.database.db.select().from(visits).where(eq(visits.id, (near as { visitId: string }).visitId));
    expect(fine!.evidenceFlags.map((f) => f.code)).toEqual(['device_clock_skew']);
  });

  it('flags the same photo on two visits and photos taken outside the visit', async () => {
    const caseId = caseIds[0]!;
    const address = addressOf.get(caseId)!;
    const one = checkIn(caseId, address, { at: '2026-11-23T05:00:00.000Z' });
    const two = checkIn(caseId, address, { at: '2026-11-23T06:00:00.000Z' });
    const idOf = (m: unknown) => (m as { visitId: string }).visitId;
    const shared = { sha256: 'b'.repeat(64), sizeBytes: 1000, takenAt: '2026-11-23T05:05:00.000Z' };
    await send(push([one, record(caseId, address, idOf(one), { photos: [shared] }), checkOut(caseId, idOf(one), '2026-11-23T05:20:00.000Z')]));
    await send(push([two, record(caseId, address, idOf(two), { photos: [shared] }), checkOut(caseId, idOf(two), '2026-11-23T06:20:00.000Z')]));
    const [second] = await context.database.db.select().from(visits).where(eq(visits.id, idOf(two)));
    expect(second!.evidenceFlags.map((f) => f.code).sort()).toEqual(['duplicate_photo', 'photo_outside_visit']);
  });

  it('refuses a bad envelope as a whole, writing nothing', async () => {
    const before = (await context.database.db.select({ n: count() }).from(syncMutations))[0]!.n;
    for (const body of [
      { ...push([checkIn(caseIds[0]!, addressOf.get(caseIds[0]!)!)]), protocolVersion: 99 },
      { ...push([]) },
      { ...push(Array.from({ length: 201 }, () => ({}))) },
      { ...push([{}]), extra: true },
    ]) {
      const response = await context.app.inject({ method: 'POST', url: '/api/sync/push', headers: bearer(collector.token), payload: body });
      expect(response.statusCode).toBe(400);
    }
    expect((await context.database.db.select({ n: count() }).from(syncMutations))[0]!.n).toBe(before);
  });

  it('is for collectors only', async () => {
    const { token } = await signedInUser(context.app, context.database.db, 'dispatcher');
    const response = await context.app.inject({ method: 'POST', url: '/api/sync/push', headers: bearer(token), payload: push([checkIn(caseIds[0]!, addressOf.get(caseIds[0]!)!)]) });
    expect(response.statusCode).toBe(403);
  });
});
