// idb checks results against the IndexedDB globals; each test still gets its own factory.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { fakeMicrophone } from '../../test/fixtures/sync/microphone.js';
import { audioContentType, pickAudioType } from './audio-format.js';
import { openAudioStore } from './audio-store.js';
import { createVisitRecorder } from './audio.js';

function clock(start = Date.parse('2026-11-23T07:00:00Z')) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

describe('audio format', () => {
  it('prefers Opus in WebM, then Ogg, then MP4 (Safari)', () => {
    expect(pickAudioType(() => true)).toBe('audio/webm;codecs=opus');
    expect(pickAudioType((type) => type.startsWith('audio/mp4'))).toBe('audio/mp4;codecs=mp4a.40.2');
    expect(pickAudioType(() => false)).toBeNull();
  });

  it('names the content type as the sync schema does', () => {
    expect(audioContentType('audio/webm;codecs=opus')).toBe('audio/webm');
    expect(audioContentType('audio/mp4')).toBe('audio/mp4');
    expect(audioContentType('audio/wav')).toBeNull();
  });
});

describe('visit recorder', () => {
  it('records from start to stop: chunks in order, hashed, with the duration', async () => {
    const mic = fakeMicrophone();
    const time = clock();
    const recorder = await createVisitRecorder({ userId: 'u1', capture: mic.capture, indexedDB: new IDBFactory(), now: time.now });
    await recorder.start('visit-1');
    expect(recorder.recording).toBe('visit-1');
    for (const part of ['a', 'b', 'c']) {
      time.advance(5_000);
      mic.chunk(part);
    }
    time.advance(2_000);
    const audio = await recorder.stop();
    expect(text(audio.bytes)).toBe('abc|last');
    expect(audio.bytes.buffer).toBeInstanceOf(ArrayBuffer);
    expect(audio.sha256).toBe(sha256('abc|last'));
    expect(audio).toMatchObject({
      visitId: 'visit-1',
      mimeType: 'audio/webm;codecs=opus',
      contentType: 'audio/webm',
      durationMs: 17_000,
      complete: true,
    });
    expect(audio.startedAt).toBe('2026-11-23T07:00:00.000Z');
    expect(recorder.recording).toBeNull();
    // Kept until the sync engine has it; then discarded.
    expect(await recorder.recoverUnfinished()).toEqual([]);
    await recorder.discard('visit-1');
    recorder.close();
  });

  it('after a crash, recovers what was stored, once', async () => {
    const factory = new IDBFactory();
    const mic = fakeMicrophone();
    const time = clock();
    const before = await createVisitRecorder({ userId: 'u1', capture: mic.capture, indexedDB: factory, now: time.now });
    await before.start('visit-2');
    time.advance(5_000);
    mic.chunk('first ');
    time.advance(5_000);
    mic.chunk('second');
    // Both chunks reach IndexedDB (as they would in the seconds before a crash)…
    const store = await openAudioStore('u1', factory);
    await vi.waitFor(async () => expect(await store.chunks('visit-2')).toHaveLength(2));
    store.close();
    before.close(); // …then the tab dies: no stop()

    const after = await createVisitRecorder({ userId: 'u1', capture: fakeMicrophone().capture, indexedDB: factory, now: time.now });
    const [recovered, ...others] = await after.recoverUnfinished();
    expect(others).toEqual([]);
    expect(text(recovered!.bytes)).toBe('first second');
    expect(recovered).toMatchObject({ visitId: 'visit-2', complete: false, durationMs: 10_000, sha256: sha256('first second') });
    expect(await after.recoverUnfinished()).toEqual([]);
    after.close();
  });

  it('gives back what was left behind: a crashed recording closed, a stopped one never handed over, not one another tab records', async () => {
    const factory = new IDBFactory();
    const mic = fakeMicrophone();
    const time = clock();
    const before = await createVisitRecorder({ userId: 'u1', capture: mic.capture, indexedDB: factory, now: time.now });
    await before.start('visit-stopped');
    mic.chunk('done');
    time.advance(3_000);
    await before.stop(); // …and the app died before handing it to the sync engine
    await before.start('visit-crashed');
    mic.chunk('cut short');
    const store = await openAudioStore('u1', factory);
    await vi.waitFor(async () => expect(await store.chunks('visit-crashed')).toHaveLength(1));
    await store.begin({ visitId: 'visit-elsewhere', mimeType: 'audio/webm', startedAt: time.now() });
    await store.append({ visitId: 'visit-elsewhere', seq: 0, bytes: new TextEncoder().encode('live').buffer, at: time.now() });
    store.close();
    before.close();

    const after = await createVisitRecorder({ userId: 'u1', capture: fakeMicrophone().capture, indexedDB: factory, now: time.now });
    const left = await after.leftBehind(new Set(['visit-elsewhere']));
    expect(left.map((audio) => [audio.visitId, text(audio.bytes), audio.complete]).sort()).toEqual([
      ['visit-crashed', 'cut short', false],
      ['visit-stopped', 'done|last', true],
    ]);
    // Until discarded, they come back at every start; the one recorded elsewhere is left alone.
    expect((await after.leftBehind(new Set(['visit-elsewhere']))).map((audio) => audio.visitId).sort()).toEqual([
      'visit-crashed',
      'visit-stopped',
    ]);
    for (const audio of left) await after.discard(audio.visitId);
    expect(await after.leftBehind(new Set(['visit-elsewhere']))).toEqual([]);
    expect((await after.leftBehind()).map((audio) => audio.visitId)).toEqual(['visit-elsewhere']);
    after.close();
  });

  it('keeps recordings of different users apart, and drops a crashed one that captured nothing', async () => {
    const factory = new IDBFactory();
    const first = await createVisitRecorder({ userId: 'u1', capture: fakeMicrophone().capture, indexedDB: factory });
    await first.start('visit-3');
    first.close();
    const other = await createVisitRecorder({ userId: 'u2', capture: fakeMicrophone().capture, indexedDB: factory });
    expect(await other.recoverUnfinished()).toEqual([]);
    const again = await createVisitRecorder({ userId: 'u1', capture: fakeMicrophone().capture, indexedDB: factory });
    expect(await again.recoverUnfinished()).toEqual([]);
  });

  it('tells the app when the microphone stops by itself, and still assembles the recording', async () => {
    const mic = fakeMicrophone();
    const interrupted: string[] = [];
    const recorder = await createVisitRecorder({
      userId: 'u1',
      capture: mic.capture,
      indexedDB: new IDBFactory(),
      onInterrupted: (visitId) => interrupted.push(visitId),
    });
    await recorder.start('visit-4');
    mic.chunk('hello');
    mic.lose();
    expect(interrupted).toEqual(['visit-4']);
    const audio = await recorder.stop();
    expect(text(audio.bytes)).toContain('hello');
    await expect(recorder.stop()).rejects.toThrow('Not recording');
  });

  it('refuses a second recording while one runs, and leaves nothing when the microphone is refused', async () => {
    const mic = fakeMicrophone();
    const factory = new IDBFactory();
    const recorder = await createVisitRecorder({ userId: 'u1', capture: mic.capture, indexedDB: factory });
    await recorder.start('visit-5');
    await expect(recorder.start('visit-6')).rejects.toThrow('Already recording visit visit-5');
    await recorder.stop();

    const refused = await createVisitRecorder({
      userId: 'u9',
      capture: async () => {
        throw new DOMException('Permission denied', 'NotAllowedError');
      },
      indexedDB: factory,
    });
    await expect(refused.start('visit-7')).rejects.toThrow('Permission denied');
    expect(refused.recording).toBeNull();
    expect(await refused.recoverUnfinished()).toEqual([]);
  });
});
