// Gathers what the evidence checks need for the visits a push touched, and stamps the flags on them.
import type { Executor } from '../db/client.js';
import type { visitPhotos } from '../db/schema/index.js';
import { checkInDistanceM, evidenceFlags, evidenceScore, type EvidenceThresholds } from '../evidence/evidence.checks.js';
import type { LatLng } from '../../shared/geo.js';
import { checkInsBetween, photosOfVisits, visitsSharingPhotos } from './sync.repository.js';
import type { VisitRow } from './visit.rules.js';

const day = 86_400_000;

export interface KnownContext {
  /** Coordinates of the addresses of the cases in the push. */
  targetOf(addressId: string): LatLng | undefined;
  /** Visits that were in the database before this push (only they can have stored photos). */
  stored: ReadonlySet<string>;
}

export async function withEvidence(
  db: Executor,
  collectorId: string,
  touched: VisitRow[],
  newPhotos: (typeof visitPhotos.$inferInsert)[],
  thresholds: EvidenceThresholds,
  known: KnownContext,
): Promise<VisitRow[]> {
  if (touched.length === 0) return [];
  const ids = touched.map((v) => v.id).filter((id) => known.stored.has(id));

  const photosByVisit = new Map<string, Map<string, Date>>();
  for (const photo of [...(await photosOfVisits(db, ids)), ...newPhotos]) {
    const list = photosByVisit.get(photo.visitId) ?? new Map<string, Date>();
    list.set(photo.sha256, photo.takenAt);
    photosByVisit.set(photo.visitId, list);
  }
  const hashes = [...new Set([...photosByVisit.values()].flatMap((m) => [...m.keys()]))];
  const holders = [...(await visitsSharingPhotos(db, hashes)), ...newPhotos.map((p) => ({ sha256: p.sha256, visitId: p.visitId }))];

  const times = touched.flatMap((v) => (v.checkedInAt ? [v.checkedInAt.getTime()] : []));
  const checkIns = new Map<string, { visitId: string; at: Date; position: { lat: number; lng: number } }>();
  if (times.length > 0) {
    for (const row of await checkInsBetween(db, collectorId, new Date(Math.min(...times) - day), new Date(Math.max(...times)))) {
      if (row.at && row.lat !== null && row.lng !== null) checkIns.set(row.id, { visitId: row.id, at: row.at, position: { lat: row.lat, lng: row.lng } });
    }
  }
  for (const v of touched) {
    if (v.checkedInAt && v.checkInLat != null && v.checkInLng != null) checkIns.set(v.id, { visitId: v.id, at: v.checkedInAt, position: { lat: v.checkInLat, lng: v.checkInLng } });
  }

  return touched.map((visit) => {
    const target = known.targetOf(visit.addressId) ?? { lat: 0, lng: 0 };
    const checkIn =
      visit.checkedInAt && visit.checkInLat != null && visit.checkInLng != null
        ? { at: visit.checkedInAt, position: { lat: visit.checkInLat, lng: visit.checkInLng }, accuracyM: visit.checkInAccuracyM ?? 0 }
        : null;
    const previousCheckIn = checkIn
      ? ([...checkIns.values()]
          .filter((c) => c.visitId !== visit.id && c.at < checkIn.at)
          .sort((a, b) => b.at.getTime() - a.at.getTime())[0] ?? null)
      : null;
    const photos = [...(photosByVisit.get(visit.id) ?? new Map<string, Date>())].map(([sha256, takenAt]) => ({ sha256, takenAt }));
    const own = new Set(photos.map((p) => p.sha256));
    const flags = evidenceFlags(
      {
        target,
        checkIn,
        checkedOutAt: visit.checkedOutAt ?? null,
        recorded: visit.outcome != null,
        deviceClockSkewS: visit.deviceClockSkewS ?? null,
        photos,
        previousCheckIn,
        duplicatePhotos: holders.filter((h) => own.has(h.sha256) && h.visitId !== visit.id),
      },
      thresholds,
    );
    return { ...visit, checkInDistanceM: checkInDistanceM({ target, checkIn }), evidenceFlags: flags, evidenceScore: evidenceScore(flags) };
  });
}
