// Every answer carries the security headers and the strict CSP: every route in the route table, as
// anyone and as a signed-in admin, plus 404s and errors; HSTS and Secure cookies only behind HTTPS;
// state-changing requests from a foreign origin are refused (CSRF) and change nothing.
import { count } from 'drizzle-orm';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../server/db/schema/index.js';
import { permissionsPolicy } from '../../server/http/security-headers.js';
import { createUser, signedInUser, testPassword } from '../fixtures/factories.js';
import { concreteUrl, routeTable } from '../fixtures/route-table.js';
import { createTestContext, type TestContext } from '../helper.js';

let plain: TestContext;
let secure: TestContext;
let adminToken: string;

beforeAll(async () => {
  [plain, secure] = await Promise.all([
    createTestContext({ ALLOWED_ORIGINS: 'https://console.example.com' }),
    createTestContext({ COOKIE_SECURE: '1', TILE_ORIGINS: 'https://a.tiles.example.cn,https://b.tiles.example.cn' }),
  ]);
  adminToken = (await signedInUser(plain.app, plain.database.db, 'admin')).token;
});
afterAll(async () => Promise.all([plain?.close(), secure?.close()]));

const strictCsp = (tiles: string) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "script-src-attr 'none'",
    "style-src 'self'",
    `img-src 'self' data: blob: ${tiles}`,
    `connect-src 'self' ${tiles}`,
    "media-src 'self' blob:",
    "font-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join(';');

/** The API documentation (Swagger UI) alone may use <style> elements; its scripts stay files. */
const docsCsp = (csp: string) => csp.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

function expectSecurityHeaders(
  response: LightMyRequestResponse,
  what: string,
  options: { secure: boolean; tiles: string; docs?: boolean },
) {
  const h = response.headers;
  const csp = options.secure ? `${strictCsp(options.tiles)};upgrade-insecure-requests` : strictCsp(options.tiles);
  const seen = {
    csp: h['content-security-policy'],
    nosniff: h['x-content-type-options'],
    frame: h['x-frame-options'],
    referrer: h['referrer-policy'],
    coop: h['cross-origin-opener-policy'],
    corp: h['cross-origin-resource-policy'],
    permissions: h['permissions-policy'],
    hsts: h['strict-transport-security'],
  };
  expect(seen, what).toEqual({
    // Under /api/docs a refusal (404) keeps the strict policy; the documentation's own files relax styles only.
    csp: options.docs && seen.csp !== csp ? docsCsp(csp) : csp,
    nosniff: 'nosniff',
    frame: 'DENY',
    referrer: 'strict-origin-when-cross-origin',
    coop: 'same-origin',
    corp: 'same-origin',
    permissions: permissionsPolicy,
    hsts: options.secure ? 'max-age=31536000; includeSubDomains' : undefined,
  });
}

const osm = 'https://tile.openstreetmap.org';

describe('security headers on every answer', () => {
  it('lists the routes it checks from the route table (a new route is checked without being named)', () => {
    const routes = routeTable(plain.app);
    expect(routes.length).toBeGreaterThan(40);
    expect(routes).toEqual(
      expect.arrayContaining([
        { method: 'POST', url: '/api/sync/push' },
        { method: 'PATCH', url: '/api/uploads/:id' },
        { method: 'GET', url: '/api/docs' },
      ]),
    );
  });

  it('every route, anonymous and as an admin, carries the headers', async () => {
    // Sign-out last: it ends the admin's session the other requests use.
    const routes = routeTable(plain.app).sort((a, b) => Number(a.url === '/api/auth/logout') - Number(b.url === '/api/auth/logout'));
    const statuses = new Set<number>();
    for (const { method, url } of routes) {
      for (const token of [undefined, adminToken]) {
        const request: InjectOptions = {
          method: method,
          url: concreteUrl(url),
          headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'tus-resumable': '1.0.0' },
          ...(['POST', 'PATCH', 'PUT'].includes(method) && !url.startsWith('/api/uploads') ? { payload: {} } : {}),
        };
        const response = await plain.app.inject(request);
        statuses.add(response.statusCode);
        expectSecurityHeaders(response, `${method} ${url} (${token ? 'admin' : 'anonymous'}) answered ${response.statusCode}`, {
          secure: false,
          tiles: osm,
          docs: url.startsWith('/api/docs'),
        });
        if (url.startsWith('/api/') && !url.startsWith('/api/docs'))
          expect(response.headers['cache-control'], `${method} ${url}`).toMatch(/no-store/);
      }
    }
    // The sweep reached handlers, refusals and validation alike, not only the sign-in guard.
    expect([...statuses]).toEqual(expect.arrayContaining([200, 400, 401, 404]));
  });

  it.each([
    ['an unknown API path', { method: 'GET', url: '/api/no-such-thing' }],
    ['an unknown page', { method: 'GET', url: '/no/such/page' }],
    [
      'a body that is not JSON',
      { method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' },
    ],
    [
      'a body too large',
      {
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: `{"username":"${'x'.repeat(1_100_000)}"}`,
      },
    ],
    [
      'an unsupported content type',
      { method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/xml' }, payload: '<a/>' },
    ],
    ['the API documentation', { method: 'GET', url: '/api/docs/static/index.html' }],
  ] as [string, InjectOptions][])('%s carries them too', async (what, request) => {
    const response = await plain.app.inject(request);
    expect(response.statusCode).not.toBe(500);
    expectSecurityHeaders(response, what, {
      secure: false,
      tiles: osm,
      docs: typeof request.url === 'string' && request.url.startsWith('/api/docs'),
    });
  });

  it('behind HTTPS adds HSTS and upgrade-insecure-requests, and allows the configured tile origins only', async () => {
    for (const url of ['/api/health', '/api/no-such-thing', '/api/docs/static/index.html']) {
      expectSecurityHeaders(await secure.app.inject({ url }), url, {
        secure: true,
        tiles: 'https://a.tiles.example.cn https://b.tiles.example.cn',
        docs: url.startsWith('/api/docs'),
      });
    }
  });
});

async function userCount(app: FastifyInstance): Promise<number> {
  const [row] = await app.db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

async function cookieOf(context: TestContext, role: 'admin' | 'supervisor' = 'admin') {
  const user = await createUser(context.database.db, role);
  const response = await context.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: user.username, password: testPassword },
  });
  const setCookie = String(response.headers['set-cookie']);
  return { setCookie, cookie: setCookie.split(';')[0] ?? '' };
}

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Lax, for the whole site, and Secure only behind HTTPS', async () => {
    const { setCookie } = await cookieOf(plain);
    expect(setCookie).toMatch(/^fv_session=[^;]+; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax$/);
    expect((await cookieOf(secure)).setCookie).toMatch(/; HttpOnly; Secure; SameSite=Lax$/);
  });
});

describe('cross-site requests (CSRF)', () => {
  const newUser = (cookie: string, headers: Record<string, string>) =>
    plain.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie, ...headers },
      payload: {
        username: `u${Date.now()}${Math.random().toString(36).slice(2, 6)}`,
        displayName: 'X',
        role: 'dispatcher',
        password: 'long enough password',
      },
    });

  it('refuses a state-changing request with the cookie from a foreign origin, and changes nothing', async () => {
    const { cookie } = await cookieOf(plain);
    const before = await userCount(plain.app);
    for (const origin of ['https://evil.example', 'null', 'http://localhost.evil.example:80', 'not a url']) {
      const response = await newUser(cookie, { origin });
      expect(response.statusCode, origin).toBe(403);
      expect(response.json<{ message: string }>().message).toMatch(/came from a page on another site/);
    }
    const fetchMetadataOnly = await newUser(cookie, { 'sec-fetch-site': 'cross-site' });
    expect(fetchMetadataOnly.statusCode).toBe(403);
    expect(await userCount(plain.app)).toBe(before);
  });

  it('refuses a cross-site sign-in (login CSRF) and sign-out', async () => {
    const { cookie } = await cookieOf(plain);
    const login = await plain.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { username: 'x', password: 'y' },
    });
    expect(login.statusCode).toBe(403);
    const logout = await plain.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, origin: 'https://evil.example' } });
    expect(logout.statusCode).toBe(403);
    expect((await plain.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
  });

  it('accepts the same request from the own origin, an allowed one, or a client without Origin', async () => {
    const { cookie } = await cookieOf(plain);
    const before = await userCount(plain.app);
    // inject addresses the server as localhost:80.
    const accepted: Record<string, string>[] = [
      { origin: 'http://localhost' },
      { origin: 'http://localhost:80' },
      { origin: 'https://console.example.com' },
      {},
      { 'sec-fetch-site': 'same-origin' },
    ];
    for (const headers of accepted) {
      expect((await newUser(cookie, headers)).statusCode, JSON.stringify(headers)).toBe(201);
    }
    // Behind a proxy the host the browser addressed is the forwarded one.
    const proxied = await newUser(cookie, {
      origin: 'https://visits.example.com',
      'x-forwarded-host': 'visits.example.com',
      'x-forwarded-proto': 'https',
    });
    expect(proxied.statusCode).toBe(201);
    expect(await userCount(plain.app)).toBe(before + 6);
  });

  it('lets reads through from anywhere (they change nothing; CORS keeps their answers from foreign pages)', async () => {
    const { cookie } = await cookieOf(plain);
    expect((await plain.app.inject({ url: '/api/auth/me', headers: { cookie, origin: 'https://evil.example' } })).statusCode).toBe(200);
  });
});
