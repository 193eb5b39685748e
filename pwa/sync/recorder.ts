// Recording what happened on a visit. Each call is one IndexedDB transaction that writes the
// record and appends its outbox entry together, and resolves only once that transaction has
// committed: when it resolves, the app may say "saved". Payload types come from the shared schema;
// the device does not load the schema itself (that would put zod in the app): its forms apply the
// rules a person can act on, and the server validates every mutation and says why it refuses one.
import type { Position } from '../../shared/schemas/sync.js';
import type { Clock } from './clock.js';
import { isoTime, newDeviceId } from './clock.js';
import type { SyncDatabase } from './database.js';
import type { CheckInMutation, CheckOutMutation, NoteMutation, OutboxEntry, SosMutation, StoredVisit } from './records.js';
import { RecordingError } from './recording-error.js';
import { committed } from './transaction.js';
import { recordVisitAudio, type VisitAudioInput } from './visit-audio.js';
import { correctVisitRecord, recordVisit, type VisitRecordInput } from './visit-record.js';

export { RecordingError } from './recording-error.js';
export type { PhotoInput, VisitRecordInput } from './visit-record.js';
export type { VisitAudioInput } from './visit-audio.js';

export interface CheckInInput {
  caseId: string;
  addressId: string;
  position: Position;
  /** Defaults to now on the device clock. */
  checkedInAt?: string;
}

export interface CheckOutInput {
  visitId: string;
  caseId: string;
  position?: Position;
  checkedOutAt?: string;
}

export interface NoteInput {
  caseId: string;
  body: string;
}

export interface SosInput {
  position?: Position;
  note?: string;
}

export interface Recorder {
  /** Starts a visit; resolves with its new visitId. */
  recordCheckIn(input: CheckInInput): Promise<{ visitId: string; mutationId: string }>;
  recordVisit(input: VisitRecordInput): Promise<{ mutationId: string; photoHashes: string[] }>;
  /**
   * A corrected record in place of one the server refused (a new mutation id); the refused entry
   * stays, marked resolved, until the server has acknowledged the correction.
   */
  correctVisitRecord(refusedMutationId: string, input: VisitRecordInput): Promise<{ mutationId: string; photoHashes: string[] }>;
  recordCheckOut(input: CheckOutInput): Promise<{ mutationId: string }>;
  /** A piece of the visit's audio recording, hashed here over the assembled bytes. */
  recordVisitAudio(input: VisitAudioInput): Promise<{ mutationId: string; sha256: string }>;
  addNote(input: NoteInput): Promise<{ noteId: string; mutationId: string }>;
  /** A collector in danger. The outbox entry is its only record; the engine sends it at once. */
  raiseSos(input: SosInput): Promise<{ sosId: string; mutationId: string }>;
}

function outboxEntry(mutation: OutboxEntry['mutation'], enqueuedAt: string): OutboxEntry {
  return { state: 'pending', mutation, enqueuedAt };
}

export function createRecorder(db: SyncDatabase, clock: Clock): Recorder {
  return {
    async recordCheckIn(input) {
      const now = isoTime(clock);
      const visitId = newDeviceId(clock);
      const mutation: CheckInMutation = {
        id: newDeviceId(clock),
        createdAt: now,
        type: 'visit.checkIn',
        visitId,
        caseId: input.caseId,
        addressId: input.addressId,
        checkedInAt: input.checkedInAt ?? now,
        position: input.position,
      };
      const tx = db.transaction(['visits', 'outbox'], 'readwrite');
      const visit: StoredVisit = {
        visitId,
        caseId: input.caseId,
        addressId: input.addressId,
        checkIn: { mutation, state: 'pending' },
        createdAt: now,
      };
      await committed(tx, async () => {
        await tx.objectStore('visits').add(visit);
        await tx.objectStore('outbox').add(outboxEntry(mutation, now));
      });
      return { visitId, mutationId: mutation.id };
    },

    recordVisit: (input) => recordVisit(db, clock, input),
    correctVisitRecord: (refusedMutationId, input) => correctVisitRecord(db, clock, refusedMutationId, input),
    recordVisitAudio: (input) => recordVisitAudio(db, clock, input),

    async recordCheckOut(input) {
      const now = isoTime(clock);
      const mutation: CheckOutMutation = {
        id: newDeviceId(clock),
        createdAt: now,
        type: 'visit.checkOut',
        visitId: input.visitId,
        caseId: input.caseId,
        checkedOutAt: input.checkedOutAt ?? now,
        ...(input.position ? { position: input.position } : {}),
      };
      const tx = db.transaction(['visits', 'outbox'], 'readwrite');
      await committed(tx, async () => {
        const visit = await tx.objectStore('visits').get(input.visitId);
        if (!visit) throw new RecordingError('No such visit on this device.');
        if (visit.checkOut) throw new RecordingError('This visit is already checked out.');
        if (visit.caseId !== input.caseId) throw new RecordingError('This visit belongs to another case.');
        await tx.objectStore('visits').put({ ...visit, checkOut: { mutation, state: 'pending' } });
        await tx.objectStore('outbox').add(outboxEntry(mutation, now));
      });
      return { mutationId: mutation.id };
    },

    async addNote(input) {
      const now = isoTime(clock);
      const noteId = newDeviceId(clock);
      const body = input.body.trim();
      if (body === '') throw new RecordingError('A note needs a body.');
      const mutation: NoteMutation = {
        id: newDeviceId(clock),
        createdAt: now,
        type: 'note.add',
        noteId,
        caseId: input.caseId,
        body,
      };
      const tx = db.transaction(['notes', 'outbox'], 'readwrite');
      await committed(tx, async () => {
        await tx.objectStore('notes').add({ noteId, caseId: input.caseId, mutation, state: 'pending' });
        await tx.objectStore('outbox').add(outboxEntry(mutation, now));
      });
      return { noteId, mutationId: mutation.id };
    },

    async raiseSos(input) {
      const now = isoTime(clock);
      const sosId = newDeviceId(clock);
      const mutation: SosMutation = {
        id: newDeviceId(clock),
        createdAt: now,
        type: 'sos.raise',
        sosId,
        ...(input.position ? { position: input.position } : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
      };
      const tx = db.transaction('outbox', 'readwrite');
      await committed(tx, async () => {
        await tx.store.add(outboxEntry(mutation, now));
      });
      return { sosId, mutationId: mutation.id };
    },
  };
}
