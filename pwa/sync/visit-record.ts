// What happened on a visit, and its correction after a refusal. Each is one IndexedDB transaction
// writing the record, its photos and its outbox entry together; nothing is deleted by a correction:
// the refused entry is marked resolved and leaves only once the server has acknowledged its successor.
import type { IDBPTransaction } from 'idb';
import type { MutationInput, Position } from '../../shared/schemas/sync.js';
import { isoTime, newDeviceId, type Clock } from './clock.js';
import type { SyncDatabase, SyncSchema } from './database.js';
import type { OutboxEntry, PhotoContentType, RecordMutation, StoredPhoto, StoredVisit } from './records.js';
import { RecordingError } from './recording-error.js';
import { sha256Hex } from './sha256.js';
import { committed } from './transaction.js';

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

type HashedPhoto = PhotoInput & { bytes: ArrayBuffer; sha256: string };
type RecordTransaction = IDBPTransaction<SyncSchema, ('visits' | 'outbox' | 'photos' | 'photoBytes')[], 'readwrite'>;

const failedRange = () => IDBKeyRange.bound(['failed', -Infinity], ['failed', Infinity]);
const resolvedRange = () => IDBKeyRange.bound(['resolved', -Infinity], ['resolved', Infinity]);

// Hashing is asynchronous and would let an open IndexedDB transaction commit early: hash first.
async function hashed(inputs: PhotoInput[]): Promise<HashedPhoto[]> {
  return Promise.all(
    inputs.map(async (photo) => {
      const bytes = photo.bytes instanceof Uint8Array ? copyToArrayBuffer(photo.bytes) : photo.bytes.slice(0);
      return { ...photo, bytes, sha256: await sha256Hex(bytes) };
    }),
  );
}

function recordMutation(fields: RecordFields, photos: RecordMutation['photos'], clock: Clock): RecordMutation {
  const now = isoTime(clock);
  return { ...fields, id: newDeviceId(clock), createdAt: now, type: 'visit.record', photos };
}

function listed(photos: HashedPhoto[]): RecordMutation['photos'] {
  return photos.map((photo) => ({
    sha256: photo.sha256,
    sizeBytes: photo.bytes.byteLength,
    takenAt: photo.takenAt,
    ...(photo.position ? { position: photo.position } : {}),
    ...(photo.caption !== undefined ? { caption: photo.caption } : {}),
  }));
}

/** New photos wait for their record's acknowledgement; one held back by an earlier refusal waits again. */
async function storePhotos(tx: RecordTransaction, visitId: string, hashes: string[], photos: HashedPhoto[], now: string): Promise<void> {
  const fresh = new Map(photos.map((photo) => [photo.sha256, photo]));
  for (const sha256 of hashes) {
    const stored = await tx.objectStore('photos').get(sha256);
    const photo = fresh.get(sha256);
    // The same bytes on another visit (a photo reused): one upload serves both.
    const record: StoredPhoto | undefined = stored
      ? // Already on its way (or on the server) for another visit: it stays where it is.
        { ...stored, visitIds: [...new Set([...stored.visitIds, visitId])], state: stored.state === 'held' ? 'waiting' : stored.state }
      : photo && {
          sha256,
          sizeBytes: photo.bytes.byteLength,
          contentType: photo.contentType,
          visitIds: [visitId],
          takenAt: photo.takenAt,
          ...(photo.position ? { position: photo.position } : {}),
          state: 'waiting',
          createdAt: now,
          mismatches: 0,
        };
    if (!record) continue;
    await tx.objectStore('photos').put(record);
    if (photo) await tx.objectStore('photoBytes').put({ sha256, bytes: photo.bytes });
  }
}

export async function recordVisit(
  db: SyncDatabase,
  clock: Clock,
  input: VisitRecordInput,
): Promise<{ mutationId: string; photoHashes: string[] }> {
  const { photos: photoInputs = [], ...fields } = input;
  const photos = await hashed(photoInputs);
  const mutation = recordMutation(fields, listed(photos), clock);
  const now = mutation.createdAt;
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
    await tx.objectStore('outbox').add({ state: 'pending', mutation, enqueuedAt: now });
    await storePhotos(
      tx,
      mutation.visitId,
      photos.map((photo) => photo.sha256),
      photos,
      now,
    );
  });
  return { mutationId: mutation.id, photoHashes: photos.map((photo) => photo.sha256) };
}

/**
 * Replaces a record the server refused with a corrected one (a new mutation id). The photos of the
 * refused record stay with the visit and go with the correction, after any added here.
 */
export async function correctVisitRecord(
  db: SyncDatabase,
  clock: Clock,
  refusedMutationId: string,
  input: VisitRecordInput,
): Promise<{ mutationId: string; photoHashes: string[] }> {
  const { photos: photoInputs = [], ...fields } = input;
  const added = await hashed(photoInputs);
  const tx = db.transaction(['visits', 'outbox', 'photos', 'photoBytes'], 'readwrite');
  const mutation = await committed(tx, async () => {
    const outbox = tx.objectStore('outbox');
    const refused = (await outbox.index('byState').getAll(failedRange())).find((entry) => entry.mutation.id === refusedMutationId);
    const visit = await tx.objectStore('visits').get(input.visitId);
    if (!refused || refused.seq === undefined || !visit || visit.record?.mutation.id !== refusedMutationId) {
      throw new RecordingError('There is no refused record of this visit to correct.');
    }
    if (visit.caseId !== input.caseId) throw new RecordingError('This visit belongs to another case.');
    const kept = visit.record.mutation.photos;
    const keptHashes = new Set(kept.map((photo) => photo.sha256));
    const correction = recordMutation(fields, [...kept, ...listed(added.filter((photo) => !keptHashes.has(photo.sha256)))], clock);
    const now = correction.createdAt;
    await tx.objectStore('visits').put({ ...visit, record: { mutation: correction, state: 'pending' } });
    await outbox.put(resolved(refused, correction.id));
    // An earlier refusal this one corrected is now answered by the new correction.
    for (const earlier of await outbox.index('byState').getAll(resolvedRange())) {
      if (earlier.resolvedBy === refusedMutationId) await outbox.put(resolved(earlier, correction.id));
    }
    await outbox.add({ state: 'pending', mutation: correction, enqueuedAt: now });
    await storePhotos(
      tx,
      visit.visitId,
      correction.photos.map((photo) => photo.sha256),
      added,
      now,
    );
    return correction;
  });
  return { mutationId: mutation.id, photoHashes: mutation.photos.map((photo) => photo.sha256) };
}

function resolved(entry: OutboxEntry, by: string): OutboxEntry {
  return { ...entry, state: 'resolved', resolvedBy: by };
}

function copyToArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return copy;
}
