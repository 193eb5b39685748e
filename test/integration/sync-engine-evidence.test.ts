// The client engine against the real server, for what came with the collector app: a visit's audio
// recording synced like a photo, and a record the server refused corrected on the device and taken.
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSyncEngine, type SyncEngine } from '../../pwa/sync/engine.js';
import type { VisitEvidence } from '../../shared/schemas/evidence.js';
import { syncMutations, visits } from '../../server/db/schema/index.js';
import { bearer } from '../fixtures/factories.js';
import { listen, seedCollector, withinVisitingHours, type SeededCollector } from '../fixtures/sync/collector.js';
import { webm } from '../fixtures/media.js';
import { photo, visitRecordInput } from '../fixtures/sync/device.js';
import { createTestContext, type TestContext } from '../helper.js';

let context: TestContext;
let baseUrl: string;

beforeAll(async () => {
  context = await createTestContext();
  baseUrl = await listen(context);
});
afterAll(async () => context?.close());

function device(collector: SeededCollector): Promise<SyncEngine> {
  return openSyncEngine({
    userId: collector.userId,
    indexedDB: new IDBFactory(),
    transport: { baseUrl, getToken: () => collector.token, timeoutMs: 10_000 },
    locks: null,
    backoff: { baseMs: 5, maxMs: 50, attemptsPerStep: 5 },
    chunkBytes: 64 * 1024,
  });
}

const evidence = async (token: string, visitId: string) =>
  (await context.app.inject({ url: `/api/visits/${visitId}`, headers: bearer(token) })).json<VisitEvidence>();
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('the engine with the real server', () => {
  it('brings a visit’s recording to the server in chunks, byte-identical, and drops it from the device only then', async () => {
    const collector = await seedCollector(context, 1);
    const target = collector.cases[0]!;
    const engine = await device(collector);
    const { visitId } = await engine.recordCheckIn({
      ...target,
      position: { lat: 41.7, lng: 123.3, accuracyM: 10 },
      checkedInAt: withinVisitingHours(),
    });
    await engine.recordVisit({ ...visitRecordInput(visitId, target), photos: [photo(3000)] });
    await engine.recordCheckOut({ visitId, caseId: target.caseId });
    const bytes = new Uint8Array(webm(Date.now(), 300_000));
    const { sha256 } = await engine.recordVisitAudio({
      visitId,
      caseId: target.caseId,
      bytes,
      contentType: 'audio/webm',
      durationS: 150,
      startedAt: withinVisitingHours(),
      complete: true,
    });
    expect(await engine.syncUntilSettled()).toEqual({ status: 'synced' });

    const seen = await evidence(collector.token, visitId);
    expect(seen.audio).toEqual([
      expect.objectContaining({ sha256, sizeBytes: 300_000, contentType: 'audio/webm', complete: true, arrived: true }),
    ]);
    expect(seen.photos.every((listed) => listed.arrived)).toBe(true);
    const served = await fetch(`${baseUrl}/api/photos/${sha256}`, { headers: bearer(collector.token) });
    expect(sha(new Uint8Array(await served.arrayBuffer()))).toBe(sha(bytes));
    expect(await engine.progress()).toMatchObject({ itemsPending: 0, visitAudio: [{ visitId, received: 1, expected: 1 }] });
    expect(await engine.db.count('photoBytes')).toBe(0);
    await engine.close();
  });

  it('takes the correction of a refused record, under a new id, and the refusal leaves the device only then', async () => {
    const collector = await seedCollector(context, 1);
    const target = collector.cases[0]!;
    const engine = await device(collector);
    const { visitId } = await engine.recordCheckIn({
      ...target,
      position: { lat: 41.7, lng: 123.3, accuracyM: 10 },
      checkedInAt: withinVisitingHours(),
    });
    // More than the outstanding: the device's form would not let this through; the server refuses it too.
    const tooMuch = { outcome: 'promise_to_pay' as const, promiseToPay: { amount: 99_000_000, dueDate: '2026-12-31' } };
    const refused = await engine.recordVisit({ ...visitRecordInput(visitId, target), ...tooMuch, photos: [photo(2000)] });
    expect(await engine.syncUntilSettled()).toEqual({ status: 'synced' });
    const [failure] = (await engine.progress()).failures;
    expect(failure).toMatchObject({
      kind: 'mutation',
      mutationId: refused.mutationId,
      visitId,
      reason: expect.stringMatching(/more than the total outstanding/),
    });

    const corrected = await engine.correctVisitRecord(refused.mutationId, {
      ...visitRecordInput(visitId, target),
      outcome: 'promise_to_pay',
      promiseToPay: { amount: 500_000, dueDate: '2026-12-31' },
    });
    expect(await engine.syncUntilSettled()).toEqual({ status: 'synced' });
    const [stored] = await context.database.db.select().from(visits).where(eq(visits.id, visitId));
    expect(stored).toMatchObject({ promiseAmount: 500_000, promiseKind: 'settlement_requested', expectedPhotos: 1 });
    const answers = await context.database.db.select().from(syncMutations).where(eq(syncMutations.userId, collector.userId));
    const statusOf = new Map(answers.map((row) => [row.id, row.result.status]));
    expect([statusOf.get(refused.mutationId), statusOf.get(corrected.mutationId), answers.length]).toEqual(['rejected', 'applied', 3]);
    expect((await evidence(collector.token, visitId)).photos.map((listed) => listed.arrived)).toEqual([true]);
    expect(await engine.progress()).toMatchObject({ itemsPending: 0, failures: [] });
    expect(await engine.db.count('outbox')).toBe(0);
    await engine.close();
  });
});
