// The visit's audio recording between the microphone (capture/audio.ts) and the sync engine: started at
// check-in when the creditor asks for it, stopped at check-out and handed to the engine, and at every
// start-up whatever a closed or crashed app left behind is handed over too, so it still ends on the server.
import { createVisitRecorder, type AudioRecording, type VisitRecorder, type VisitRecorderOptions } from '../../capture/audio.js';
import type { SyncEngine } from '../../sync/index.js';

export interface VisitAudioState {
  /** The visit being recorded now. */
  recording: string | null;
  /** Why recording a visit could not start or stopped by itself, by visit. */
  problems: ReadonlyMap<string, 'failed' | 'interrupted'>;
  /** The browser's words for the last failure to start. */
  lastError: string | null;
}

export interface VisitAudio {
  state(): VisitAudioState;
  subscribe(listener: () => void): () => void;
  /** Records this visit (stopping and handing over any other first). */
  start(visitId: string): Promise<void>;
  /** Stops recording this visit, if it is being recorded, and hands the recording to the engine. */
  stop(visitId: string): Promise<void>;
  /** Hands over every recording left on the device; resolves with the visits whose recordings could not go. */
  handOverLeftovers(): Promise<string[]>;
  close(): Promise<void>;
}

export type VisitAudioOptions = Pick<VisitRecorderOptions, 'capture' | 'indexedDB' | 'timesliceMs' | 'now'>;

/** The Web Locks this needs: a tab holds one per visit it records, so another tab never takes that recording for left behind. */
interface RecordingLocks {
  request(name: string, callback: () => Promise<void>): Promise<void>;
  query(): Promise<{ held?: { name?: string }[] }>;
}

function recordingLocks(): RecordingLocks | null {
  const locks = (globalThis as { navigator?: { locks?: Partial<RecordingLocks> } }).navigator?.locks;
  return typeof locks?.request === 'function' && typeof locks.query === 'function' ? (locks as RecordingLocks) : null;
}

const lockPrefix = 'fieldvisits-recording:';

export async function openVisitAudio(userId: string, engine: SyncEngine, options: VisitAudioOptions = {}): Promise<VisitAudio> {
  const locks = recordingLocks();
  const releases = new Map<string, () => void>();
  const listeners = new Set<() => void>();
  const problems = new Map<string, 'failed' | 'interrupted'>();
  let lastError: string | null = null;
  const changed = () => {
    for (const listener of listeners) listener();
  };
  const recorder: VisitRecorder = await createVisitRecorder({
    userId,
    ...options,
    onInterrupted(visitId) {
      problems.set(visitId, 'interrupted');
      // What was recorded up to the interruption is kept and sent.
      void stop(visitId);
    },
  });

  /** Into the engine's store (one transaction with its outbox entry), and only then off the recorder's. */
  async function handOver(recording: AudioRecording): Promise<boolean> {
    const visit = await engine.db.get('visits', recording.visitId);
    if (!visit || recording.contentType === null || recording.bytes.byteLength === 0) {
      // Kept where it is: nothing recorded is dropped, even what cannot be sent.
      console.warn(`The recording of visit ${recording.visitId} cannot be sent (${recording.mimeType}).`);
      return false;
    }
    await engine.recordVisitAudio({
      visitId: recording.visitId,
      caseId: visit.caseId,
      bytes: recording.bytes,
      contentType: recording.contentType,
      durationS: recording.durationMs / 1000,
      startedAt: recording.startedAt,
      complete: recording.complete,
    });
    await recorder.discard(recording.visitId);
    return true;
  }

  async function stop(visitId: string): Promise<void> {
    if (recorder.recording !== visitId) return;
    const recording = await recorder.stop();
    releases.get(visitId)?.();
    releases.delete(visitId);
    changed();
    // Not handed over now (the visit is gone from the device?): it stays with the recorder for the next start.
    await handOver(recording).catch((error: unknown) => console.warn('A recording was not handed to the sync engine', error));
    engine.requestSync('recording stopped');
    changed();
  }

  async function busyElsewhere(): Promise<Set<string>> {
    const held = locks ? ((await locks.query()).held ?? []) : [];
    const names = held.flatMap((lock) => (lock.name?.startsWith(lockPrefix) ? [lock.name.slice(lockPrefix.length)] : []));
    return new Set(names.filter((visitId) => !releases.has(visitId)));
  }

  /** Resolves with the visits whose recordings stay on the device. */
  async function handOverLeftovers(): Promise<string[]> {
    const kept: string[] = [];
    for (const recording of await recorder.leftBehind(await busyElsewhere())) {
      if (!(await handOver(recording).catch(() => false))) kept.push(recording.visitId);
    }
    engine.requestSync('recordings recovered');
    return kept;
  }

  return {
    state: () => ({ recording: recorder.recording, problems, lastError }),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start(visitId) {
      if (recorder.recording === visitId) return;
      if (recorder.recording) await stop(recorder.recording);
      try {
        // A piece of this visit still on the device (the app was closed mid-visit) goes first: the
        // recorder keeps one recording per visit at a time.
        if ((await handOverLeftovers()).includes(visitId))
          throw new Error('an earlier piece of this recording is still waiting to be saved');
        if ((await busyElsewhere()).has(visitId)) throw new Error('this visit is being recorded in another window of the app');
        await recorder.start(visitId);
        if (locks) {
          let release: () => void = () => undefined;
          const held = new Promise<void>((done) => (release = done));
          releases.set(visitId, release);
          void locks.request(lockPrefix + visitId, () => held);
        }
        problems.delete(visitId);
        lastError = null;
      } catch (error) {
        problems.set(visitId, 'failed');
        lastError = error instanceof Error ? error.message : String(error);
      }
      changed();
    },
    stop,
    handOverLeftovers: async () => {
      const kept = await handOverLeftovers();
      changed();
      return kept;
    },
    async close() {
      if (recorder.recording) await stop(recorder.recording).catch(() => undefined);
      recorder.close();
      listeners.clear();
    },
  };
}
