import { describe, expect, it } from 'vitest';
import { defaultThresholds, evidenceFlags, evidenceScore, type VisitEvidenceInput } from './evidence.checks.js';

const thresholds = { ...defaultThresholds, geofenceRadiusM: 150 };
const target = { lat: 41.8, lng: 123.4 };
const at = new Date('2026-11-23T02:00:00Z');
const base: VisitEvidenceInput = {
  target,
  checkIn: { at, position: target, accuracyM: 10 },
  checkedOutAt: new Date('2026-11-23T02:30:00Z'),
  recorded: true,
  deviceClockSkewS: 3,
  photos: [{ sha256: 'a'.repeat(64), takenAt: new Date('2026-11-23T02:10:00Z') }],
  previousCheckIn: { visitId: 'v0', at: new Date('2026-11-23T01:00:00Z'), position: { lat: 41.81, lng: 123.41 } },
  duplicatePhotos: [],
};
const codes = (input: Partial<VisitEvidenceInput>) => evidenceFlags({ ...base, ...input }, thresholds).map((f) => f.code);

describe('evidence checks', () => {
  it('raises nothing for a clean visit', () => {
    expect(codes({})).toEqual([]);
  });

  it('flags a check-in beyond the geofence radius with the distance, high when far', () => {
    const [flag] = evidenceFlags({ ...base, checkIn: { at, position: { lat: 41.8038, lng: 123.4 }, accuracyM: 10 } }, thresholds);
    expect(flag).toMatchObject({ code: 'far_from_address', severity: 'warning' });
    expect(flag!.details.distanceM).toBeGreaterThan(400);
    expect(flag!.details.distanceM).toBeLessThan(450);
    expect(evidenceFlags({ ...base, checkIn: { at, position: { lat: 41.82, lng: 123.4 }, accuracyM: 10 } }, thresholds)[0]!.severity).toBe('high');
    expect(codes({ checkIn: { at, position: { lat: 41.801, lng: 123.4 }, accuracyM: 10 } })).toEqual([]);
  });

  it('flags poor accuracy, clock skew and a missing check-in', () => {
    expect(codes({ checkIn: { at, position: target, accuracyM: 101 } })).toEqual(['poor_gps_accuracy']);
    expect(codes({ deviceClockSkewS: -301 })).toEqual(['device_clock_skew']);
    expect(codes({ checkIn: null, previousCheckIn: null })).toEqual(['missing_check_in']);
  });

  it('flags impossible travel from the previous check-in, not plausible travel', () => {
    // 11 km in 5 minutes is 132 km/h.
    expect(codes({ previousCheckIn: { visitId: 'v0', at: new Date(at.getTime() - 5 * 60_000), position: { lat: 41.9, lng: 123.4 } } })).toEqual(['impossible_travel']);
    // The same 11 km in 30 minutes is 22 km/h: fine on an e-bike.
    expect(codes({ previousCheckIn: { visitId: 'v0', at: new Date(at.getTime() - 30 * 60_000), position: { lat: 41.9, lng: 123.4 } } })).toEqual([]);
  });

  it('flags photos outside the visit (with grace) and photos seen on another visit', () => {
    expect(codes({ photos: [{ sha256: 'b'.repeat(64), takenAt: new Date('2026-11-23T01:55:00Z') }] })).toEqual([]);
    expect(codes({ photos: [{ sha256: 'b'.repeat(64), takenAt: new Date('2026-11-23T01:40:00Z') }] })).toEqual(['photo_outside_visit']);
    expect(codes({ photos: [{ sha256: 'b'.repeat(64), takenAt: new Date('2026-11-23T03:00:00Z') }] })).toEqual(['photo_outside_visit']);
    expect(codes({ duplicatePhotos: [{ sha256: 'a'.repeat(64), visitId: 'other' }] })).toEqual(['duplicate_photo']);
  });

  it('scores high-severity flags above warnings', () => {
    const warning = evidenceFlags({ ...base, deviceClockSkewS: 999 }, thresholds);
    const high = evidenceFlags({ ...base, duplicatePhotos: [{ sha256: 'a'.repeat(64), visitId: 'x' }] }, thresholds);
    expect(evidenceScore(high)).toBeGreaterThan(evidenceScore(warning));
    expect(evidenceScore([])).toBe(0);
  });
});
