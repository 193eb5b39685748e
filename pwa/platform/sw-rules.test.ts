import { describe, expect, it } from 'vitest';
import { isApiPath, isCachedTileRequest, servesAppShell, tileUrlMatcher } from './sw-rules.js';

const origin = 'https://fv.example.cn';

describe('service worker routes', () => {
  it('never treats the API as the app shell', () => {
    expect(isApiPath('/api')).toBe(true);
    expect(isApiPath('/api/cases/1')).toBe(true);
    expect(isApiPath('/apiary')).toBe(false);
    expect(servesAppShell(new URL('/api/docs', origin), origin)).toBe(false);
    expect(servesAppShell(new URL('/api/auth/me', origin), origin)).toBe(false);
  });

  it('answers client-side routes of this origin with the shell', () => {
    expect(servesAppShell(new URL('/', origin), origin)).toBe(true);
    expect(servesAppShell(new URL('/cases/0190a1b2?tab=visits', origin), origin)).toBe(true);
    expect(servesAppShell(new URL('/sign-in', 'https://elsewhere.example'), origin)).toBe(false);
  });

  it('matches tile URLs of the configured template only', () => {
    const osm = tileUrlMatcher('https://tile.openstreetmap.org/{z}/{x}/{y}.png');
    expect(osm('https://tile.openstreetmap.org/15/27329/12485.png')).toBe(true);
    expect(osm('https://tile.openstreetmap.org/15/27329/12485.png.evil')).toBe(false);
    expect(osm('https://tile.openstreetmap.org/copyright')).toBe(false);
    expect(osm(`${origin}/15/1/2.png`)).toBe(false);

    const withSubdomains = tileUrlMatcher('https://{s}.tiles.example.cn/base/{z}/{x}/{y}{r}.png?key={key}');
    expect(withSubdomains('https://b.tiles.example.cn/base/3/4/5@2x.png?key=abc')).toBe(true);
    expect(withSubdomains('https://b.tiles.example.cn/base/3/4/5.png?key=abc')).toBe(true);
    expect(withSubdomains('https://b.tilesXexample.cn/base/3/4/5.png?key=abc')).toBe(false);
  });

  it('caches only CORS GETs of tiles, leaving no-cors tile images to the browser', () => {
    const isTile = tileUrlMatcher('https://tile.openstreetmap.org/{z}/{x}/{y}.png');
    const url = 'https://tile.openstreetmap.org/15/27329/12485.png';
    expect(isCachedTileRequest({ method: 'GET', mode: 'cors', url }, isTile)).toBe(true);
    expect(isCachedTileRequest({ method: 'GET', mode: 'no-cors', url }, isTile)).toBe(false);
    expect(isCachedTileRequest({ method: 'HEAD', mode: 'cors', url }, isTile)).toBe(false);
    expect(isCachedTileRequest({ method: 'GET', mode: 'cors', url: `${origin}/api/cases` }, isTile)).toBe(false);
  });
});
