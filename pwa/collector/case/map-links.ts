// Hand-off links to the phone's map apps, each in the coordinate system it expects: a plain geo: URI
// (WGS-84), Amap and Tencent (GCJ-02), Baidu (BD-09). The marker is titled with the address, never
// the debtor's name: the link leaves the app for a third party's servers.
import { convertCoordinates, type LatLng } from '../../../shared/geo.js';

export const mapApps = ['amap', 'baidu', 'tencent', 'geo'] as const;
export type MapApp = (typeof mapApps)[number];

export interface MapTarget extends LatLng {
  /** WGS-84, as stored. */
  label: string;
}

export interface MapLink {
  app: MapApp;
  /** Opens the app (or a web page that opens it). */
  href: string;
  /** Where to go when the app's own scheme is not handled (app not installed). */
  fallbackHref: string | null;
}

const appSource = 'fieldvisits';

/** Six decimals is ~0.1 m: more would only leak noise into the URL. */
function fixed(value: number): string {
  return value.toFixed(6);
}

export function geoLink(target: MapTarget): MapLink {
  const at = `${fixed(target.lat)},${fixed(target.lng)}`;
  return { app: 'geo', href: `geo:${at}?q=${at}(${encodeURIComponent(target.label)})`, fallbackHref: null };
}

export function amapLink(target: MapTarget): MapLink {
  const gcj = convertCoordinates(target, 'WGS84', 'GCJ02');
  const query = new URLSearchParams({
    position: `${fixed(gcj.lng)},${fixed(gcj.lat)}`,
    name: target.label,
    src: appSource,
    coordinate: 'gaode',
    callnative: '1',
  });
  return { app: 'amap', href: `https://uri.amap.com/marker?${query.toString()}`, fallbackHref: null };
}

export function baiduLink(target: MapTarget): MapLink {
  const bd = convertCoordinates(target, 'WGS84', 'BD09');
  const query = new URLSearchParams({
    location: `${fixed(bd.lat)},${fixed(bd.lng)}`,
    title: target.label,
    content: target.label,
    coord_type: 'bd09ll',
    src: appSource,
  });
  const web = new URLSearchParams(query);
  web.set('output', 'html');
  return {
    app: 'baidu',
    href: `baidumap://map/marker?${query.toString()}`,
    fallbackHref: `https://api.map.baidu.com/marker?${web.toString()}`,
  };
}

export function tencentLink(target: MapTarget): MapLink {
  const gcj = convertCoordinates(target, 'WGS84', 'GCJ02');
  // Tencent's marker syntax is "coord:lat,lng;title:...;addr:..." inside one parameter.
  const marker = `coord:${fixed(gcj.lat)},${fixed(gcj.lng)};title:${target.label};addr:${target.label}`;
  const query = new URLSearchParams({ marker, referer: appSource });
  return { app: 'tencent', href: `https://apis.map.qq.com/uri/v1/marker?${query.toString()}`, fallbackHref: null };
}

export function mapLinks(target: MapTarget): MapLink[] {
  return [amapLink(target), baiduLink(target), tencentLink(target), geoLink(target)];
}
