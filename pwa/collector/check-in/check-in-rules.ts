// The conduct rules a check-in meets on the device, before anything is recorded: visiting hours in the
// debtor's local time (a hard stop, as on the server), and distance and accuracy (warnings: the
// check-in is still allowed, and the server flags it for the supervisor).
import { isWithinVisitingHours, localClock, type VisitingHours } from '../../../shared/conduct.js';
import { distanceMeters, type LatLng } from '../../../shared/geo.js';
import type { Position } from '../../../shared/schemas/sync.js';

export interface DeviceRules {
  geofenceRadiusM: number;
  poorAccuracyM: number;
}

/** Until a pull brings the server's own figures. */
export const defaultRules: DeviceRules = { geofenceRadiusM: 150, poorAccuracyM: 100 };
export const defaultVisitingHours: VisitingHours = { start: '08:00', end: '21:00' };

/** The server's figures when the last pull carried them (older servers did not). */
export function rulesFrom(meta: object | undefined): DeviceRules {
  const settings =
    meta && 'settings' in meta && typeof meta.settings === 'object' && meta.settings !== null
      ? (meta.settings as Partial<DeviceRules>)
      : undefined;
  const positive = (value: unknown, fallback: number) =>
    typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
  return {
    geofenceRadiusM: positive(settings?.geofenceRadiusM, defaultRules.geofenceRadiusM),
    poorAccuracyM: positive(settings?.poorAccuracyM, defaultRules.poorAccuracyM),
  };
}

export interface VisitingTime {
  allowed: boolean;
  /** HH:MM in the debtor's zone. */
  localTime: string;
  timeZone: string;
  hours: VisitingHours;
}

export function visitingTime(now: Date, timeZone: string, hours: VisitingHours = defaultVisitingHours): VisitingTime {
  return { allowed: isWithinVisitingHours(now, timeZone, hours), localTime: localClock(now, timeZone), timeZone, hours };
}

export interface FixAssessment {
  /** Whole metres, as shown. */
  distanceM: number;
  accuracyM: number;
  farFromAddress: boolean;
  poorAccuracy: boolean;
}

export function assessFix(fix: Position, target: LatLng, rules: DeviceRules = defaultRules): FixAssessment {
  const distanceM = Math.round(distanceMeters(fix, target));
  const accuracyM = Math.round(fix.accuracyM);
  return { distanceM, accuracyM, farFromAddress: distanceM > rules.geofenceRadiusM, poorAccuracy: fix.accuracyM > rules.poorAccuracyM };
}
