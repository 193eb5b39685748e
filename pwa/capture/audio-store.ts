// The visit recordings' own IndexedDB: chunks are appended as MediaRecorder hands them over (every few
// seconds), so a crash or a killed tab loses seconds, not the visit. One database per user, like the sync
// store; a recording leaves it only once the caller has handed it to the sync engine (discard).
import { wrap, type DBSchema, type IDBPDatabase } from 'idb';

export interface StoredRecording {
  visitId: string;
  mimeType: string;
  startedAt: number;
  /** Null while recording, and after a crash until recovered. */
  stoppedAt: number | null;
  /** Once stopped: whether it ran to the end (false: closed where a crash left it). */
  complete?: boolean;
  chunks: number;
}

export interface StoredChunk {
  visitId: string;
  seq: number;
  /** An ArrayBuffer, not a Blob: Safari loses Blobs stored in IndexedDB. */
  bytes: ArrayBuffer;
  at: number;
}

interface AudioSchema extends DBSchema {
  recordings: { key: string; value: StoredRecording };
  chunks: { key: [string, number]; value: StoredChunk; indexes: { byVisit: string } };
}

export type AudioDatabase = IDBPDatabase<AudioSchema>;

export function audioDatabaseName(userId: string): string {
  return `fieldvisits-audio-${userId}`;
}

export interface AudioStore {
  begin(recording: Omit<StoredRecording, 'stoppedAt' | 'complete' | 'chunks'>): Promise<void>;
  /** One transaction per chunk: the chunk and the count that says it is there. */
  append(chunk: StoredChunk): Promise<void>;
  finish(visitId: string, stoppedAt: number, complete: boolean): Promise<void>;
  get(visitId: string): Promise<StoredRecording | undefined>;
  chunks(visitId: string): Promise<StoredChunk[]>;
  unfinished(): Promise<StoredRecording[]>;
  all(): Promise<StoredRecording[]>;
  discard(visitId: string): Promise<void>;
  close(): void;
}

export async function openAudioStore(userId: string, factory: IDBFactory = indexedDB): Promise<AudioStore> {
  const request = factory.open(audioDatabaseName(userId), 1);
  request.addEventListener('upgradeneeded', () => {
    const db = wrap(request.result) as AudioDatabase;
    db.createObjectStore('recordings', { keyPath: 'visitId' });
    db.createObjectStore('chunks', { keyPath: ['visitId', 'seq'] }).createIndex('byVisit', 'visitId');
  });
  const db = (await wrap(request)) as AudioDatabase;
  db.addEventListener('versionchange', () => db.close());

  return {
    async begin(recording) {
      await db.put('recordings', { ...recording, stoppedAt: null, chunks: 0 });
    },
    async append(chunk) {
      const tx = db.transaction(['recordings', 'chunks'], 'readwrite');
      const recording = await tx.objectStore('recordings').get(chunk.visitId);
      if (recording) {
        await tx.objectStore('chunks').put(chunk);
        await tx.objectStore('recordings').put({ ...recording, chunks: Math.max(recording.chunks, chunk.seq + 1) });
      }
      await tx.done;
    },
    async finish(visitId, stoppedAt, complete) {
      const tx = db.transaction('recordings', 'readwrite');
      const recording = await tx.store.get(visitId);
      if (recording) await tx.store.put({ ...recording, stoppedAt, complete });
      await tx.done;
    },
    get: (visitId) => db.get('recordings', visitId),
    // An index holds equal keys in primary-key order, so chunks come back in sequence.
    chunks: (visitId) => db.getAllFromIndex('chunks', 'byVisit', visitId),
    async unfinished() {
      return (await db.getAll('recordings')).filter((recording) => recording.stoppedAt === null);
    },
    all: () => db.getAll('recordings'),
    async discard(visitId) {
      const tx = db.transaction(['recordings', 'chunks'], 'readwrite');
      const chunks = tx.objectStore('chunks');
      for (const key of await chunks.index('byVisit').getAllKeys(visitId)) await chunks.delete(key);
      await tx.objectStore('recordings').delete(visitId);
      await tx.done;
    },
    close: () => db.close(),
  };
}
