// Which origins may drive this server from a browser: its own (the Host the request came to) and
// ALLOWED_ORIGINS. Used to refuse cross-site state-changing requests (CSRF) and socket handshakes
// (cross-site WebSocket hijacking): both would otherwise ride on the session cookie.
import type { IncomingHttpHeaders } from 'node:http';

const defaultPorts: Record<string, string> = { 'http:': '80', 'https:': '443' };

function hostOfOrigin(origin: string): { scheme: string; host: string } | undefined {
  try {
    const url = new URL(origin);
    return { scheme: url.protocol, host: url.host.toLowerCase() };
  } catch {
    return undefined;
  }
}

/** The host the browser addressed, as Origin spells it (a default port left out). */
function requestedHost(headers: IncomingHttpHeaders, trustForwarded: boolean): string | undefined {
  const forwarded = trustForwarded ? headers['x-forwarded-host'] : undefined;
  const raw = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim() || headers.host;
  return raw?.toLowerCase();
}

/**
 * True when `origin` is this server's own or an allowed one. The own origin is judged by host and port
 * (the scheme is often lost behind a TLS-terminating proxy); a page on another host, `null` (a sandboxed
 * frame, a file) or an unparseable Origin is foreign.
 */
export function isOwnOrAllowedOrigin(
  origin: string,
  headers: IncomingHttpHeaders,
  allowed: readonly string[],
  trustForwarded = true,
): boolean {
  if (allowed.includes(origin)) return true;
  const parsed = hostOfOrigin(origin);
  const host = requestedHost(headers, trustForwarded);
  if (!parsed || !host) return false;
  const withoutDefaultPort = (h: string) => h.replace(new RegExp(`:${defaultPorts[parsed.scheme] ?? 'none'}$`), '');
  return withoutDefaultPort(parsed.host) === withoutDefaultPort(host);
}

/**
 * The verdict on a browser request that may carry the session cookie. Without Origin the request is
 * not a browser's cross-site one (browsers send Origin on every non-GET request and handshake), unless
 * Fetch Metadata says it is.
 */
export function crossSiteReason(headers: IncomingHttpHeaders, allowed: readonly string[]): string | undefined {
  const origin = headers.origin;
  if (origin !== undefined) {
    return isOwnOrAllowedOrigin(origin, headers, allowed) ? undefined : `it came from a page on another site (${origin.slice(0, 100)})`;
  }
  const site = headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return 'it came from a page on another site';
  return undefined;
}
