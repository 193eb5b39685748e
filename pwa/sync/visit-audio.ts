// A piece of a visit's audio recording handed to the engine: its bytes, its metadata and its
// 'visit.audio' outbox entry in one transaction. From there it travels like a photo: uploaded once
// the announcement is acknowledged, confirmed against the server's list, only then dropped.
import { maxAudioBytes, type AudioContentType } from '../../shared/sync-limits.js';
import { isoTime, newDeviceId, type Clock } from './clock.js';
import type { SyncDatabase } from './database.js';
import type { AudioMutation } from './records.js';
import { RecordingError } from './recording-error.js';
import { sha256Hex } from './sha256.js';
import { committed } from './transaction.js';

export interface VisitAudioInput {
  visitId: string;
  caseId: string;
  bytes: Uint8Array<ArrayBuffer>;
  contentType: AudioContentType;
  durationS: number;
  startedAt: string;
  /** False for what a closed or crashed app left behind. */
  complete: boolean;
}

/** Stores the piece; handing the same bytes over again (after a crash mid-handover) changes nothing. */
export async function recordVisitAudio(
  db: SyncDatabase,
  clock: Clock,
  input: VisitAudioInput,
): Promise<{ mutationId: string; sha256: string }> {
  if (input.bytes.byteLength === 0) throw new RecordingError('The recording is empty.');
  if (input.bytes.byteLength > maxAudioBytes) throw new RecordingError(`The recording is larger than ${maxAudioBytes / 1024 / 1024} MB.`);
  // Hashed before the transaction opens: an await on anything else would let it commit early.
  const bytes = input.bytes.slice().buffer;
  const sha256 = await sha256Hex(bytes);
  const now = isoTime(clock);
  const announced: AudioMutation = {
    id: newDeviceId(clock),
    createdAt: now,
    type: 'visit.audio',
    visitId: input.visitId,
    caseId: input.caseId,
    audio: {
      sha256,
      sizeBytes: bytes.byteLength,
      contentType: input.contentType,
      durationS: Math.round(input.durationS * 10) / 10,
      startedAt: input.startedAt,
      complete: input.complete,
    },
  };
  const tx = db.transaction(['visits', 'outbox', 'photos', 'photoBytes'], 'readwrite');
  return committed(tx, async () => {
    const visit = await tx.objectStore('visits').get(input.visitId);
    if (!visit) throw new RecordingError('No such visit on this device.');
    if (visit.caseId !== input.caseId) throw new RecordingError('This visit belongs to another case.');
    const already = visit.audio?.find((piece) => piece.mutation.audio.sha256 === sha256);
    if (already) return { mutationId: already.mutation.id, sha256 };
    await tx.objectStore('visits').put({ ...visit, audio: [...(visit.audio ?? []), { mutation: announced, state: 'pending' }] });
    await tx.objectStore('outbox').add({ state: 'pending', mutation: announced, enqueuedAt: now });
    await tx.objectStore('photos').put({
      sha256,
      sizeBytes: bytes.byteLength,
      contentType: input.contentType,
      visitIds: [input.visitId],
      takenAt: input.startedAt,
      durationS: announced.audio.durationS,
      state: 'waiting',
      createdAt: now,
      mismatches: 0,
    });
    await tx.objectStore('photoBytes').put({ sha256, bytes });
    return { mutationId: announced.id, sha256 };
  });
}
