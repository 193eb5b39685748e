// Photo and audio uploads over tus 1.0, driven by hand so resume works the same in browsers and in Node:
// the upload URL and offset live in IndexedDB; after a cut, HEAD tells how much the server kept
// and only the rest is sent. The server checks the SHA-256 when the last byte arrives.
import { uploadsPath } from '../../shared/sync-limits.js';
import type { SyncDatabase } from './database.js';
import { TransientSyncError } from './errors.js';
import type { StoredPhoto, UploadState } from './records.js';
import { sha256Hex } from './sha256.js';
import { committed } from './transaction.js';
import { throwUnlessOk, type Transport } from './transport.js';

const tusVersion = { 'tus-resumable': '1.0.0' };
/** 460 is tus' "checksum mismatch": the server discarded the upload. */
const checksumMismatch = 460;
/** After this many mismatches with intact local bytes, something between us corrupts them: give up on this photo. */
const maxMismatches = 3;

export interface UploadContext {
  db: SyncDatabase;
  transport: Transport;
  chunkBytes: number;
  signal?: AbortSignal;
  /** Called as bytes are accepted by the server, for progress. */
  onProgress?: (sha256: string, offset: number) => void;
}

export type UploadOutcome = 'uploaded' | 'failed';

/** Brings one photo to the server. Transient failures throw (the caller retries); the state kept makes the retry resume. */
export async function uploadPhoto(context: UploadContext, photo: StoredPhoto): Promise<UploadOutcome> {
  const { db, transport, signal } = context;
  const stored = await db.get('photoBytes', photo.sha256);
  if (!stored) {
    await markPhotoFailed(db, photo.sha256, 'The photo’s bytes are missing from this device.');
    return 'failed';
  }
  const bytes = new Uint8Array(stored.bytes);

  let state = await db.get('uploads', photo.sha256);
  let offset: number | null = null;
  let maybeOnServer = photo.visitIds.length > 1 || photo.mismatches > 0;
  if (state) {
    offset = await serverOffset(context, state);
    // Gone, or complete: the last answer may have been lost after the server kept the photo.
    maybeOnServer ||= offset === null || offset >= state.sizeBytes;
    if (offset === null || offset >= state.sizeBytes) {
      await db.delete('uploads', photo.sha256);
      state = undefined;
    }
  }
  // Content-addressed, so there may be nothing to send. A photo never tried before skips the
  // question: one request less per photo on a slow link.
  if (maybeOnServer && (await transport.hasPhoto(photo.sha256, signal))) {
    await markUploaded(db, photo.sha256);
    return 'uploaded';
  }
  if (!state) {
    state = await createUpload(context, photo);
    offset = 0;
  }
  let current = offset ?? 0;
  // Only our own answer to the last PATCH says the server verified and kept the photo.
  let completedByUs = false;
  while (current < bytes.byteLength) {
    const end = Math.min(bytes.byteLength, current + context.chunkBytes);
    const response = await transport.send({
      method: 'PATCH',
      url: state.uploadUrl,
      headers: { ...tusVersion, 'content-type': 'application/offset+octet-stream', 'upload-offset': String(current) },
      body: bytes.subarray(current, end),
      signal,
    });
    // Answers read no further than their status must still release their connection.
    if (response.status === checksumMismatch || response.status === 409 || response.status === 404 || response.status === 410) {
      await response.body?.cancel().catch(() => undefined);
    }
    if (response.status === checksumMismatch) return handleMismatch(context, photo, bytes);
    if (response.status === 409) {
      // Our idea of the offset is stale (a PATCH whose answer was lost): ask again.
      const actual = await serverOffset(context, state);
      if (actual === null) throw await restart(context, photo.sha256, 'The upload expired on the server');
      current = actual;
      continue;
    }
    if (response.status === 404 || response.status === 410)
      throw await restart(context, photo.sha256, 'The upload is gone from the server');
    await throwUnlessOk(response);
    current = Number(response.headers.get('upload-offset') ?? end);
    completedByUs = current >= bytes.byteLength;
    await db.put('uploads', { ...state, offset: current });
    context.onProgress?.(photo.sha256, current);
  }
  if (!completedByUs && !(await transport.hasPhoto(photo.sha256, signal))) {
    throw await restart(context, photo.sha256, 'The server has every byte but not the photo');
  }
  await markUploaded(db, photo.sha256);
  return 'uploaded';
}

/** The offset the server holds for an upload, or null when it no longer knows the upload. */
async function serverOffset(context: UploadContext, state: UploadState): Promise<number | null> {
  const response = await context.transport.send({ method: 'HEAD', url: state.uploadUrl, headers: tusVersion, signal: context.signal });
  if (response.status === 404 || response.status === 410 || response.status === 403) return null;
  await throwUnlessOk(response);
  const offset = Number(response.headers.get('upload-offset'));
  if (!Number.isInteger(offset) || offset < 0 || offset > state.sizeBytes) return null;
  if (offset !== state.offset) await context.db.put('uploads', { ...state, offset });
  return offset;
}

async function createUpload(context: UploadContext, photo: StoredPhoto): Promise<UploadState> {
  const metadata: Record<string, string> = {
    sha256: photo.sha256,
    contentType: photo.contentType,
    filename: `${photo.sha256.slice(0, 16)}.${photo.contentType.split('/')[1] ?? 'bin'}`,
  };
  if (photo.visitIds[0]) metadata.visitId = photo.visitIds[0];
  const response = await context.transport.send({
    method: 'POST',
    url: uploadsPath,
    headers: {
      ...tusVersion,
      'upload-length': String(photo.sizeBytes),
      'upload-metadata': Object.entries(metadata)
        .map(([key, value]) => `${key} ${btoa(value)}`)
        .join(','),
    },
    signal: context.signal,
  });
  await throwUnlessOk(response);
  const location = response.headers.get('location');
  if (response.status !== 201 || !location) throw new TransientSyncError(`The upload was not created (${response.status})`);
  // Kept as a path: the origin comes from the transport, so a proxy or a same-origin app both work.
  // (The placeholder origin only lets URL resolve a relative Location against the uploads path.)
  const uploadUrl = new URL(location, `http://origin.invalid${uploadsPath}/`).pathname;
  const state: UploadState = { sha256: photo.sha256, uploadUrl, offset: 0, sizeBytes: photo.sizeBytes };
  await context.db.put('uploads', state);
  return state;
}

/** Forgets the upload so the retry creates a new one from byte zero. */
async function restart(context: UploadContext, sha256: string, why: string): Promise<TransientSyncError> {
  await context.db.delete('uploads', sha256);
  return new TransientSyncError(why);
}

/** The server's hash of what arrived differs from ours: start over, unless our own bytes are damaged. */
async function handleMismatch(context: UploadContext, photo: StoredPhoto, bytes: Uint8Array<ArrayBuffer>): Promise<UploadOutcome> {
  const intact = (await sha256Hex(bytes)) === photo.sha256;
  const tx = context.db.transaction(['uploads', 'photos'], 'readwrite');
  const failed = await committed(tx, async () => {
    const current = await tx.objectStore('photos').get(photo.sha256);
    await tx.objectStore('uploads').delete(photo.sha256);
    if (!current) return false;
    const mismatches = current.mismatches + 1;
    const givingUp = !intact || mismatches >= maxMismatches;
    const failure = intact
      ? 'The server received different bytes each time; check the network.'
      : 'The photo stored on this device is damaged.';
    await tx.objectStore('photos').put({ ...current, mismatches, ...(givingUp ? { state: 'failed' as const, failure } : {}) });
    return givingUp;
  });
  if (failed) return 'failed';
  throw new TransientSyncError('The photo arrived damaged; sending it again from the start');
}

async function markUploaded(db: SyncDatabase, sha256: string): Promise<void> {
  const tx = db.transaction(['uploads', 'photos'], 'readwrite');
  await committed(tx, async () => {
    const photo = await tx.objectStore('photos').get(sha256);
    if (photo?.state === 'pending') await tx.objectStore('photos').put({ ...photo, state: 'uploaded', mismatches: 0 });
    await tx.objectStore('uploads').delete(sha256);
  });
}

/** A photo the server refuses (too large, say) or whose bytes are gone must not hold up the others. */
export async function markPhotoFailed(db: SyncDatabase, sha256: string, failure: string): Promise<void> {
  const tx = db.transaction('photos', 'readwrite');
  await committed(tx, async () => {
    const photo = await tx.store.get(sha256);
    if (photo) await tx.store.put({ ...photo, state: 'failed', failure });
  });
}
