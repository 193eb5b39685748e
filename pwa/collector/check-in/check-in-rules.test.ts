import { describe, expect, it } from 'vitest';
import { assessFix, rulesFrom, visitingTime } from './check-in-rules.js';
import { currentFix } from './geolocation.js';

const target = { lat: 41.796, lng: 123.4612 };

describe('check-in rules on the device', () => {
  it('uses the debtor’s zone, not the device’s, for visiting hours', () => {
    // 23:30 UTC is 07:30 next morning in Shanghai: too early there, whatever the phone's zone.
    expect(visitingTime(new Date('2026-11-23T23:30:00Z'), 'Asia/Shanghai')).toMatchObject({ allowed: false, localTime: '07:30' });
    expect(visitingTime(new Date('2026-11-24T00:00:00Z'), 'Asia/Shanghai')).toMatchObject({ allowed: true, localTime: '08:00' });
    // 21:00 itself is already outside.
    expect(visitingTime(new Date('2026-11-24T13:00:00Z'), 'Asia/Shanghai').allowed).toBe(false);
    expect(visitingTime(new Date('2026-11-24T12:59:00Z'), 'Asia/Shanghai').allowed).toBe(true);
    // A creditor's own hours apply.
    expect(visitingTime(new Date('2026-11-24T11:30:00Z'), 'Asia/Shanghai', { start: '09:00', end: '19:00' })).toMatchObject({
      allowed: false,
      localTime: '19:30',
    });
  });

  it('warns beyond the geofence and on poor accuracy', () => {
    const near = assessFix({ lat: 41.7965, lng: 123.4612, accuracyM: 12.4 }, target);
    expect(near).toEqual({ distanceM: 56, accuracyM: 12, farFromAddress: false, poorAccuracy: false });
    const far = assessFix({ lat: 41.8, lng: 123.4612, accuracyM: 150 }, target);
    expect(far.farFromAddress).toBe(true);
    expect(far.poorAccuracy).toBe(true);
    expect(assessFix({ lat: 41.7965, lng: 123.4612, accuracyM: 10 }, target, { geofenceRadiusM: 50, poorAccuracyM: 5 })).toMatchObject({
      farFromAddress: true,
      poorAccuracy: true,
    });
  });

  it('takes the server’s limits when the pull carried them', () => {
    expect(rulesFrom(undefined)).toEqual({ geofenceRadiusM: 150, poorAccuracyM: 100 });
    expect(rulesFrom({ settings: { geofenceRadiusM: 300, poorAccuracyM: -1 } })).toEqual({ geofenceRadiusM: 300, poorAccuracyM: 100 });
  });
});

describe('one GPS fix', () => {
  it('asks for a fresh high-accuracy fix with a timeout and reports failures by kind', async () => {
    const asked: PositionOptions[] = [];
    const ok = await currentFix({
      getCurrentPosition: (success, _failure, options) => {
        asked.push(options ?? {});
        success({
          coords: { latitude: 41.79, longitude: 123.46, accuracy: 8 },
          timestamp: Date.parse('2026-11-24T02:00:00Z'),
        } as GeolocationPosition);
      },
    });
    expect(ok).toEqual({ ok: true, position: { lat: 41.79, lng: 123.46, accuracyM: 8 }, at: '2026-11-24T02:00:00.000Z' });
    expect(asked[0]).toMatchObject({ enableHighAccuracy: true, maximumAge: 0 });
    expect(asked[0]?.timeout).toBeGreaterThan(0);

    const denied = await currentFix({ getCurrentPosition: (_s, failure) => failure?.({ code: 1 } as GeolocationPositionError) });
    expect(denied).toEqual({ ok: false, failure: 'denied' });
    const slow = await currentFix({ getCurrentPosition: (_s, failure) => failure?.({ code: 3 } as GeolocationPositionError) });
    expect(slow).toEqual({ ok: false, failure: 'timeout' });
    expect(await currentFix(undefined)).toEqual({ ok: false, failure: 'unsupported' });
  });
});
