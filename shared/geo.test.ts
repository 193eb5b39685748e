import { describe, expect, it } from 'vitest';
import { convertCoordinates, distanceMeters, toWgs84 } from './geo.js';

// Reference vectors published with eviltransform, the de-facto reference implementation.
const wgsToGcj = [
  { wgs: { lat: 31.1774276, lng: 121.5272106 }, gcj: { lat: 31.17530398364597, lng: 121.531541859215 } }, // Shanghai
  { wgs: { lat: 22.543847, lng: 113.912316 }, gcj: { lat: 22.540796131694766, lng: 113.9171764808363 } }, // Shenzhen
  { wgs: { lat: 39.911954, lng: 116.377817 }, gcj: { lat: 39.91334545536069, lng: 116.38404722455657 } }, // Beijing
];
const bdToWgs = [{ bd: { lat: 29.199786, lng: 120.019809 }, wgs: { lat: 29.196131605295484, lng: 120.00877901149691 } }];

describe('coordinate conversion', () => {
  it.each(wgsToGcj)('converts WGS-84 to GCJ-02 like the reference ($wgs.lat)', ({ wgs, gcj }) => {
    const converted = convertCoordinates(wgs, 'WGS84', 'GCJ02');
    expect(converted.lat).toBeCloseTo(gcj.lat, 7);
    expect(converted.lng).toBeCloseTo(gcj.lng, 7);
  });

  it.each(wgsToGcj)('converts GCJ-02 back to WGS-84 within a metre ($gcj.lat)', ({ wgs, gcj }) => {
    expect(distanceMeters(toWgs84(gcj, 'GCJ02'), wgs)).toBeLessThan(1);
  });

  // The reference's own BD-09 inverse is the approximate one (±5 m), hence the wider bound.
  it.each(bdToWgs)('converts BD-09 to WGS-84 near the reference', ({ bd, wgs }) => {
    expect(distanceMeters(toWgs84(bd, 'BD09'), wgs)).toBeLessThan(15);
  });

  it.each(wgsToGcj)('round-trips WGS-84 through BD-09 within a metre ($wgs.lat)', ({ wgs }) => {
    const bd = convertCoordinates(wgs, 'WGS84', 'BD09');
    expect(distanceMeters(bd, wgs)).toBeGreaterThan(100);
    expect(distanceMeters(toWgs84(bd, 'BD09'), wgs)).toBeLessThan(1);
  });

  it('leaves WGS-84 untouched', () => {
    expect(toWgs84({ lat: 41.8, lng: 123.4 }, 'WGS84')).toEqual({ lat: 41.8, lng: 123.4 });
  });
});

describe('distanceMeters', () => {
  it('measures Shanghai to Beijing as about 1,067 km on the mean-radius sphere', () => {
    const d = distanceMeters({ lat: 31.2304, lng: 121.4737 }, { lat: 39.9042, lng: 116.4074 });
    expect(Math.abs(d - 1_067_000)).toBeLessThan(10_000);
  });
  it('measures 0.001 degree of latitude as about 111 m', () => {
    expect(distanceMeters({ lat: 41.8, lng: 123.4 }, { lat: 41.801, lng: 123.4 })).toBeCloseTo(111.2, 0);
  });
  it('is zero for the same point', () => {
    expect(distanceMeters({ lat: 41.8, lng: 123.4 }, { lat: 41.8, lng: 123.4 })).toBe(0);
  });
});
