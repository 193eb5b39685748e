import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { IDBFactory } from 'fake-indexeddb';
import { randomUUID } from 'node:crypto';
import { FakeSyncServer } from '../../test/fixtures/sync/fake-server.js';
import { caseDetailFixture, caseId, checkInInput, manualClock, photo, visitRecordInput } from '../../test/fixtures/sync/device.js';
import { openSyncEngine, type SyncEngine } from './engine.js';

const fastBackoff = { baseMs: 1, maxMs: 10, attemptsPerStep: 4 };

async function device(
  server: FakeSyncServer,
  options: { factory?: IDBFactory; userId?: string; chunkBytes?: number; token?: () => string; baseUrl?: string } = {},
): Promise<SyncEngine> {
  return openSyncEngine({
    userId: options.userId ?? randomUUID(),
    indexedDB: options.factory ?? new IDBFactory(),
    transport: { baseUrl: options.baseUrl ?? 'http://server.test', getToken: options.token ?? (() => 'token-1'), fetch: server.fetch },
    clock: manualClock(),
    locks: null,
    backoff: fastBackoff,
    chunkBytes: options.chunkBytes ?? 1024,
  });
}

async function recordVisit(engine: SyncEngine, photos = 2, size = 2500) {
  const { visitId } = await engine.recordCheckIn(checkInInput());
  const shots = Array.from({ length: photos }, () => photo(size));
  const { photoHashes } = await engine.recordVisit(visitRecordInput(visitId, { photos: shots }));
  await engine.recordCheckOut({ visitId, caseId });
  return { visitId, shots, photoHashes };
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('sync engine against a fake server', () => {
  it('pushes the outbox, uploads and confirms photos, pulls cases, then holds nothing unsent', async () => {
    const server = new FakeSyncServer();
    server.cases = [caseDetailFixture()];
    const engine = await device(server);
    const first = await recordVisit(engine);
    await engine.addNote({ caseId, body: '补充说明' });

    expect(await engine.syncNow()).toEqual({ status: 'synced' });
    expect(server.applied.size).toBe(4);
    for (const [index, hash] of first.photoHashes.entries())
      expect(sha(server.photos.get(hash) ?? new Uint8Array())).toBe(sha(first.shots[index]?.bytes as Uint8Array));
    const progress = await engine.progress();
    expect(progress).toMatchObject({ itemsPending: 0, bytesPending: 0, failures: [], oldestUnsentAt: null, phase: 'idle' });
    expect(progress.visitPhotos).toEqual([{ visitId: first.visitId, caseId, received: 2, expected: 2 }]);
    expect(progress.lastSuccessfulSyncAt).not.toBeNull();
    // Confirmed by the server: the bytes may leave the phone, the record stays.
    expect(await engine.db.count('photoBytes')).toBe(0);
    expect((await engine.db.get('visits', first.visitId))?.record?.state).toBe('synced');
    expect((await engine.db.getAll('cases')).map((stored) => stored.id)).toEqual([caseId]);
    await engine.close();
  });

  it('works with same-origin paths, as in the browser app', async () => {
    const server = new FakeSyncServer();
    const engine = await device(server, { baseUrl: '', chunkBytes: 1000 });
    const { photoHashes } = await recordVisit(engine, 1, 2500);
    expect(await engine.syncNow()).toEqual({ status: 'synced' });
    expect(server.photos.has(photoHashes[0]!)).toBe(true);
    await engine.close();
  });

  it('answers lost after the server committed are replayed, not duplicated', async () => {
    const server = new FakeSyncServer();
    let drops = 0;
    server.fault = (request) => (request.path === '/api/sync/push' && drops++ < 2 ? { kind: 'drop' } : null);
    const engine = await device(server);
    await recordVisit(engine, 1);
    expect(await engine.syncNow()).toEqual({ status: 'synced' });
    expect(server.applied.size).toBe(3);
    expect(server.requests.filter((request) => request.path === '/api/sync/push')).toHaveLength(3);
    expect((await engine.progress()).mutationsPending).toBe(0);
    await engine.close();
  });

  it('resumes a cut upload from where the server stopped, sending only the missing part', async () => {
    const server = new FakeSyncServer();
    let cuts = 0;
    server.fault = (request) => (request.method === 'PATCH' && cuts++ === 0 ? { kind: 'cut', keepBytes: 700 } : null);
    const engine = await device(server, { chunkBytes: 4096 });
    const { photoHashes } = await recordVisit(engine, 1, 3000);
    expect(await engine.syncNow()).toEqual({ status: 'synced' });
    expect(server.photos.has(photoHashes[0] ?? '')).toBe(true);
    // 700 bytes before the cut, then the other 2,300: nothing sent twice.
    expect(server.patchBytesReceived).toBe(3000);
    const patches = server.requests.filter((request) => request.method === 'PATCH').map((request) => request.headers.get('upload-offset'));
    expect(patches).toEqual(['0', '700']);
    await engine.close();
  });

  it('starts a photo over when the server finds its hash does not match', async () => {
    const server = new FakeSyncServer();
    server.corruptNextUpload = true;
    const engine = await device(server);
    const { photoHashes } = await recordVisit(engine, 1, 1500);
    expect(await engine.syncNow()).toEqual({ status: 'synced' });
    expect(server.photos.has(photoHashes[0] ?? '')).toBe(true);
    expect(server.requests.filter((request) => request.method === 'POST' && request.path === '/api/uploads')).toHaveLength(2);
    await engine.close();
  });

  it('does not let one photo the server keeps failing hold back the photos behind it', async () => {
    const server = new FakeSyncServer();
    const engine = await device(server);
    const { photoHashes } = await recordVisit(engine, 2);
    const stuck = btoa(photoHashes[0]!);
    server.fault = (request) =>
      request.method === 'POST' && request.path === '/api/uploads' && request.headers.get('upload-metadata')?.includes(stuck)
        ? { kind: 'fail' }
        : null;
    expect(await engine.syncNow()).toMatchObject({ status: 'retrying' });
    expect([server.photos.has(photoHashes[0]!), server.photos.has(photoHashes[1]!)]).toEqual([false, true]);
    server.fault = () => null;
    expect(await engine.syncUntilSettled()).toEqual({ status: 'synced' });
    expect(server.photos.size).toBe(2);
    await engine.close();
  });

  it('surfaces a refused mutation and still sends everything behind it', async () => {
    const server = new FakeSyncServer();
    server.reject = (mutation) => (mutation.type === 'visit.checkIn' ? 'Outside visiting hours' : null);
    const engine = await device(server);
    const { visitId } = await recordVisit(engine, 1);
    expect(await engine.syncUntilSettled()).toEqual({ status: 'synced' });
    const progress = await engine.progress();
    expect(progress.failures).toEqual([
      expect.objectContaining({ kind: 'mutation', type: 'visit.checkIn', status: 'rejected', reason: 'Outside visiting hours' }),
    ]);
    expect(progress.mutationsPending).toBe(0);
    expect(server.applied.size).toBe(2);
    expect((await engine.db.get('visits', visitId))?.checkIn?.state).toBe('failed');
    // Not retried on the next round.
    await engine.syncNow();
    const pushed = server.requests.filter((request) => request.path === '/api/sync/push').length;
    expect(pushed).toBe(1);
    await engine.close();
  });

  it('keeps the photos of a refused visit on the device, unsent, and still settles', async () => {
    const server = new FakeSyncServer();
    server.reject = (mutation) => (mutation.type === 'visit.record' ? 'The promise is more than the total outstanding' : null);
    const engine = await device(server);
    const { photoHashes } = await recordVisit(engine, 2);
    expect(await engine.syncUntilSettled()).toEqual({ status: 'synced' });
    const progress = await engine.progress();
    expect(progress).toMatchObject({ itemsPending: 0, photosPending: 0 });
    expect(progress.failures).toEqual([
      expect.objectContaining({ type: 'visit.record', reason: 'The promise is more than the total outstanding' }),
    ]);
    expect(server.photos.size).toBe(0);
    expect((await engine.db.getAll('photos')).map((stored) => stored.state)).toEqual(['held', 'held']);
    expect(await engine.db.count('photoBytes')).toBe(photoHashes.length);
    await engine.close();
  });

  it('sends smaller batches when the server finds a push too large', async () => {
    const server = new FakeSyncServer();
    server.maxPushMutations = 4;
    const engine = await device(server);
    for (let i = 0; i < 5; i += 1) await engine.addNote({ caseId, body: `note ${i}` });
    expect(await engine.syncNow()).toEqual({ status: 'synced' });
    expect(server.applied.size).toBe(5);
    await engine.close();
  });

  it('surfaces a photo whose bytes are gone instead of trying it forever', async () => {
    const server = new FakeSyncServer();
    const engine = await device(server);
    const { photoHashes } = await recordVisit(engine, 1);
    await engine.db.delete('photoBytes', photoHashes[0]!);
    expect(await engine.syncUntilSettled()).toEqual({ status: 'synced' });
    expect((await engine.progress()).failures).toEqual([expect.objectContaining({ kind: 'photo', sha256: photoHashes[0] })]);
    await engine.close();
  });

  it('stops on an ended session and keeps everything for after sign-in', async () => {
    const server = new FakeSyncServer();
    let token = 'expired';
    const engine = await device(server, { token: () => token });
    await recordVisit(engine, 1);
    expect(await engine.syncNow()).toEqual({ status: 'signedOut' });
    expect(await engine.progress()).toMatchObject({ signedOut: true, mutationsPending: 3, photosPending: 1, phase: 'signed out' });
    token = 'token-1';
    expect(await engine.syncNow()).toEqual({ status: 'synced' });
    expect((await engine.progress()).signedOut).toBe(false);
    await engine.close();
  });

  it('retries network failures with backoff until the round gets through', async () => {
    const server = new FakeSyncServer();
    let failures = 0;
    server.fault = () => (failures++ < 9 ? { kind: 'fail' } : null);
    const engine = await device(server);
    await recordVisit(engine, 2);
    const outcome = await engine.syncUntilSettled();
    expect(outcome).toEqual({ status: 'synced' });
    expect(server.applied.size).toBe(3);
    expect(server.photos.size).toBe(2);
    await engine.close();
  });

  it('lets a restarted device finish what the first one started, without sending anything twice', async () => {
    const server = new FakeSyncServer();
    const factory = new IDBFactory();
    const userId = randomUUID();
    const first = await device(server, { factory, userId, chunkBytes: 500 });
    for (let i = 0; i < 3; i += 1) await recordVisit(first, 2, 1800);
    let patches = 0;
    let restarted = Promise.resolve();
    server.fault = (request) => {
      if (request.method === 'PATCH' && ++patches === 5) restarted = first.close();
      return null;
    };
    await first.syncNow();
    await restarted;
    server.fault = () => null;
    const second = await device(server, { factory, userId, chunkBytes: 500 });
    expect(second.deviceId).toBe(first.deviceId);
    expect(await second.syncUntilSettled()).toEqual({ status: 'synced' });
    expect(server.applied.size).toBe(9);
    expect(server.photos.size).toBe(6);
    expect(server.patchBytesReceived).toBe(6 * 1800);
    await second.close();
  });

  it('replaces all cases on a snapshot and drops removed ones on a later pull', async () => {
    const server = new FakeSyncServer();
    const other = '0193a0b4-8a6e-7c3d-9f10-1a2b3c4d5eff';
    server.cases = [caseDetailFixture(), caseDetailFixture(other)];
    const engine = await device(server);
    await engine.db.put('cases', { id: 'stale', detail: caseDetailFixture('0193a0b4-8a6e-7c3d-9f10-00000000dead') });
    await engine.syncNow();
    expect((await engine.db.getAllKeys('cases')).sort()).toEqual([caseId, other].sort());
    server.cases = [];
    server.removedCaseIds = [other];
    await engine.syncNow();
    expect(await engine.db.getAllKeys('cases')).toEqual([caseId]);
    await engine.close();
  });

  it('sends an SOS at once, without waiting for a trigger', async () => {
    const server = new FakeSyncServer();
    const engine = await device(server);
    const { mutationId } = await engine.raiseSos({ note: '需要支援' });
    for (let i = 0; i < 50 && !server.applied.has(mutationId); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(server.applied.has(mutationId)).toBe(true);
    await engine.close();
  });

  it('forgets the debtors’ data but keeps unsent records, and pulls a fresh snapshot after', async () => {
    const server = new FakeSyncServer();
    server.cases = [caseDetailFixture()];
    const engine = await device(server);
    await engine.syncNow();
    await engine.addNote({ caseId, body: '未发送' });
    await engine.forgetCaseData();
    expect(await engine.db.count('cases')).toBe(0);
    expect((await engine.progress()).mutationsPending).toBe(1);
    await engine.syncNow();
    expect(
      server.requests.filter((request) => request.path.startsWith('/api/sync/pull')).map((request) => request.path.includes('cursor')),
    ).toEqual([false, false]);
    expect(await engine.db.count('cases')).toBe(1);
    await engine.close();
  });

  it('reports progress to subscribers while it syncs', async () => {
    const server = new FakeSyncServer();
    const engine = await device(server);
    await recordVisit(engine, 2, 4000);
    const phases = new Set<string>();
    let lastPending = -1;
    const stop = engine.subscribe((progress) => {
      phases.add(progress.phase);
      lastPending = progress.itemsPending;
    });
    await engine.syncNow();
    await new Promise((resolve) => setTimeout(resolve, 20));
    stop();
    expect(phases.has('pushing') || phases.has('uploading')).toBe(true);
    expect(lastPending).toBe(0);
    await engine.close();
  });
});
