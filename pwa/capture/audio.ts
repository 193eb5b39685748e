// Records a visit from check-in to check-out when the creditor's policy asks for it:
//   const recorder = await createVisitRecorder({ userId });
//   await recorder.start(visitId);              // at check-in
//   const audio = await recorder.stop();        // at check-out: bytes + SHA-256, for the sync engine
//   await recorder.discard(audio.visitId);      // once the sync engine has stored it
//   await recorder.leftBehind();                // at start-up: what a crash left, or was never handed over
// Chunks go to IndexedDB as they arrive (audio-store.ts), so a crash loses at most one timeslice.
import { sha256Hex } from '../sync/sha256.js';
import { startMicrophoneCapture, type Capture, type StartCapture } from './audio-capture.js';
import { audioContentType, type AudioContentType } from './audio-format.js';
import { openAudioStore, type StoredChunk, type StoredRecording } from './audio-store.js';

export interface AudioRecording {
  visitId: string;
  /** Backed by its own ArrayBuffer, for IndexedDB and upload like a photo's. */
  bytes: Uint8Array<ArrayBuffer>;
  sha256: string;
  mimeType: string;
  /** What the sync schema calls it; null if the browser recorded a format the server does not take. */
  contentType: AudioContentType | null;
  durationMs: number;
  startedAt: string;
  /** False for a recording recovered after a crash: it ends where the last saved chunk ends. */
  complete: boolean;
}

export interface VisitRecorder {
  /** The visit being recorded, if any. */
  readonly recording: string | null;
  start(visitId: string): Promise<void>;
  stop(): Promise<AudioRecording>;
  /** Recordings a crash cut short, closed where their last saved chunk ends. */
  recoverUnfinished(): Promise<AudioRecording[]>;
  /**
   * Every recording still on the device but the one running: those a crash cut short (closed now)
   * and those stopped but never handed over (the app died between the two). Hand each over, then discard it.
   * `busy`: visits another tab is recording right now, left alone.
   */
  leftBehind(busy?: ReadonlySet<string>): Promise<AudioRecording[]>;
  /** Removes a recording from the device: only once the sync engine holds its bytes. */
  discard(visitId: string): Promise<void>;
  close(): void;
}

export interface VisitRecorderOptions {
  userId: string;
  /** Five seconds: what a crash can lose, against one IndexedDB write per chunk. */
  timesliceMs?: number;
  capture?: StartCapture;
  indexedDB?: IDBFactory;
  now?: () => number;
  /** The microphone stopped before stop() (a phone call, a revoked permission): tell the collector. */
  onInterrupted?: (visitId: string) => void;
}

interface Active {
  visitId: string;
  capture: Capture;
  nextSeq: number;
  writes: Promise<void>;
  stopped: Promise<void>;
  stoppedByUs: boolean;
}

/** How long stop() waits for the recorder's last chunk before assembling what is stored. */
const stopTimeoutMs = 5_000;

export async function createVisitRecorder(options: VisitRecorderOptions): Promise<VisitRecorder> {
  const store = await openAudioStore(options.userId, options.indexedDB);
  const startCapture = options.capture ?? startMicrophoneCapture;
  const now = options.now ?? Date.now;
  const timesliceMs = options.timesliceMs ?? 5_000;
  let active: Active | null = null;

  async function recoverUnfinished(busy: ReadonlySet<string> = new Set()): Promise<AudioRecording[]> {
    const recovered: AudioRecording[] = [];
    for (const recording of await store.unfinished()) {
      if (recording.visitId === active?.visitId || busy.has(recording.visitId)) continue;
      const chunks = await store.chunks(recording.visitId);
      if (chunks.length === 0) {
        // Nothing was captured before the crash: there is nothing to keep.
        await store.discard(recording.visitId);
        continue;
      }
      const stoppedAt = chunks.at(-1)?.at ?? recording.startedAt;
      await store.finish(recording.visitId, stoppedAt, false);
      recovered.push(await assemble({ ...recording, stoppedAt }, chunks, false));
    }
    return recovered;
  }

  return {
    get recording() {
      return active?.visitId ?? null;
    },

    async start(visitId) {
      if (active) throw new Error(`Already recording visit ${active.visitId}.`);
      let markStopped: () => void = () => undefined;
      let markBegun: () => void = () => undefined;
      const startedAt = now();
      const session = {
        visitId,
        nextSeq: 0,
        // Chunk writes wait for the recording's own row, written once the recorder names its format.
        writes: new Promise<void>((resolve) => {
          markBegun = resolve;
        }),
        stopped: new Promise<void>((resolve) => {
          markStopped = resolve;
        }),
        stoppedByUs: false,
      };
      const capture = await startCapture(timesliceMs, {
        onChunk(data) {
          if (data.size === 0) return;
          const seq = session.nextSeq++;
          const at = now();
          // Chained, so chunks are stored in order even when one write is slow.
          session.writes = session.writes.then(async () => {
            try {
              await store.append({ visitId, seq, bytes: await data.arrayBuffer(), at });
            } catch (error) {
              console.warn('A recording chunk could not be stored', error);
            }
          });
        },
        onStop() {
          markStopped();
          if (!session.stoppedByUs) options.onInterrupted?.(visitId);
        },
      });
      try {
        await store.begin({ visitId, mimeType: capture.mimeType, startedAt });
      } catch (error) {
        session.stoppedByUs = true;
        capture.stop();
        throw error;
      }
      markBegun();
      // After the microphone is ours: a refused permission leaves no empty recording behind.
      active = Object.assign(session, { capture });
    },

    async stop() {
      const current = active;
      if (!current) throw new Error('Not recording.');
      current.stoppedByUs = true;
      current.capture.stop();
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([current.stopped, new Promise<void>((done) => (timer = setTimeout(done, stopTimeoutMs)))]);
      clearTimeout(timer);
      await current.writes;
      active = null;
      const stoppedAt = now();
      await store.finish(current.visitId, stoppedAt, true);
      const recording = await store.get(current.visitId);
      if (!recording) throw new Error(`The recording of visit ${current.visitId} is missing.`);
      return assemble(recording, await store.chunks(current.visitId), true);
    },

    recoverUnfinished: () => recoverUnfinished(),

    async leftBehind(busy = new Set<string>()) {
      const recovered = await recoverUnfinished(busy);
      const stopped = (await store.all()).filter(
        (recording) =>
          recording.stoppedAt !== null &&
          recording.visitId !== active?.visitId &&
          !busy.has(recording.visitId) &&
          !recovered.some((r) => r.visitId === recording.visitId),
      );
      const assembled = await Promise.all(
        stopped.map(async (recording) => assemble(recording, await store.chunks(recording.visitId), recording.complete ?? false)),
      );
      return [...recovered, ...assembled.filter((recording) => recording.bytes.byteLength > 0)];
    },

    discard: (visitId) => store.discard(visitId),
    close: () => store.close(),
  };
}

async function assemble(recording: StoredRecording, chunks: StoredChunk[], complete: boolean): Promise<AudioRecording> {
  const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.bytes.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(new Uint8Array(chunk.bytes), offset);
    offset += chunk.bytes.byteLength;
  }
  return {
    visitId: recording.visitId,
    bytes,
    sha256: await sha256Hex(bytes),
    mimeType: recording.mimeType,
    contentType: audioContentType(recording.mimeType),
    durationMs: Math.max(0, (recording.stoppedAt ?? recording.startedAt) - recording.startedAt),
    startedAt: new Date(recording.startedAt).toISOString(),
    complete,
  };
}
