// The visit's recording from microphone to server, in Node: stopped at check-out and handed to the
// engine, or recovered after a crash from the chunks in IndexedDB; either way it ends on the server.
import { createHash, randomUUID } from 'node:crypto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { openAudioStore } from '../../capture/audio-store.js';
import { openSyncEngine, type SyncEngine } from '../../sync/engine.js';
import { FakeSyncServer } from '../../../test/fixtures/sync/fake-server.js';
import { caseId, checkInInput, manualClock, visitRecordInput } from '../../../test/fixtures/sync/device.js';
import { fakeMicrophone } from '../../../test/fixtures/sync/microphone.js';
import { openVisitAudio } from './visit-audio.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

async function device(server: FakeSyncServer, userId: string, factory: IDBFactory): Promise<SyncEngine> {
  return openSyncEngine({
    userId,
    indexedDB: factory,
    transport: { baseUrl: 'http://server.test', getToken: () => 'token-1', fetch: server.fetch },
    clock: manualClock(),
    locks: null,
    backoff: { baseMs: 1, maxMs: 10, attemptsPerStep: 4 },
  });
}

describe('visit audio in the collector app', () => {
  it('records from check-in to check-out and hands the recording to the engine, which brings it to the server', async () => {
    const [server, factory, userId, mic] = [new FakeSyncServer(), new IDBFactory(), randomUUID(), fakeMicrophone()];
    const engine = await device(server, userId, factory);
    const audio = await openVisitAudio(userId, engine, { capture: mic.capture, indexedDB: factory });
    const { visitId } = await engine.recordCheckIn(checkInInput());
    await audio.start(visitId);
    expect(audio.state().recording).toBe(visitId);
    mic.chunk('hello ');
    mic.chunk('world');
    await engine.recordVisit(visitRecordInput(visitId));
    await engine.recordCheckOut({ visitId, caseId });
    await audio.stop(visitId);
    expect(audio.state().recording).toBeNull();

    const pieces = (await engine.db.get('visits', visitId))?.audio ?? [];
    expect(pieces.map((piece) => [piece.mutation.audio.sha256, piece.mutation.audio.complete])).toEqual([[sha('hello world|last'), true]]);
    // Handed over: the recorder's own store no longer holds it.
    expect(await audio.handOverLeftovers()).toEqual([]);
    expect(await engine.syncUntilSettled()).toEqual({ status: 'synced' });
    expect(new TextDecoder().decode(server.photos.get(sha('hello world|last')))).toBe('hello world|last');
    await audio.close();
    await engine.close();
  });

  it('after a crash mid-visit, hands over the chunks already stored, and a restarted recording becomes a second piece', async () => {
    const [server, factory, userId, mic] = [new FakeSyncServer(), new IDBFactory(), randomUUID(), fakeMicrophone()];
    const first = await device(server, userId, factory);
    const before = await openVisitAudio(userId, first, { capture: mic.capture, indexedDB: factory });
    const { visitId } = await first.recordCheckIn(checkInInput());
    await before.start(visitId);
    mic.chunk('before ');
    mic.chunk('the crash');
    const store = await openAudioStore(userId, factory);
    await vi.waitFor(async () => expect(await store.chunks(visitId)).toHaveLength(2));
    store.close();
    // The tab is killed: nothing is stopped or closed. The app starts again on the same device.
    const engine = await device(server, userId, factory);
    const after = await openVisitAudio(userId, engine, { capture: fakeMicrophone().capture, indexedDB: factory });
    expect(await after.handOverLeftovers()).toEqual([]);
    expect((await engine.db.get('visits', visitId))?.audio?.map((piece) => piece.mutation.audio)).toEqual([
      expect.objectContaining({ sha256: sha('before the crash'), complete: false, contentType: 'audio/webm' }),
    ]);

    await after.start(visitId);
    await after.stop(visitId);
    expect(await engine.syncUntilSettled()).toEqual({ status: 'synced' });
    expect(server.visitAudio.get(visitId)).toEqual([sha('before the crash'), sha('|last')]);
    expect(new TextDecoder().decode(server.photos.get(sha('before the crash')))).toBe('before the crash');
    expect(await engine.progress()).toMatchObject({ itemsPending: 0, visitAudio: [{ visitId, received: 2, expected: 2 }] });
    await after.close();
    await engine.close();
  });

  it('says when the microphone is refused, and records nothing', async () => {
    const [server, factory, userId] = [new FakeSyncServer(), new IDBFactory(), randomUUID()];
    const engine = await device(server, userId, factory);
    const refused = async () => {
      throw new DOMException('Permission denied', 'NotAllowedError');
    };
    const audio = await openVisitAudio(userId, engine, { capture: refused, indexedDB: factory });
    const { visitId } = await engine.recordCheckIn(checkInInput());
    await audio.start(visitId);
    expect(audio.state()).toMatchObject({ recording: null, lastError: 'Permission denied' });
    expect(audio.state().problems.get(visitId)).toBe('failed');
    await audio.close();
    await engine.close();
  });
});
