// What the collector sees of sync: how much is waiting, how old the oldest unsent item is, which
// visits have all their photos on the server, and what the server refused for good.
import type { Clock } from './clock.js';
import type { SyncDatabase } from './database.js';
import { failedEntries, oldestPending, countPending } from './outbox.js';
import type { Mutation } from '../../shared/schemas/sync.js';
import { isAudio } from './records.js';

export type SyncPhase = 'idle' | 'pushing' | 'uploading' | 'confirming' | 'pulling' | 'waiting to retry' | 'signed out';

export interface VisitPhotoProgress {
  visitId: string;
  caseId: string;
  /** Photos the server has received of those recorded ("n of m photos received"). */
  received: number;
  expected: number;
}

/** Where a visit's audio recording stands: pieces recorded, and how many the server holds. */
export interface VisitAudioProgress {
  visitId: string;
  caseId: string;
  received: number;
  expected: number;
}

/** Something the server will not take: shown to the person, never retried by itself, never dropped. */
export type PermanentFailure =
  | {
      kind: 'mutation';
      mutationId: string;
      type: Mutation['type'];
      caseId: string | null;
      /** The visit it belongs to, where the collector can correct it. */
      visitId: string | null;
      status: 'rejected' | 'conflict';
      reason: string;
      at: string;
    }
  | { kind: 'photo' | 'audio'; sha256: string; visitIds: string[]; reason: string };

export interface SyncProgress {
  phase: SyncPhase;
  /** Mutations, photos and pieces of audio not yet acknowledged by the server. */
  itemsPending: number;
  mutationsPending: number;
  photosPending: number;
  audioPending: number;
  /** Photos and audio together. */
  bytesPending: number;
  /** Every visit with photos: how many of them the server has. */
  visitPhotos: VisitPhotoProgress[];
  /** Every visit with audio: how many of its pieces the server has. */
  visitAudio: VisitAudioProgress[];
  lastSuccessfulSyncAt: string | null;
  oldestUnsentAt: string | null;
  oldestUnsentAgeMs: number | null;
  failures: PermanentFailure[];
  signedOut: boolean;
  lastError: string | null;
  nextRetryAt: string | null;
}

export interface RunState {
  phase: SyncPhase;
  signedOut: boolean;
  lastError: string | null;
  nextRetryAt: number | null;
}

export async function readProgress(db: SyncDatabase, clock: Clock, run: RunState): Promise<SyncProgress> {
  const [mutationsPending, oldest, failed, photos, visits, meta, uploads] = await Promise.all([
    countPending(db),
    oldestPending(db),
    failedEntries(db),
    db.getAll('photos'),
    db.getAll('visits'),
    db.get('meta', 'sync'),
    db.getAll('uploads'),
  ]);
  const sentBytes = new Map(uploads.map((upload) => [upload.sha256, upload.offset]));
  const unsentFiles = photos.filter((photo) => photo.state === 'waiting' || photo.state === 'pending');
  const unsentAudio = unsentFiles.filter(isAudio).length;
  const onServer = new Set(
    photos.filter((photo) => photo.state === 'uploaded' || photo.state === 'confirmed').map((photo) => photo.sha256),
  );

  const visitPhotos: VisitPhotoProgress[] = [];
  for (const visit of visits) {
    const expected = visit.record?.mutation.photos ?? [];
    const received = expected.filter((photo) => onServer.has(photo.sha256)).length;
    if (expected.length > 0) visitPhotos.push({ visitId: visit.visitId, caseId: visit.caseId, received, expected: expected.length });
  }
  const visitAudio: VisitAudioProgress[] = visits.flatMap((visit) => {
    const pieces = visit.audio ?? [];
    const received = pieces.filter((piece) => onServer.has(piece.mutation.audio.sha256)).length;
    return pieces.length > 0 ? [{ visitId: visit.visitId, caseId: visit.caseId, received, expected: pieces.length }] : [];
  });

  const oldestPhoto = unsentFiles.reduce<string | null>(
    (min, photo) => (min === null || photo.createdAt < min ? photo.createdAt : min),
    null,
  );
  const oldestUnsentAt = [oldest?.enqueuedAt, oldestPhoto].filter((time): time is string => typeof time === 'string').sort()[0] ?? null;

  const failures: PermanentFailure[] = [
    ...failed.map((entry) => ({
      kind: 'mutation' as const,
      mutationId: entry.mutation.id,
      type: entry.mutation.type,
      caseId: 'caseId' in entry.mutation ? entry.mutation.caseId : null,
      visitId: 'visitId' in entry.mutation ? entry.mutation.visitId : null,
      status: entry.failure?.status ?? 'rejected',
      reason: entry.failure?.reason ?? '',
      at: entry.failure?.at ?? entry.enqueuedAt,
    })),
    ...photos
      .filter((photo) => photo.state === 'failed')
      .map((photo) => ({
        kind: isAudio(photo) ? ('audio' as const) : ('photo' as const),
        sha256: photo.sha256,
        visitIds: photo.visitIds,
        reason: photo.failure ?? '',
      })),
  ];

  return {
    phase: run.phase,
    itemsPending: mutationsPending + unsentFiles.length,
    mutationsPending,
    photosPending: unsentFiles.length - unsentAudio,
    audioPending: unsentAudio,
    bytesPending: unsentFiles.reduce((sum, photo) => sum + photo.sizeBytes - (sentBytes.get(photo.sha256) ?? 0), 0),
    visitPhotos,
    visitAudio,
    lastSuccessfulSyncAt: meta?.lastSuccessfulSyncAt ?? null,
    oldestUnsentAt,
    oldestUnsentAgeMs: oldestUnsentAt === null ? null : Math.max(0, clock.now() - Date.parse(oldestUnsentAt)),
    failures,
    signedOut: run.signedOut,
    lastError: run.lastError,
    nextRetryAt: run.nextRetryAt === null ? null : new Date(run.nextRetryAt).toISOString(),
  };
}
