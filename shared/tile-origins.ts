// The origins a Leaflet tile template fetches from, so the server's Content-Security-Policy can allow
// exactly those (img-src, connect-src for the service worker's cache) instead of any https: host.

export const openStreetMapTileOrigin = 'https://tile.openstreetmap.org';

/**
 * `https://{s}.tile.example.cn/{z}/{x}/{y}.png` with subdomains a, b, c is three origins; a template
 * without a scheme (tiles served by this server) needs none: 'self' covers it.
 */
export function tileOriginsOf(urlTemplate: string, subdomains: readonly string[]): string[] {
  const match = /^(https?):\/\/([^/?#]+)/i.exec(urlTemplate.trim());
  if (!match) return [];
  const [, scheme = 'https', host = ''] = match;
  const hosts = host.includes('{s}') ? subdomains.map((s) => host.replaceAll('{s}', s)) : [host];
  return [...new Set(hosts.map((h) => `${scheme.toLowerCase()}://${h.toLowerCase()}`))];
}

/** Leaflet's convention: "abc" is three subdomains, "t0,t1,t2" is three too. */
export function parseSubdomains(text: string): string[] {
  const parts = /[,\s]/.test(text) ? text.split(/[,\s]+/) : [...text];
  return parts.map((part) => part.trim()).filter(Boolean);
}
