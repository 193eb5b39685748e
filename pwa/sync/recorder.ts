// Recording what happened on a visit. Each call is one IndexedDB transaction that writes the
// record and appends its outbox entry together, and resolves only once that transaction has
// committed: when it resolves, the app may say "saved".
import { mutation as mutationSchema, type MutationInput, type Position } from '../../shared/schemas/sync.js';
import type { Clock } from './clock.js';
import { isoTime, newDeviceId } from './clock.js';
import type { SyncDatabase } from './database.js';
import type {
  CheckInMutation,
  CheckOutMutation,
  NoteMutation,
  OutboxEntry,
  PhotoContentType,
  RecordMutation,
  SosMutation,
  StoredPhoto,
  StoredVisit,
} from './records.js';
import { sha256Hex } from './sha256.js';
import { committed } from './transaction.js';

/** The input did not satisfy the shared mutation schema, or contradicts what is already recorded. */
export class RecordingError extends Error {
  override name = 'RecordingError';
}

export interface CheckInInput {
  caseId: string;
  addressId: string;
  position: Position;
  /** Defaults to now on the device clock. */
  checkedInAt?: string;
}

export interface PhotoInput {
  bytes: ArrayBuffer | Uint8Array;
  contentType: PhotoContentType;
  takenAt: string;
  position?: Position;
  caption?: string;
}

type RecordFields = Omit<Extract<MutationInput, { type: 'visit.record' }>, 'id' | 'createdAt' | 'type' | 'photos'>;
export interface VisitRecordInput extends RecordFields {
  photos?: PhotoInput[];
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
  recordCheckOut(input: CheckOutInput): Promise<{ mutationId: string }>;
  addNote(input: NoteInput): Promise<{ noteId: string; mutationId: string }>;
  /** A collector in danger. The outbox entry is its only record; the engine sends it at once. */
  raiseSos(input: SosInput): Promise<{ sosId: string; mutationId: string }>;
}

function validate<T>(input: MutationInput): T {
  const parsed = mutationSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'value'}: ${issue.message}`);
    throw new RecordingError(issues.join('; '));
  }
  // Stored as parsed (trimmed, defaults filled) so every retry sends the very same payload.
  return parsed.data as T;
}

function outboxEntry(mutation: OutboxEntry['mutation'], enqueuedAt: string): OutboxEntry {
  return { state: 'pending', mutation, enqueuedAt };
}

export function createRecorder(db: SyncDatabase, clock: Clock): Recorder {
  return {
    async recordCheckIn(input) {
      const now = isoTime(clock);
      const visitId = newDeviceId(clock);
      const mutation = validate<CheckInMutation>({
        id: newDeviceId(clock),
        createdAt: now,
        type: 'visit.checkIn',
        visitId,
        caseId: input.caseId,
        addressId: input.addressId,
        checkedInAt: input.checkedInAt ?? now,
        position: input.position,
      });
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

    async recordVisit(input) {
      const now = isoTime(clock);
      const { photos: photoInputs = [], ...fields } = input;
      // Hashing is asynchronous and would let an open IndexedDB transaction commit early: hash first.
      const photos = await Promise.all(
        photoInputs.map(async (photo) => {
          const bytes = photo.bytes instanceof Uint8Array ? copyToArrayBuffer(photo.bytes) : photo.bytes.slice(0);
          return { ...photo, bytes, sha256: await sha256Hex(bytes) };
        }),
      );
      const mutation = validate<RecordMutation>({
        ...fields,
        id: newDeviceId(clock),
        createdAt: now,
        type: 'visit.record',
        photos: photos.map((photo) => ({
          sha256: photo.sha256,
          sizeBytes: photo.bytes.byteLength,
          takenAt: photo.takenAt,
          ...(photo.position ? { position: photo.position } : {}),
          ...(photo.caption !== undefined ? { caption: photo.caption } : {}),
        })),
      });
      const tx = db.transaction(['visits', 'outbox', 'photos', 'photoBytes'], 'readwrite');
      await committed(tx, async () => {
        const visits = tx.objectStore('visits');
        const existing = await visits.get(mutation.visitId);
        if (existing?.record) throw new RecordingError('This visit already has its outcome recorded.');
        if (existing && existing.caseId !== mutation.caseId) throw new RecordingError('This visit belongs to another case.');
        // A record may come before its check-in (the protocol allows either order).
        const visit: StoredVisit = existing ?? {
          visitId: mutation.visitId,
          caseId: mutation.caseId,
          addressId: mutation.addressId,
          createdAt: now,
        };
        await visits.put({ ...visit, record: { mutation, state: 'pending' } });
        await tx.objectStore('outbox').add(outboxEntry(mutation, now));
        for (const photo of photos) {
          const stored = await tx.objectStore('photos').get(photo.sha256);
          // The same bytes on another visit (a photo reused): one upload serves both.
          const record: StoredPhoto = stored
            ? {
                ...stored,
                visitIds: [...new Set([...stored.visitIds, mutation.visitId])],
                state: stored.state === 'failed' ? 'failed' : 'waiting',
              }
            : {
                sha256: photo.sha256,
                sizeBytes: photo.bytes.byteLength,
                contentType: photo.contentType,
                visitIds: [mutation.visitId],
                takenAt: photo.takenAt,
                ...(photo.position ? { position: photo.position } : {}),
                state: 'waiting',
                createdAt: now,
                mismatches: 0,
              };
          await tx.objectStore('photos').put(record);
          await tx.objectStore('photoBytes').put({ sha256: photo.sha256, bytes: photo.bytes });
        }
      });
      return { mutationId: mutation.id, photoHashes: photos.map((photo) => photo.sha256) };
    },

    async recordCheckOut(input) {
      const now = isoTime(clock);
      const mutation = validate<CheckOutMutation>({
        id: newDeviceId(clock),
        createdAt: now,
        type: 'visit.checkOut',
        visitId: input.visitId,
        caseId: input.caseId,
        checkedOutAt: input.checkedOutAt ?? now,
        ...(input.position ? { position: input.position } : {}),
      });
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
      const mutation = validate<NoteMutation>({
        id: newDeviceId(clock),
        createdAt: now,
        type: 'note.add',
        noteId,
        caseId: input.caseId,
        body: input.body,
      });
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
      const mutation = validate<SosMutation>({
        id: newDeviceId(clock),
        createdAt: now,
        type: 'sos.raise',
        sosId,
        ...(input.position ? { position: input.position } : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
      });
      const tx = db.transaction('outbox', 'readwrite');
      await committed(tx, async () => {
        await tx.store.add(outboxEntry(mutation, now));
      });
      return { sosId, mutationId: mutation.id };
    },
  };
}

function copyToArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return copy;
}
