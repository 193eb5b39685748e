// One GPS fix for a check-in: high accuracy, a timeout, never a cached position, and never a
// watchPosition left running (it would make later fixes time out).
import type { Position } from '../../../shared/schemas/sync.js';

export type FixFailure = 'denied' | 'unavailable' | 'timeout' | 'unsupported';
export type FixResult = { ok: true; position: Position; at: string } | { ok: false; failure: FixFailure };

type GeolocationLike = Pick<Geolocation, 'getCurrentPosition'>;

export function currentFix(
  geolocation: GeolocationLike | undefined = globalThis.navigator?.geolocation,
  timeoutMs = 20_000,
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
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 0 },
    );
  });
}
