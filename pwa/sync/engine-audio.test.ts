// The visit's audio recording through the engine, against the in-memory server: announced, uploaded
// in resumable chunks like a photo, and only counted as on the server once the server lists it.
import { createHash, randomUUID } from 'node:crypto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { FakeSyncServer } from '../../test/fixtures/sync/fake-server.js';
import { caseId, checkInInput, manualClock, photo, photoBytes, visitRecordInput } from '../../test/fixtures/sync/device.js';
import { openSyncEngine, type SyncEngine } from './engine.js';

async function device(server: FakeSyncServer, chunkBytes = 4096): Promise<SyncEngine> {
  return openSyncEngine({
    userId: randomUUID(),
    indexedDB: new IDBFactory(),
    transport: { baseUrl: 'http://server.test', getToken: () => 'token-1', fetch: server.fetch },
    clock: manualClock(),
    locks: null,
    backoff: { baseMs: 1, maxMs: 10, attemptsPerStep: 4 },
    chunkBytes,
  });
}

/** A checked-out visit with one photo, and its recording handed over as the app does at check-out. */
async function recordedVisit(engine: SyncEngine, audioBytes = 20_000) {
  const { visitId } = await engine.recordCheckIn(checkInInput());
  await engine.recordVisit(visitRecordInput(visitId, { photos: [photo(1500)] }));
  await engine.recordCheckOut({ visitId, caseId });
  const bytes = photoBytes(audioBytes);
  const audio = await engine.recordVisitAudio({
    visitId,
    caseId,
    bytes,
    contentType: 'audio/webm',
    durationS: 612.345,
    startedAt: '2026-11-20T02:00:00.000Z',
    complete: true,
  });
  return { visitId, bytes, ...audio };
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
/** PATCHes that carried a whole chunk: only the recording is larger than one. */
const fullChunks = (server: FakeSyncServer, chunkBytes: number) =>
  server.requests.filter((request) => request.method === 'PATCH' && request.body.byteLength === chunkBytes);

describe('visit audio through the engine', () => {
  it('uploads the recording in chunks after its announcement, and only then counts it as on the server', async () => {
    const server = new FakeSyncServer();
    // The audio's upload is cut every time until the link "comes back".
    let linkDown = true;
    server.fault = (request) => (linkDown && request.method === 'PATCH' && request.body.byteLength > 2000 ? { kind: 'fail' } : null);
    const engine = await device(server);
    const { visitId, bytes, sha256 } = await recordedVisit(engine);
    expect(sha256).toBe(sha(bytes));
    expect((await engine.db.get('visits', visitId))?.audio?.map((piece) => piece.state)).toEqual(['pending']);
    expect(await engine.progress()).toMatchObject({
      audioPending: 1,
      photosPending: 1,
      visitAudio: [{ visitId, received: 0, expected: 1 }],
    });

    const blocked = await engine.syncNow();
    expect(blocked.status).toBe('retrying');
    // Announced and acknowledged, but the bytes are not there: still pending, still on the phone.
    expect(server.visitAudio.get(visitId)).toEqual([sha256]);
    expect(server.photos.has(sha256)).toBe(false);
    expect((await engine.db.get('visits', visitId))?.audio?.[0]?.state).toBe('synced');
    expect((await engine.db.get('photos', sha256))?.state).toBe('pending');
    expect(await engine.db.get('photoBytes', sha256)).toBeDefined();
    expect(await engine.progress()).toMatchObject({ audioPending: 1, visitAudio: [{ received: 0, expected: 1 }] });

    linkDown = false;
    expect(await engine.syncUntilSettled()).toEqual({ status: 'synced' });
    expect(sha(server.photos.get(sha256) ?? new Uint8Array())).toBe(sha256);
    // 20,000 bytes in 4 KB chunks (the refused attempts included).
    expect(fullChunks(server, 4096).length).toBeGreaterThanOrEqual(4);
    expect((await engine.db.get('photos', sha256))?.state).toBe('confirmed');
    expect(await engine.db.get('photoBytes', sha256)).toBeUndefined();
    expect(await engine.progress()).toMatchObject({
      itemsPending: 0,
      audioPending: 0,
      bytesPending: 0,
      visitAudio: [{ received: 1, expected: 1 }],
    });
    await engine.close();
  });

  it('resumes a recording cut mid-upload from the server’s offset', async () => {
    const server = new FakeSyncServer();
    let cut = false;
    server.fault = (request) => {
      if (cut || request.method !== 'PATCH' || request.headers.get('upload-offset') !== '8192') return null;
      cut = true;
      return { kind: 'cut', keepBytes: 1000 };
    };
    const engine = await device(server);
    const { sha256 } = await recordedVisit(engine, 20_000);
    expect(await engine.syncUntilSettled()).toEqual({ status: 'synced' });
    expect(server.photos.has(sha256)).toBe(true);
    // 20,000 audio bytes and the 1,500-byte photo, each sent once: the cut chunk resumed at 9,192.
    expect(server.patchBytesReceived).toBe(21_500);
    await engine.close();
  });

  it('keeps a refused announcement’s recording on the device, unsent, beside the reason', async () => {
    const server = new FakeSyncServer();
    server.reject = (mutation) => (mutation.type === 'visit.audio' ? 'The recording arrived for a visit this server has not seen' : null);
    const engine = await device(server);
    const { visitId, sha256 } = await recordedVisit(engine);
    expect(await engine.syncUntilSettled()).toEqual({ status: 'synced' });
    expect(server.photos.has(sha256)).toBe(false);
    expect((await engine.db.get('photos', sha256))?.state).toBe('held');
    expect(await engine.db.get('photoBytes', sha256)).toBeDefined();
    expect((await engine.progress()).failures).toEqual([expect.objectContaining({ type: 'visit.audio', visitId })]);
    await engine.close();
  });

  it('takes the same recording handed over twice (a crash mid-handover) once', async () => {
    const server = new FakeSyncServer();
    const engine = await device(server);
    const { visitId, bytes, mutationId } = await recordedVisit(engine);
    const again = await engine.recordVisitAudio({
      visitId,
      caseId,
      bytes,
      contentType: 'audio/webm',
      durationS: 612,
      startedAt: '2026-11-20T02:00:00.000Z',
      complete: true,
    });
    expect(again.mutationId).toBe(mutationId);
    expect((await engine.db.get('visits', visitId))?.audio).toHaveLength(1);
    expect((await engine.progress()).mutationsPending).toBe(4);
    await expect(
      engine.recordVisitAudio({
        visitId: randomUUID(),
        caseId,
        bytes,
        contentType: 'audio/webm',
        durationS: 1,
        startedAt: '2026-11-20T02:00:00.000Z',
        complete: true,
      }),
    ).rejects.toThrow(/No such visit/);
    await engine.close();
  });
});
