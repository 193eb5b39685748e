// The client sync engine against the real server and database, over real HTTP.
import { count, eq } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSyncEngine, type SyncEngine } from '../../pwa/sync/engine.js';
import { startSyncTriggers } from '../../pwa/sync/triggers.js';
import { alerts, syncMutations, visitPhotos, visits } from '../../server/db/schema/index.js';
import { assignCases } from '../../server/dispatch/assignment.repository.js';
import { bearer, createUser } from '../fixtures/factories.js';
import { listen, seedCollector, withinVisitingHours, type SeededCollector } from '../fixtures/sync/collector.js';
import { photo, visitRecordInput } from '../fixtures/sync/device.js';
import { seededRandom, startFaultProxy } from '../fixtures/sync/fault-proxy.js';
import { createTestContext, type TestContext } from '../helper.js';

let context: TestContext;
let baseUrl: string;

beforeAll(async () => {
  context = await createTestContext();
  baseUrl = await listen(context);
});
afterAll(async () => context?.close());

const fastBackoff = { baseMs: 5, maxMs: 50, attemptsPerStep: 5 };

async function device(
  collector: SeededCollector,
  options: { url?: string; fetch?: typeof fetch; factory?: IDBFactory } = {},
): Promise<SyncEngine> {
  return openSyncEngine({
    userId: collector.userId,
    indexedDB: options.factory ?? new IDBFactory(),
    transport: {
      baseUrl: options.url ?? baseUrl,
      getToken: () => collector.token,
      timeoutMs: 10_000,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    },
    locks: null,
    backoff: fastBackoff,
  });
}

async function recordFullVisit(engine: SyncEngine, target: { caseId: string; addressId: string }, photoCount = 2, size = 3000) {
  const { visitId } = await engine.recordCheckIn({
    ...target,
    position: { lat: 41.7, lng: 123.3, accuracyM: 10 },
    checkedInAt: withinVisitingHours(),
  });
  const shots = Array.from({ length: photoCount }, () => photo(size));
  const { photoHashes } = await engine.recordVisit({ ...visitRecordInput(visitId, target), photos: shots });
  await engine.recordCheckOut({ visitId, caseId: target.caseId });
  return { visitId, shots, photoHashes };
}

const db = () => context.database.db;
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const photoOnServer = async (token: string, sha256: string) => {
  const response = await fetch(`${baseUrl}/api/photos/${sha256}`, { headers: bearer(token) });
  return response.status === 200 ? new Uint8Array(await response.arrayBuffer()) : null;
};

describe('sync engine with the real server', () => {
  it('brings visits, photos and notes to the server once, byte-identical, and pulls the assigned cases', async () => {
    const collector = await seedCollector(context, 3);
    const engine = await device(collector);
    const [first, second] = [collector.cases[0]!, collector.cases[1]!];
    const a = await recordFullVisit(engine, first);
    const b = await recordFullVisit(engine, second, 1);
    await engine.addNote({ caseId: first.caseId, body: '邻居说白天不在家' });

    expect(await engine.syncUntilSettled()).toEqual({ status: 'synced' });

    const stored = await db().select().from(visits).where(eq(visits.collectorId, collector.userId));
    expect(stored.map((visit) => visit.id).sort()).toEqual([a.visitId, b.visitId].sort());
    expect(stored.every((visit) => visit.checkedInAt && visit.outcome === 'met_debtor' && visit.checkedOutAt)).toBe(true);
    const [mutations] = await db().select({ n: count() }).from(syncMutations).where(eq(syncMutations.userId, collector.userId));
    expect(mutations?.n).toBe(7);
    for (const [index, hash] of a.photoHashes.entries()) {
      expect(sha((await photoOnServer(collector.token, hash)) ?? new Uint8Array())).toBe(sha(a.shots[index]!.bytes as Uint8Array));
    }

    const progress = await engine.progress();
    expect(progress).toMatchObject({ itemsPending: 0, bytesPending: 0, failures: [], signedOut: false });
    expect(progress.visitPhotos.find((visit) => visit.visitId === a.visitId)).toMatchObject({ received: 2, expected: 2 });
    expect(await engine.db.count('photoBytes')).toBe(0);
    expect((await engine.db.getAllKeys('cases')).sort()).toEqual(collector.cases.map((c) => c.caseId).sort());
    expect((await engine.db.get('meta', 'sync'))?.settings).toEqual({
      geofenceRadiusM: expect.any(Number),
      poorAccuracyM: expect.any(Number),
    });
    await engine.close();
  });

  it('replays a push whose answer was lost without storing anything twice', async () => {
    const collector = await seedCollector(context, 1);
    let lost = 0;
    const losingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (typeof input === 'string' && input.endsWith('/api/sync/push') && lost++ === 0)
        throw new TypeError('fetch failed: connection reset');
      return response;
    };
    const engine = await device(collector, { fetch: losingFetch });
    await recordFullVisit(engine, collector.cases[0]!, 1);
    expect(await engine.syncUntilSettled()).toEqual({ status: 'synced' });
    const [stored] = await db().select({ n: count() }).from(visits).where(eq(visits.collectorId, collector.userId));
    const [mutations] = await db().select({ n: count() }).from(syncMutations).where(eq(syncMutations.userId, collector.userId));
    expect([stored?.n, mutations?.n, lost]).toEqual([1, 3, 2]);
    await engine.close();
  });

  it('surfaces a refused check-in and still sends what was recorded after it', async () => {
    const collector = await seedCollector(context, 1);
    const target = collector.cases[0]!;
    const engine = await device(collector);
    const day = withinVisitingHours().slice(0, 10);
    await engine.recordCheckIn({ ...target, position: { lat: 41.7, lng: 123.3, accuracyM: 10 }, checkedInAt: `${day}T15:30:00.000Z` });
    await engine.addNote({ caseId: target.caseId, body: '深夜路过，未敲门' });
    expect(await engine.syncUntilSettled()).toEqual({ status: 'synced' });
    const progress = await engine.progress();
    expect(progress.failures).toEqual([
      expect.objectContaining({
        kind: 'mutation',
        type: 'visit.checkIn',
        status: 'rejected',
        reason: expect.stringContaining('visiting hours'),
      }),
    ]);
    expect(progress.mutationsPending).toBe(0);
    expect(await engine.db.count('outbox')).toBe(1);
    await engine.close();
  });

  it('resumes a photo cut mid-upload, sending only the missing part', async () => {
    const collector = await seedCollector(context, 1);
    const proxy = await startFaultProxy(baseUrl, { fail: 0, drop: 0, cut: 1 }, seededRandom(7));
    proxy.keepLog = true;
    // Time enough, even on a busy machine, for the server to store the bytes before the cut.
    proxy.cutDelayMs = 300;
    proxy.onRequest = () => {
      if (proxy.counts.cut > 0) proxy.rates.cut = 0;
    };
    const engine = await device(collector, { url: proxy.url });
    const { photoHashes, shots } = await recordFullVisit(engine, collector.cases[0]!, 1, 20_000);
    expect(await engine.syncUntilSettled()).toEqual({ status: 'synced' });
    const patches = proxy.log.filter((request) => request.method === 'PATCH');
    expect(patches[0]?.fate).toBe('cut');
    // The resumed PATCH starts where the server's bytes end and carries only the rest.
    const resumed = patches.at(-1)!;
    expect(Number(resumed.uploadOffset)).toBeGreaterThan(0);
    expect(Number(resumed.uploadOffset) + resumed.bytes).toBe(20_000);
    expect(patches.filter((request) => request.fate === 'passed').reduce((sum, request) => sum + request.bytes, 0)).toBeLessThan(20_000);
    expect(sha((await photoOnServer(collector.token, photoHashes[0]!)) ?? new Uint8Array())).toBe(sha(shots[0]!.bytes as Uint8Array));
    await engine.close();
    await proxy.close();
  });

  it('starts a photo over when a corrupted chunk makes the server hash mismatch (460)', async () => {
    const collector = await seedCollector(context, 1);
    let corrupted = 0;
    const corruptingFetch: typeof fetch = async (input, init) => {
      if (init?.method === 'PATCH' && init.body instanceof Uint8Array && corrupted++ === 0) {
        const damaged = new Uint8Array(init.body);
        damaged[10] = (damaged[10] ?? 0) ^ 0xff;
        return fetch(input, { ...init, body: damaged });
      }
      return fetch(input, init);
    };
    const engine = await device(collector, { fetch: corruptingFetch });
    const { photoHashes, shots } = await recordFullVisit(engine, collector.cases[0]!, 1);
    expect(await engine.syncUntilSettled()).toEqual({ status: 'synced' });
    expect(corrupted).toBe(2);
    expect(sha((await photoOnServer(collector.token, photoHashes[0]!)) ?? new Uint8Array())).toBe(sha(shots[0]!.bytes as Uint8Array));
    const [listed] = await db().select({ n: count() }).from(visitPhotos).where(eq(visitPhotos.sha256, photoHashes[0]!));
    expect(listed?.n).toBe(1);
    await engine.close();
  });

  it('drops a case reassigned to another collector on the next pull', async () => {
    const collector = await seedCollector(context, 2);
    const engine = await device(collector);
    expect(await engine.syncNow()).toEqual({ status: 'synced' });
    expect(await engine.db.count('cases')).toBe(2);
    const other = await createUser(db(), 'collector');
    await assignCases(db(), [collector.cases[1]!.caseId], other.id);
    expect(await engine.syncNow()).toEqual({ status: 'synced' });
    expect(await engine.db.getAllKeys('cases')).toEqual([collector.cases[0]!.caseId]);
    await engine.close();
  });

  it('raises an SOS that reaches the server as an alert, sent without waiting for a trigger', async () => {
    const collector = await seedCollector(context, 1);
    const engine = await device(collector);
    const { sosId } = await engine.raiseSos({ position: { lat: 41.7, lng: 123.3, accuracyM: 20 }, note: '对方持械' });
    const deadline = Date.now() + 10_000;
    let stored: { id: string }[] = [];
    while (stored.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      stored = await db().select({ id: alerts.id }).from(alerts).where(eq(alerts.id, sosId));
    }
    expect(stored).toEqual([{ id: sosId }]);
    await engine.close();
  });

  it('stops when the session has ended and keeps everything unsent', async () => {
    const collector = await seedCollector(context, 1);
    const engine = await device(collector);
    await recordFullVisit(engine, collector.cases[0]!, 1);
    await fetch(`${baseUrl}/api/auth/logout`, { method: 'POST', headers: bearer(collector.token) });
    expect(await engine.syncNow()).toEqual({ status: 'signedOut' });
    expect(await engine.progress()).toMatchObject({ signedOut: true, mutationsPending: 3, photosPending: 1 });
    await engine.close();
  });

  it('pulls when the server nudges over socket.io', async () => {
    const collector = await seedCollector(context, 1);
    const engine = await device(collector);
    expect(await engine.syncNow()).toEqual({ status: 'synced' });
    const stop = startSyncTriggers({
      requestSync: engine.requestSync,
      intervalMs: 600_000,
      nudges: { baseUrl, getToken: () => collector.token },
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const extra = await seedCollector(context, 1);
      await assignCases(db(), [extra.cases[0]!.caseId], collector.userId);
      const deadline = Date.now() + 10_000;
      while ((await engine.db.count('cases')) < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await engine.db.count('cases')).toBe(2);
    } finally {
      stop();
      await engine.close();
    }
  });
});
