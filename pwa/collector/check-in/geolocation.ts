// One GPS fix: high accuracy, a timeout, and never a
// watchPosition left running (it would make later fixes time out).
import type { Position } from '../../../shared/schemas/sync.js';

export type FixFailure = 'denied' | 'unavailable' | 'timeout' | 'unsupported';
export type FixResult = { ok: true; position: Position; at: string } | { ok: false; failure: FixFailure };

type GeolocationLike = Pick<Geolocation, 'getCurrentPosition'>;

/** maximumAgeMs stays 0 for a check-in (a cached fix may be from elsewhere); an SOS takes a recent one for speed. */
export function currentFix(
  geolocation: GeolocationLike | undefined = globalThis.navigator?.geolocation,
  timeoutMs = 20_000,
  maximumAgeMs = 0,
): Promise<FixResult> {
  if (!geolocation) return Promise.resolve({ ok: false, failure: 'unsupported' });
  return new Promise((resolve) => {
    geolocation.getCurrentPosition(
      (fix) =>
        resolve({
          ok: true,
          position: { lat: fix.coords.latitude, lng: fix.coords.longitude, accuracyM: Math.min(100_000, Math.max(0, fix.coords.accuracy)) },
          at: new Date(fix.timestamp || Date.now()).toISOString(),
        }),
      (error) => resolve({ ok: false, failure: error.code === 1 ? 'denied' : error.code === 3 ? 'timeout' : 'unavailable' }),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: maximumAgeMs },
    );
  });
}
