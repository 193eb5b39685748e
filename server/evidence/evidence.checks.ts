// Evidence checks computed when a visit arrives: pure functions over the visit and what the
// server knows around it, so each threshold is tested on plain values.
import { distanceMeters, type LatLng } from '../../shared/geo.js';
import type { EvidenceFlag } from '../../shared/schemas/evidence.js';

export interface EvidenceThresholds {
  geofenceRadiusM: number;
  poorAccuracyM: number;
  clockSkewS: number;
  photoGraceS: number;
  maxSpeedKmh: number;
}

export const defaultThresholds: Omit<EvidenceThresholds, 'geofenceRadiusM'> = {
  poorAccuracyM: 100,
  clockSkewS: 300,
  // Photos a little before check-in or after check-out are normal (the door, the building).
  photoGraceS: 600,
  // Faster than a car in town between two check-ins means one of them is not real.
  maxSpeedKmh: 120,
};

export interface VisitEvidenceInput {
  target: LatLng;
  checkIn: { at: Date; position: LatLng; accuracyM: number } | null;
  checkedOutAt: Date | null;
  recorded: boolean;
  deviceClockSkewS: number | null;
  photos: { sha256: string; takenAt: Date }[];
  /** The same collector's check-in just before this one. */
  previousCheckIn: { visitId: string; at: Date; position: LatLng } | null;
  /** Other visits holding a photo with the same hash. */
  duplicatePhotos: { sha256: string; visitId: string }[];
}

export function checkInDistanceM(input: Pick<VisitEvidenceInput, 'target' | 'checkIn'>): number | null {
  return input.checkIn ? distanceMeters(input.checkIn.position, input.target) : null;
}

export function evidenceFlags(input: VisitEvidenceInput, thresholds: EvidenceThresholds): EvidenceFlag[] {
  const flags: EvidenceFlag[] = [];
  const { checkIn } = input;
  if (checkIn) {
    const distance = Math.round(distanceMeters(checkIn.position, input.target));
    // Within the radius once the fix's own uncertainty is allowed for: a poor fix is flagged separately.
    if (distance > thresholds.geofenceRadiusM) {
      flags.push({
        code: 'far_from_address',
        severity: distance > thresholds.geofenceRadiusM * 5 ? 'high' : 'warning',
        details: { distanceM: distance, radiusM: thresholds.geofenceRadiusM, accuracyM: Math.round(checkIn.accuracyM) },
      });
    }
    if (checkIn.accuracyM > thresholds.poorAccuracyM) {
      flags.push({ code: 'poor_gps_accuracy', severity: 'warning', details: { accuracyM: Math.round(checkIn.accuracyM), limitM: thresholds.poorAccuracyM } });
    }
    const previous = input.previousCheckIn;
    if (previous) {
      const hours = (checkIn.at.getTime() - previous.at.getTime()) / 3_600_000;
      const km = distanceMeters(previous.position, checkIn.position) / 1000;
      const speed = hours > 0 ? km / hours : km > 0.5 ? Number.POSITIVE_INFINITY : 0;
      if (speed > thresholds.maxSpeedKmh) {
        flags.push({
          code: 'impossible_travel',
          severity: 'high',
          details: { speedKmh: Number.isFinite(speed) ? Math.round(speed) : 99_999, distanceKm: Math.round(km * 10) / 10, minutes: Math.round(hours * 60), previousVisitId: previous.visitId },
        });
      }
    }
  } else if (input.recorded) {
    flags.push({ code: 'missing_check_in', severity: 'warning', details: {} });
  }
  if (input.deviceClockSkewS !== null && Math.abs(input.deviceClockSkewS) > thresholds.clockSkewS) {
    flags.push({ code: 'device_clock_skew', severity: 'warning', details: { skewS: Math.round(input.deviceClockSkewS), limitS: thresholds.clockSkewS } });
  }
  if (checkIn) {
    const from = checkIn.at.getTime() - thresholds.photoGraceS * 1000;
    const until = (input.checkedOutAt ?? checkIn.at).getTime() + thresholds.photoGraceS * 1000;
    const outside = input.photos.filter((p) => p.takenAt.getTime() < from || (input.checkedOutAt !== null && p.takenAt.getTime() > until));
    if (outside.length > 0) {
      flags.push({ code: 'photo_outside_visit', severity: 'warning', details: { photos: outside.length, first: outside[0]!.sha256.slice(0, 12) } });
    }
  }
  if (input.duplicatePhotos.length > 0) {
    flags.push({
      code: 'duplicate_photo',
      severity: 'high',
      details: { photos: new Set(input.duplicatePhotos.map((d) => d.sha256)).size, otherVisitId: input.duplicatePhotos[0]!.visitId },
    });
  }
  return flags;
}

const severityWeight = { info: 1, warning: 10, high: 40 } as const;

/** Orders the review queue: the most suspicious first. */
export function evidenceScore(flags: readonly EvidenceFlag[]): number {
  return flags.reduce((total, flag) => total + severityWeight[flag.severity], 0);
}
