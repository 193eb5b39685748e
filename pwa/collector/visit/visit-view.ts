// What a recorded visit looks like to the collector: its photos' and audio's progress and its overall state.
import type { PermanentFailure } from '../../sync/index.js';
import type { StoredPhoto, StoredVisit } from '../../sync/records.js';

export interface PhotoCounts {
  /** Photos the server holds (uploaded and verified, or listed on the visit). */
  received: number;
  expected: number;
}

export function photoCounts(visit: StoredVisit, photos: readonly StoredPhoto[]): PhotoCounts {
  const expected = visit.record?.mutation.photos ?? [];
  const byHash = new Map(photos.map((photo) => [photo.sha256, photo]));
  const received = expected.filter((photo) => {
    const state = byHash.get(photo.sha256)?.state;
    return state === 'uploaded' || state === 'confirmed';
  }).length;
  return { received, expected: expected.length };
}

/** The reasons the server gave for refusing any part of this visit, or any of its photos. */
export function visitRefusals(visit: StoredVisit, failures: readonly PermanentFailure[]): string[] {
  const mutationIds = new Set([visit.checkIn, visit.record, visit.checkOut].flatMap((part) => (part ? [part.mutation.id] : [])));
  return failures.flatMap((failure) =>
    (failure.kind === 'mutation' ? mutationIds.has(failure.mutationId) : failure.visitIds.includes(visit.visitId)) ? [failure.reason] : [],
  );
}

export interface AudioCounts {
  /** Pieces of the recording the server holds. */
  received: number;
  expected: number;
  /** Pieces whose announcement the server refused, or whose bytes cannot be sent. */
  refused: number;
}

export function audioCounts(visit: StoredVisit, files: readonly StoredPhoto[]): AudioCounts {
  const pieces = visit.audio ?? [];
  const byHash = new Map(files.map((file) => [file.sha256, file]));
  const stateOf = (sha256: string) => byHash.get(sha256)?.state;
  return {
    received: pieces.filter((piece) => ['uploaded', 'confirmed'].includes(stateOf(piece.mutation.audio.sha256) ?? '')).length,
    expected: pieces.length,
    refused: pieces.filter((piece) => piece.state === 'failed' || stateOf(piece.mutation.audio.sha256) === 'failed').length,
  };
}
