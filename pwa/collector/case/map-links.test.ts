import { describe, expect, it } from 'vitest';
import { convertCoordinates, distanceMeters } from '../../../shared/geo.js';
import { amapLink, baiduLink, geoLink, mapLinks, tencentLink } from './map-links.js';

// 沈阳 中街 (WGS-84)
const target = { lat: 41.796, lng: 123.4612, label: '沈河区 中街路 1号' };

function numbers(text: string): number[] {
  return text.split(',').map(Number);
}

describe('map hand-off links', () => {
  it('geo: keeps WGS-84 and labels the point', () => {
    const link = geoLink(target);
    expect(link.href).toBe(`geo:41.796000,123.461200?q=41.796000,123.461200(${encodeURIComponent(target.label)})`);
    expect(link.fallbackHref).toBeNull();
  });

  it('Amap gets GCJ-02 as lng,lat with coordinate=gaode', () => {
    const url = new URL(amapLink(target).href);
    expect(url.origin + url.pathname).toBe('https://uri.amap.com/marker');
    expect(url.searchParams.get('coordinate')).toBe('gaode');
    expect(url.searchParams.get('name')).toBe(target.label);
    const [lng, lat] = numbers(url.searchParams.get('position') ?? '');
    const expected = convertCoordinates(target, 'WGS84', 'GCJ02');
    expect(lng).toBeCloseTo(expected.lng, 6);
    expect(lat).toBeCloseTo(expected.lat, 6);
    // GCJ-02 in Shenyang is a few hundred metres off WGS-84: sending WGS-84 would put the pin on the wrong street.
    expect(distanceMeters(target, { lat: lat ?? 0, lng: lng ?? 0 })).toBeGreaterThan(100);
  });

  it('Baidu gets BD-09 as lat,lng, with an app scheme and a web fallback', () => {
    const link = baiduLink(target);
    expect(link.href.startsWith('baidumap://map/marker?')).toBe(true);
    const app = new URLSearchParams(link.href.split('?')[1]);
    expect(app.get('coord_type')).toBe('bd09ll');
    expect(app.get('src')).toBe('fieldvisits');
    const [lat, lng] = numbers(app.get('location') ?? '');
    const expected = convertCoordinates(target, 'WGS84', 'BD09');
    expect(lat).toBeCloseTo(expected.lat, 6);
    expect(lng).toBeCloseTo(expected.lng, 6);

    const web = new URL(link.fallbackHref ?? '');
    expect(web.origin + web.pathname).toBe('https://api.map.baidu.com/marker');
    expect(web.searchParams.get('output')).toBe('html');
    expect(web.searchParams.get('location')).toBe(app.get('location'));
    expect(web.searchParams.get('title')).toBe(target.label);
  });

  it('Tencent gets GCJ-02 inside its marker parameter', () => {
    const url = new URL(tencentLink(target).href);
    expect(url.origin + url.pathname).toBe('https://apis.map.qq.com/uri/v1/marker');
    const marker = url.searchParams.get('marker') ?? '';
    const match = /^coord:([\d.]+),([\d.]+);title:(.+);addr:/.exec(marker);
    const expected = convertCoordinates(target, 'WGS84', 'GCJ02');
    expect(Number(match?.[1])).toBeCloseTo(expected.lat, 6);
    expect(Number(match?.[2])).toBeCloseTo(expected.lng, 6);
    expect(match?.[3]).toBe(target.label);
    expect(url.searchParams.get('referer')).toBe('fieldvisits');
  });

  it('escapes labels so an address cannot break out of its parameter', () => {
    const tricky = { ...target, label: '1号&name=x#楼' };
    expect(new URL(amapLink(tricky).href).searchParams.get('name')).toBe(tricky.label);
    expect(geoLink(tricky).href).not.toContain('#');
    expect(mapLinks(tricky).map((link) => link.app)).toEqual(['amap', 'baidu', 'tencent', 'geo']);
  });
});
