// A visit record the server refused, corrected in place: a new mutation id, the refused one kept
// (resolved) until the server has acknowledged the correction, the photos carried over and sent.
import { randomUUID } from 'node:crypto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { Mutation } from '../../shared/schemas/sync.js';
import { FakeSyncServer } from '../../test/fixtures/sync/fake-server.js';
import { caseId, checkInInput, manualClock, photo, visitRecordInput } from '../../test/fixtures/sync/device.js';
import { openSyncEngine, type SyncEngine } from './engine.js';

const outstanding = 1_055_000;
const tooHigh = 'The promise of ¥20,000.00 is more than the total outstanding ¥10,550.00. Correct the amount.';

/** Refuses a promise above the outstanding, as the real server does. */
function strictServer(): FakeSyncServer {
  const server = new FakeSyncServer();
  server.reject = (mutation: Mutation) =>
    mutation.type === 'visit.record' && (mutation.promiseToPay?.amount ?? 0) > outstanding ? tooHigh : null;
  return server;
}

async function device(server: FakeSyncServer): Promise<SyncEngine> {
  return openSyncEngine({
    userId: randomUUID(),
    indexedDB: new IDBFactory(),
    transport: { baseUrl: 'http://server.test', getToken: () => 'token-1', fetch: server.fetch },
    clock: manualClock(),
    locks: null,
    backoff: { baseMs: 1, maxMs: 10, attemptsPerStep: 4 },
    chunkBytes: 1024,
  });
}

async function refusedVisit(engine: SyncEngine) {
  const { visitId } = await engine.recordCheckIn(checkInInput());
  const promise = { outcome: 'promise_to_pay' as const, promiseToPay: { amount: 2_000_000, dueDate: '2026-12-31' } };
  const { mutationId, photoHashes } = await engine.recordVisit(
    visitRecordInput(visitId, { ...promise, photos: [photo(1500), photo(1200)] }),
  );
  await engine.recordCheckOut({ visitId, caseId });
  expect(await engine.syncUntilSettled()).toEqual({ status: 'synced' });
  return { visitId, refusedId: mutationId, photoHashes };
}

const outboxStates = async (engine: SyncEngine) =>
  (await engine.db.getAll('outbox')).map((entry) => [entry.mutation.id, entry.state, entry.resolvedBy ?? null]);

describe('correcting a refused visit record', () => {
  it('shows the refusal with its reason; the correction replaces it and is sent; the refusal goes only after the server took the correction', async () => {
    const server = strictServer();
    const engine = await device(server);
    const { visitId, refusedId, photoHashes } = await refusedVisit(engine);
    expect((await engine.progress()).failures).toEqual([
      expect.objectContaining({ kind: 'mutation', mutationId: refusedId, type: 'visit.record', visitId, reason: tooHigh }),
    ]);
    expect((await engine.db.get('visits', visitId))?.record?.state).toBe('failed');

    const { mutationId, photoHashes: carried } = await engine.correctVisitRecord(
      refusedId,
      visitRecordInput(visitId, {
        outcome: 'promise_to_pay',
        promiseToPay: { amount: outstanding, dueDate: '2026-12-31' },
        photos: [photo(900)],
      }),
    );
    expect(mutationId).not.toBe(refusedId);
    expect(carried.slice(0, 2)).toEqual(photoHashes);
    expect(carried).toHaveLength(3);
    // Nothing deleted yet: the refusal is kept, resolved by the correction, and no longer listed as a failure.
    expect(await outboxStates(engine)).toEqual([
      [refusedId, 'resolved', mutationId],
      [mutationId, 'pending', null],
    ]);
    const pending = await engine.progress();
    expect(pending.failures).toEqual([]);
    expect(pending).toMatchObject({ mutationsPending: 1, photosPending: 3 });
    expect((await engine.db.get('visits', visitId))?.record).toMatchObject({ state: 'pending', mutation: { id: mutationId } });

    expect(await engine.syncUntilSettled()).toEqual({ status: 'synced' });
    expect(server.applied.has(mutationId)).toBe(true);
    expect(server.visits.get(visitId)).toEqual(carried);
    expect(carried.every((hash) => server.photos.has(hash))).toBe(true);
    expect(await outboxStates(engine)).toEqual([]);
    expect(await engine.progress()).toMatchObject({ itemsPending: 0, failures: [] });
    expect((await engine.db.get('visits', visitId))?.record?.state).toBe('synced');
    await engine.close();
  });

  it('keeps the first refusal until a later correction is taken, when the first correction is refused too', async () => {
    const server = strictServer();
    const engine = await device(server);
    const { visitId, refusedId } = await refusedVisit(engine);
    const again = await engine.correctVisitRecord(
      refusedId,
      visitRecordInput(visitId, { outcome: 'promise_to_pay', promiseToPay: { amount: 1_500_000, dueDate: '2026-12-31' } }),
    );
    expect(await engine.syncUntilSettled()).toEqual({ status: 'synced' });
    expect((await engine.progress()).failures.map((failure) => failure.kind === 'mutation' && failure.mutationId)).toEqual([
      again.mutationId,
    ]);

    const last = await engine.correctVisitRecord(again.mutationId, visitRecordInput(visitId, { outcome: 'met_debtor' }));
    expect(await outboxStates(engine)).toEqual([
      [refusedId, 'resolved', last.mutationId],
      [again.mutationId, 'resolved', last.mutationId],
      [last.mutationId, 'pending', null],
    ]);
    expect(await engine.syncUntilSettled()).toEqual({ status: 'synced' });
    expect(await outboxStates(engine)).toEqual([]);
    await engine.close();
  });

  it('corrects only a refused record of this visit', async () => {
    const server = strictServer();
    const engine = await device(server);
    const { visitId } = await engine.recordCheckIn(checkInInput());
    const { mutationId } = await engine.recordVisit(visitRecordInput(visitId));
    // Not refused (not even sent): nothing to correct.
    await expect(engine.correctVisitRecord(mutationId, visitRecordInput(visitId))).rejects.toThrow(/no refused record/);
    const refused = await refusedVisit(engine);
    await expect(engine.correctVisitRecord(refused.refusedId, visitRecordInput(visitId))).rejects.toThrow(/no refused record/);
    expect((await engine.progress()).failures).toHaveLength(1);
    await engine.close();
  });
});
