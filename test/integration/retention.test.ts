// The retention job with the clock moved (it takes `now`): data just inside its period stays, just past
// it is anonymised or purged; photos' files leave the disk; evidence under an open complaint is kept
// until the complaint is resolved; team results do not change; devices hold no closed case.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../shared/schemas/sync.js';
import { rowsOf } from '../../server/db/bulk.js';
import {
  auditLog,
  caseAddresses,
  caseContacts,
  caseNotes,
  cases,
  collectors,
  complaints,
  photos,
  riskDeliveries,
  riskSignals,
  sessions,
  syncMutations,
  visitPhotos,
  visits,
} from '../../server/db/schema/index.js';
import { keyOf } from '../../server/evidence/photo-store.js';
import { folderPhotoStore } from '../../server/evidence/photo-store.js';
import { anonymisedMarker } from '../../server/retention/retention.repository.js';
import { runRetention, type RetentionDependencies } from '../../server/retention/retention.service.js';
import { bearer, createUser, signedInUser } from '../fixtures/factories.js';
import { jpeg } from '../fixtures/media.js';
import { pushVisit, reviewCollector, sha256, uploadPhoto, type ReviewCollector } from '../fixtures/review.js';
import { listen } from '../fixtures/sync/collector.js';
import { tusMetadata } from '../fixtures/sync.js';
import { createTestContext, type TestContext } from '../helper.js';

const periods = { closedCaseDays: 30, positionDays: 7, sessionDays: 10, syncDedupeDays: 60, webhookDays: 5, uploadDays: 3 };
const day = 86_400_000;

let context: TestContext;
let base: string;
let deps: RetentionDependencies;
let collector: ReviewCollector;
let supervisor: string;
/** Case 0 closes and is anonymised; case 1 closes under an open complaint; case 2 stays open. */
const visitIds: string[] = [];
const own = jpeg({ seed: 501, size: 6_000 });
const shared = jpeg({ seed: 502, size: 6_000 });
const held = jpeg({ seed: 503, size: 6_000 });

beforeAll(async () => {
  // Sessions that outlive the moved clock (up to ~70 days ahead), so the test's own sign-ins stay valid.
  context = await createTestContext({ SESSION_TTL_HOURS: '2160' });
  base = await listen(context);
  const db = context.database.db;
  deps = {
    db,
    photoStore: folderPhotoStore(join(context.config.dataDir, 'photos')),
    uploadsDirectory: join(context.config.dataDir, 'uploads'),
    periods,
  };
  collector = await reviewCollector(context, 3);
  supervisor = (await signedInUser(context.app, db, 'supervisor')).token;
  // Case 0 lists its own photo and one that case 2 lists too (the same bytes: a duplicate-photo flag).
  const photosOf = [[own, shared], [held], [shared]];
  for (const [index, list] of photosOf.entries()) {
    visitIds.push(
      await pushVisit(context, collector, index, {
        photos: list.map((bytes, k) => ({ bytes, takenAt: `2026-11-23T02:0${5 + k}:00.000Z` })),
        promise: { amount: 10_000, dueDate: '2026-12-01' },
      }),
    );
  }
  for (const [index, list] of photosOf.entries())
    for (const bytes of list) await uploadPhoto(base, collector.token, bytes, visitIds[index]!).catch(() => undefined);
});
afterAll(async () => context?.close());

const caseOf = (index: number) => collector.cases[index]!.caseId;
const pull = async (cursor?: string) =>
  (
    await context.app.inject({
      url: `/api/sync/pull${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`,
      headers: bearer(collector.token),
    })
  ).json<PullResponse>();
const results = async () =>
  (
    await context.app.inject({
      url: '/api/results?period=day&from=2026-11-23&to=2026-11-23&groupBy=collector',
      headers: bearer(supervisor),
    })
  ).json<unknown>();
const storedFile = (bytes: Buffer) => existsSync(join(context.config.dataDir, 'photos', keyOf(sha256(bytes))));
const photoRow = async (bytes: Buffer) =>
  (
    await context.database.db
      .select()
      .from(photos)
      .where(eq(photos.sha256, sha256(bytes)))
  ).length;

async function personal(index: number) {
  const db = context.database.db;
  const id = caseOf(index);
  const [row] = await db.select().from(cases).where(eq(cases.id, id));
  const [visit] = await db.select().from(visits).where(eq(visits.caseId, id));
  return {
    name: row?.debtorName,
    idNumber: row?.debtorIdNumber,
    phone: row?.debtorPhone,
    address: row?.address,
    addresses: (await db.select().from(caseAddresses).where(eq(caseAddresses.caseId, id))).map((a) => a.address),
    contacts: (await db.select().from(caseContacts).where(eq(caseContacts.caseId, id))).length,
    notes: (await db.select().from(caseNotes).where(eq(caseNotes.caseId, id))).length,
    visitNotes: visit?.notes,
    family: visit?.familySituation,
    visitPhotos: (
      await db
        .select()
        .from(visitPhotos)
        .where(eq(visitPhotos.visitId, visit?.id ?? ''))
    ).length,
    amounts: row ? [row.principal, row.interest, row.fees, row.totalOutstanding] : [],
    promise: visit?.promiseAmount,
    anonymisedAt: row?.anonymisedAt,
  };
}

const closedAtOf = async (index: number) => {
  const [row] = await context.database.db
    .select({ closedAt: cases.closedAt })
    .from(cases)
    .where(eq(cases.id, caseOf(index)));
  if (!row?.closedAt) throw new Error('the case has no closed_at');
  return row.closedAt.getTime();
};

describe('closed cases', () => {
  let cursor = '';
  let figures: unknown;
  let closedAt = 0;

  it('a closed case leaves the device when it closes, before any retention', async () => {
    const snapshot = await pull();
    expect(snapshot.cases.map((c) => c.id).sort()).toEqual([caseOf(0), caseOf(1), caseOf(2)].sort());
    cursor = snapshot.cursor;
    await context.database.db
      .update(cases)
      .set({ status: 'closed' })
      .where(inArray(cases.id, [caseOf(0), caseOf(1)]));
    // The pull reads only transactions older than every one still running on the server: eventually.
    await expect
      .poll(async () => (await pull(cursor)).removedCaseIds.sort(), { timeout: 30_000, interval: 250 })
      .toEqual([caseOf(0), caseOf(1)].sort());
    expect((await pull()).cases.map((c) => c.id)).toEqual([caseOf(2)]);
  });

  it('keeps everything just inside the period', async () => {
    // Case 1's visit is under an open complaint from the debtor.
    const complaint = await context.app.inject({
      method: 'POST',
      url: '/api/review/complaints',
      headers: bearer(supervisor),
      payload: { visitId: visitIds[1], source: 'debtor', channel: 'phone', body: '外访员态度恶劣' },
    });
    expect(complaint.statusCode).toBe(201);
    figures = await results();
    closedAt = await closedAtOf(0);
    const before = await personal(0);
    const counts = await runRetention(deps, new Date(closedAt + periods.closedCaseDays * day - 1));
    expect(counts?.casesAnonymised).toBe(0);
    expect(await personal(0)).toEqual(before);
    expect(before.name).not.toBe(anonymisedMarker);
    expect(before.contacts + before.notes).toBeGreaterThan(0);
    expect(storedFile(own)).toBe(true);
  });

  it('anonymises a case just past its period and purges its evidence, files included; figures stay', async () => {
    const before = await personal(0);
    const counts = await runRetention(deps, new Date(closedAt + periods.closedCaseDays * day + 1));
    expect(counts).toMatchObject({ casesAnonymised: 1, evidenceFilesPurged: 1 });
    const after = await personal(0);
    expect(after).toMatchObject({
      name: anonymisedMarker,
      idNumber: anonymisedMarker,
      phone: null,
      address: anonymisedMarker,
      contacts: 0,
      notes: 0,
      visitNotes: null,
      family: null,
      visitPhotos: 0,
    });
    expect(after.addresses.every((a) => a === anonymisedMarker)).toBe(true);
    // Amounts, promises and ids stay for the figures.
    expect(after.amounts).toEqual(before.amounts);
    expect(after.promise).toBe(before.promise);
    expect(await results()).toEqual(figures);
    // Its own photo is gone, row and file; the bytes case 2 also lists stay; nothing is queued.
    expect([await photoRow(own), storedFile(own)]).toEqual([0, false]);
    expect([await photoRow(shared), storedFile(shared)]).toEqual([1, true]);
    expect(await rowsOf<{ n: number }>(context.database.db, sql`select count(*)::int as n from retention_purged_files`)).toEqual([
      { n: 0 },
    ]);
    // The case under an open complaint and the open case are untouched.
    expect((await personal(1)).name).not.toBe(anonymisedMarker);
    expect([await photoRow(held), storedFile(held)]).toEqual([1, true]);
    expect((await personal(2)).name).not.toBe(anonymisedMarker);
    // The run is audited, counts only.
    const audits = await context.database.db.select().from(auditLog).where(eq(auditLog.action, 'retention.run')).orderBy(asc(auditLog.id));
    expect(audits.at(-1)?.detail).toMatchObject({ casesAnonymised: 1, evidenceFilesPurged: 1 });
    expect(JSON.stringify(audits.map((a) => a.detail))).not.toContain(before.name ?? '-');
    // A repeat finds nothing more to do.
    expect(await runRetention(deps, new Date(closedAt + periods.closedCaseDays * day + 2))).toMatchObject({
      casesAnonymised: 0,
      evidenceFilesPurged: 0,
    });
  });

  it('keeps the evidence under a complaint until it is resolved', async () => {
    await context.database.db
      .update(complaints)
      .set({ status: 'resolved', resolution: '已核实处理', resolvedAt: new Date() })
      .where(eq(complaints.visitId, visitIds[1]!));
    const counts = await runRetention(deps, new Date(closedAt + periods.closedCaseDays * day + 3));
    expect(counts).toMatchObject({ casesAnonymised: 1, evidenceFilesPurged: 1 });
    expect((await personal(1)).name).toBe(anonymisedMarker);
    expect([await photoRow(held), storedFile(held)]).toEqual([0, false]);
    expect(await results()).toEqual(figures);
    expect((await pull()).cases.map((c) => c.id)).toEqual([caseOf(2)]);
  });
});

describe('other data past its period', () => {
  it('clears positions, ended sessions, old dedupe records, delivered webhooks and abandoned uploads; keeps the rest', async () => {
    const db = context.database.db;
    const t0 = Date.now();
    const position = { lastLat: 41.8, lastLng: 123.4, lastAccuracyM: 10, lastPositionAt: new Date(t0) };
    await db
      .insert(collectors)
      .values({ userId: collector.userId, homeAddress: '沈阳市和平区', homeLat: 41.79, homeLng: 123.4, ...position })
      .onConflictDoUpdate({ target: collectors.userId, set: position });
    const revoked = await createUser(db, 'dispatcher');
    await db.insert(sessions).values({
      id: '0190f3c8-2b1e-7000-8000-0000000000a1',
      tokenHash: `h${t0}`,
      userId: revoked.id,
      expiresAt: new Date(t0 + 100 * day),
      revokedAt: new Date(t0),
    });
    const [signal] = await db.select({ id: riskSignals.id }).from(riskSignals).limit(1);
    if (!signal) throw new Error('the pushes raised no risk signal');
    await db
      .insert(riskDeliveries)
      .values({ signalId: signal.id, deliveredAt: new Date(t0), attempts: 1 })
      .onConflictDoUpdate({ target: riskDeliveries.signalId, set: { deliveredAt: new Date(t0) } });
    const created = await fetch(`${base}/api/uploads`, {
      method: 'POST',
      headers: {
        'tus-resumable': '1.0.0',
        ...bearer(collector.token),
        'upload-length': '5000',
        'upload-metadata': tusMetadata({ sha256: 'b'.repeat(64), contentType: 'image/jpeg' }),
      },
    });
    expect(created.status).toBe(201);
    const oldestSync = (await rowsOf<{ at: Date | string }>(db, sql`select min(received_at) as at from sync_mutations`))[0]?.at;
    const syncAt = new Date(oldestSync ?? t0).getTime();
    const uploads = () => readdirSync(deps.uploadsDirectory).length;
    const state = async () => ({
      position:
        (await db.select({ at: collectors.lastPositionAt }).from(collectors).where(eq(collectors.userId, collector.userId)))[0]?.at ?? null,
      session: (await db.select().from(sessions).where(eq(sessions.userId, revoked.id))).length,
      delivery: (await db.select().from(riskDeliveries).where(eq(riskDeliveries.signalId, signal.id))).length,
      sync:
        (
          await db
            .select()
            .from(syncMutations)
            .where(and(eq(syncMutations.userId, collector.userId)))
        ).length > 0,
      uploads: uploads(),
    });
    const auditBefore = (await db.select({ id: auditLog.id }).from(auditLog)).map((row) => row.id);
    const retentionRunsBefore = (await db.select().from(auditLog).where(eq(auditLog.action, 'retention.run'))).length;
    expect(auditBefore.length).toBeGreaterThan(0);
    const start = await state();
    expect(start).toMatchObject({ position: new Date(t0), session: 1, delivery: 1, sync: true, uploads: 2 });

    const justInside = (days: number) => new Date(t0 + days * day - 60_000);
    const justPast = (days: number) => new Date(t0 + days * day + 60_000);
    // Each period in turn, from the shortest: just inside it the data stays, just past it it goes.
    await runRetention(deps, justInside(periods.uploadDays));
    expect((await state()).uploads).toBe(2);
    await runRetention(deps, justPast(periods.uploadDays));
    expect((await state()).uploads).toBe(0);
    await runRetention(deps, justInside(periods.webhookDays));
    expect((await state()).delivery).toBe(1);
    await runRetention(deps, justPast(periods.webhookDays));
    expect((await state()).delivery).toBe(0);
    await runRetention(deps, justInside(periods.positionDays));
    expect((await state()).position).not.toBeNull();
    await runRetention(deps, justPast(periods.positionDays));
    expect((await state()).position).toBeNull();
    await runRetention(deps, justInside(periods.sessionDays));
    expect((await state()).session).toBe(1);
    await runRetention(deps, justPast(periods.sessionDays));
    expect((await state()).session).toBe(0);
    await runRetention(deps, new Date(syncAt + periods.syncDedupeDays * day - 60_000));
    expect((await state()).sync).toBe(true);
    await runRetention(deps, new Date(Date.now() + periods.syncDedupeDays * day + 60_000));
    expect((await state()).sync).toBe(false);
    // The signed-in collector's live session is not an ended one.
    expect((await context.app.inject({ url: '/api/auth/me', headers: bearer(collector.token) })).statusCode).toBe(200);
    // The audit log is never purged: every row written before these runs is still there, and each run that did something added one.
    const audited = await db.select({ id: auditLog.id, action: auditLog.action }).from(auditLog);
    expect(audited.map((row) => row.id)).toEqual(expect.arrayContaining(auditBefore));
    expect(audited.filter((row) => row.action === 'retention.run').length - retentionRunsBefore).toBe(5);
  });

  it('is safe when several instances run at once: the work is done once', async () => {
    const db = context.database.db;
    const extra = await reviewCollector(context, 2);
    await db
      .update(cases)
      .set({ status: 'returned' })
      .where(
        inArray(
          cases.id,
          extra.cases.map((c) => c.caseId),
        ),
      );
    const [row] = await db.select({ closedAt: cases.closedAt }).from(cases).where(eq(cases.id, extra.cases[0]!.caseId));
    const at = new Date(row!.closedAt!.getTime() + periods.closedCaseDays * day + 1);
    const runs = await Promise.all([runRetention(deps, at), runRetention(deps, at), runRetention(deps, at)]);
    const done = runs.reduce((sum, counts) => sum + (counts?.casesAnonymised ?? 0), 0);
    expect(done).toBe(2);
    const left = await db
      .select()
      .from(cases)
      .where(
        and(
          inArray(
            cases.id,
            extra.cases.map((c) => c.caseId),
          ),
          sql`${cases.debtorName} <> ${anonymisedMarker}`,
        ),
      );
    expect(left).toEqual([]);
  });
});
