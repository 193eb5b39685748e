// The headers every answer carries (API, errors, 404s, the PWA shell and assets, /api/docs), a strict
// Content-Security-Policy, and the refusal of cross-site state-changing requests (CSRF).
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { DomainError } from './errors.js';
import { crossSiteReason } from './origin.js';

/** Only what the collector's app uses, and only for our own pages; every other powerful feature is off. */
export const permissionsPolicy = [
  'geolocation=(self)',
  'camera=(self)',
  'microphone=(self)',
  ...[
    'accelerometer',
    'autoplay',
    'bluetooth',
    'display-capture',
    'gyroscope',
    'hid',
    'magnetometer',
    'midi',
    'payment',
    'publickey-credentials-get',
    'serial',
    'usb',
    'xr-spatial-tracking',
    'browsing-topics',
  ].map((feature) => `${feature}=()`),
].join(', ');

/** What the stored photo and audio bytes are served with: nothing in them may run, even opened directly. */
export const evidenceContentSecurityPolicy = "default-src 'none'; sandbox";

/**
 * For answers that do not pass through Fastify (socket.io's long-polling transport): they are never
 * pages, so nothing may load or frame them.
 */
export const socketAnswerHeaders: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': permissionsPolicy,
};

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface SecurityOptions {
  /** HTTPS in front: HSTS and upgrade-insecure-requests. */
  secure: boolean;
  tileOrigins: readonly string[];
  allowedOrigins: readonly string[];
}

export async function registerSecurity(app: FastifyInstance, options: SecurityOptions): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        // No inline script, no eval: the built PWA and Swagger UI load every script from files.
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        // No 'unsafe-inline': styles written through the CSSOM (Leaflet's el.style.left = …, Preact's
        // style props) are not governed by CSP; only style attributes in markup and <style> elements are.
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...options.tileOrigins],
        // The service worker fetches and caches tiles itself; 'self' covers the socket's ws(s) too.
        connectSrc: ["'self'", ...options.tileOrigins],
        mediaSrc: ["'self'", 'blob:'],
        fontSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // Only behind HTTPS: on a plain-HTTP LAN install it would break every asset.
        ...(options.secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    // Tile servers (OpenStreetMap's among them) want to know which site asks; our paths stay ours.
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    frameguard: { action: 'deny' },
    strictTransportSecurity: options.secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  app.addHook('onRequest', async (request, reply) => {
    // On the raw response, as helmet does, so hijacked answers (tus uploads) carry it too.
    reply.raw.setHeader('permissions-policy', permissionsPolicy);
    if (safeMethods.has(request.method)) return;
    const reason = crossSiteReason(request.headers, options.allowedOrigins);
    if (reason) throw new DomainError(403, `This request was refused because ${reason}. Open the app at its own address and try again.`);
  });
  // API answers carry debtor data: no browser or proxy keeps a copy unless a route says otherwise.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
}
