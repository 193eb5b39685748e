// What a recorded visit looks like to the collector: its photos' progress and its overall state.
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
