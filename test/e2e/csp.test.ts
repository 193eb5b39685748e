// Every screen of every role under the strict Content-Security-Policy, in a real Chromium against the
// real server: any securitypolicyviolation event or CSP console error fails the test. Every answer from
// our own origin (the shell, assets, the service worker, the manifest, the API, /api/docs) carries the
// security headers. Screenshots land in test/e2e/screenshots/csp-*.png.
import type { BrowserContext, ConsoleMessage, Page, Response } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../shared/schemas/auth.js';
import type { CaseListResponse } from '../../shared/schemas/cases.js';
import type { PlanView } from '../../shared/schemas/dispatch.js';
import type { PushResponse } from '../../shared/schemas/sync.js';
import { jpeg } from '../fixtures/media.js';
import { sha256, uploadPhoto } from '../fixtures/review.js';
import { desktop, phone, screenshot } from './browser.js';
import { tilePng } from './fixtures/collector-images.js';
import { useE2E } from './harness.js';
import { demoPassword } from './server.js';

const e2e = useE2E({ pageTimeoutMs: 20_000 });

interface Watch {
  violations: string[];
  /** Our own answers that lacked a header every answer must carry. */
  unguarded: string[];
  seen: number;
}
const watch: Watch = { violations: [], unguarded: [], seen: 0 };

function shanghaiDate(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** A browser for one role: tiles from a fixture, violations and unguarded answers recorded. */
async function openAs(options: typeof phone | typeof desktop): Promise<{ context: BrowserContext; page: Page }> {
  const context = await e2e.newContext({
    ...options,
    locale: 'zh-CN',
    permissions: ['geolocation', 'camera', 'microphone'],
    geolocation: { latitude: 41.8, longitude: 123.43, accuracy: 10 },
  });
  const tile = tilePng();
  await context.route('https://tile.openstreetmap.org/**', (route) =>
    route.fulfill({ status: 200, contentType: 'image/png', headers: { 'access-control-allow-origin': '*' }, body: tile }),
  );
  // Before any of the page's own scripts: a violation during start-up counts too.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(
        `CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber} ${event.sample}`,
      );
    });
  });
  const page = await context.newPage();
  page.on('console', (message: ConsoleMessage) => {
    const text = message.text();
    if (/CSP violation|Content Security Policy|Refused to (load|execute|apply|connect|frame|create)/i.test(text))
      watch.violations.push(`${page.url()}: ${text}`);
  });
  page.on('pageerror', (error) => {
    if (/Content Security Policy|unsafe-eval/i.test(error.message)) watch.violations.push(`${page.url()}: ${error.message}`);
  });
  page.on('response', (response: Response) => {
    if (!response.url().startsWith(e2e.server.url)) return;
    watch.seen += 1;
    const headers = response.headers();
    const missing = [
      'content-security-policy',
      'x-content-type-options',
      'referrer-policy',
      'permissions-policy',
      'cross-origin-resource-policy',
    ].filter((h) => !headers[h]);
    if (missing.length > 0)
      watch.unguarded.push(`${response.request().method()} ${response.url()} (${response.status()}): no ${missing.join(', ')}`);
  });
  page.setDefaultTimeout(20_000);
  return { context, page };
}

async function signIn(page: Page, username: string) {
  await page.goto('/');
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(demoPassword);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
}

/** Opens a screen, lets it settle (lazy chunks, maps, sockets), and keeps a screenshot of it. */
async function visit(page: Page, path: string, name: string, ready?: (page: Page) => Promise<unknown>) {
  await page.goto(path);
  await page.waitForLoadState('networkidle').catch(() => undefined);
  if (ready) await ready(page);
  await page.waitForTimeout(500);
  await screenshot(page, `csp-${name}`);
}

let arranged: { caseId: string; visitId: string } | undefined;

/** collector1's published day and one recorded visit with a photo, for the screens that show them. */
async function arrange(): Promise<{ caseId: string; visitId: string }> {
  if (arranged) return arranged;
  const [dispatcher, collector] = await Promise.all([e2e.login('dispatcher'), e2e.login('collector1')]);
  const me = await e2e.api<SessionUser>(collector, 'GET', '/api/auth/me');
  const mine = await e2e.api<CaseListResponse>(collector, 'GET', '/api/cases?limit=100');
  const plan = await e2e.api<PlanView>(dispatcher, 'POST', '/api/dispatch/plans', {
    serviceDate: shanghaiDate(new Date()),
    collectorIds: [me.id],
    caseIds: mine.cases.map((item) => item.id),
    timeLimitS: 1,
  });
  await e2e.api(dispatcher, 'POST', `/api/dispatch/plans/${plan.id}/publish`);
  const stop = plan.routes[0]?.stops[0];
  if (!stop) throw new Error('the demo plan has no stop');
  const detail = await e2e.api<{ addresses: { id: string; lat: number; lng: number }[] }>(collector, 'GET', `/api/cases/${stop.caseId}`);
  const address = detail.addresses[0]!;
  const day = shanghaiDate(new Date(Date.now() - 86_400_000));
  const at = new Date(`${day}T02:00:00.000Z`);
  const later = (minutes: number) => new Date(at.getTime() + minutes * 60_000).toISOString();
  const visitId = uuidv7();
  const photo = jpeg({ width: 320, height: 240, seed: Date.now() % 100_000, size: 8_000 });
  const answer = await e2e.api<PushResponse>(collector, 'POST', '/api/sync/push', {
    protocolVersion: 1,
    deviceId: 'e2e-csp-phone',
    sentAt: new Date().toISOString(),
    mutations: [
      {
        id: uuidv7(),
        type: 'visit.checkIn',
        createdAt: at.toISOString(),
        visitId,
        caseId: stop.caseId,
        addressId: address.id,
        checkedInAt: at.toISOString(),
        position: { lat: address.lat, lng: address.lng, accuracyM: 15 },
      },
      {
        id: uuidv7(),
        type: 'visit.record',
        createdAt: later(20),
        visitId,
        caseId: stop.caseId,
        addressId: address.id,
        outcome: 'nobody_home',
        metPerson: 'neighbour',
        thirdPartyStatement: '只说找债务人有事，未提及欠款',
        notes: '敲门无人应答',
        photos: [
          {
            sha256: sha256(photo),
            sizeBytes: photo.length,
            takenAt: later(5),
            position: { lat: address.lat, lng: address.lng, accuracyM: 20 },
          },
        ],
      },
      { id: uuidv7(), type: 'visit.checkOut', createdAt: later(25), visitId, caseId: stop.caseId, checkedOutAt: later(25) },
    ],
  });
  expect(answer.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
  await uploadPhoto(e2e.server.url, collector, photo, visitId);
  arranged = { caseId: stop.caseId, visitId };
  return arranged;
}

afterAll(() => {
  // Shown when a test above failed on them, and a record of how much was looked at.
  console.log(`csp e2e: ${watch.seen} answers from our origin checked, ${watch.violations.length} violations`);
});

describe('the strict CSP on every screen', () => {
  // Each test answers for its own screens.
  beforeEach(() => {
    watch.violations.length = 0;
    watch.unguarded.length = 0;
  });

  it('the sign-in page, a page that does not exist, and the API documentation', async () => {
    const { page } = await openAs(desktop);
    await visit(page, '/sign-in', 'sign-in', (p) => p.getByRole('button', { name: '登录', exact: true }).waitFor());
    await visit(page, '/no/such/page', 'not-found');
    await visit(page, '/api/docs', 'api-docs', (p) => p.locator('.swagger-ui .information-container').waitFor());
    expect(watch.violations).toEqual([]);
    expect(watch.unguarded).toEqual([]);
  });

  it('a collector’s screens on a phone: the day, a case, check-in, a visit, sync', async () => {
    const { caseId, visitId } = await arrange();
    const { page } = await openAs(phone);
    await signIn(page, 'collector1');
    await visit(page, '/', 'collector-day', (p) => p.getByTestId('my-cases').waitFor());
    await page
      .getByRole('tab', { name: '地图' })
      .or(page.getByRole('button', { name: '地图' }))
      .first()
      .click();
    await page.locator('.leaflet-container').first().waitFor();
    await page.waitForTimeout(500);
    await screenshot(page, 'csp-collector-day-map');
    await visit(page, `/cases/${caseId}`, 'collector-case', (p) => p.getByRole('heading', { level: 1 }).waitFor());
    await visit(page, `/cases/${caseId}/check-in`, 'collector-check-in');
    await visit(page, `/visits/${visitId}`, 'collector-visit');
    await visit(page, '/sync', 'collector-sync');
    expect(watch.violations).toEqual([]);
    expect(watch.unguarded).toEqual([]);
  });

  it('a dispatcher’s screens: the console with its map, cases, a case, import', async () => {
    const { caseId } = await arrange();
    const { page } = await openAs(desktop);
    await signIn(page, 'dispatcher');
    await visit(page, '/dispatch', 'dispatcher-console', (p) => p.locator('.leaflet-container').first().waitFor());
    await visit(page, '/cases', 'dispatcher-cases');
    await visit(page, `/cases/${caseId}`, 'dispatcher-case');
    await visit(page, '/import', 'dispatcher-import');
    expect(watch.violations).toEqual([]);
    expect(watch.unguarded).toEqual([]);
  });

  it('a supervisor’s screens: review queue and visit, risk, results, overview', async () => {
    const { caseId, visitId } = await arrange();
    const { page } = await openAs(desktop);
    await signIn(page, 'supervisor');
    await visit(page, '/review', 'supervisor-review-queue');
    await visit(page, `/review/visits/${visitId}`, 'supervisor-review-visit', (p) =>
      p.locator('img[src^="/api/photos/"]').first().waitFor(),
    );
    await visit(page, '/risk', 'supervisor-risk');
    await visit(page, '/results', 'supervisor-results');
    await visit(page, '/cases', 'supervisor-cases');
    await visit(page, `/cases/${caseId}`, 'supervisor-case');
    expect(watch.violations).toEqual([]);
    expect(watch.unguarded).toEqual([]);
  });

  it('an admin’s screens: users and every staff screen', async () => {
    await arrange();
    const { page } = await openAs(desktop);
    await signIn(page, 'admin');
    for (const [path, name] of [
      ['/users', 'admin-users'],
      ['/dispatch', 'admin-dispatch'],
      ['/cases', 'admin-cases'],
      ['/import', 'admin-import'],
      ['/review', 'admin-review'],
      ['/risk', 'admin-risk'],
      ['/results', 'admin-results'],
    ] as const)
      await visit(page, path, name);
    expect(watch.violations).toEqual([]);
    expect(watch.unguarded).toEqual([]);
  });

  it('the check itself: an inline script and a style attribute in markup are reported', async () => {
    // The control: if the listener or the policy were not working, the screens above would pass unseen.
    const { page } = await openAs(desktop);
    await page.goto('/sign-in');
    const before = watch.violations.length;
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inline = 1';
      document.body.appendChild(script);
      const div = document.createElement('div');
      div.innerHTML = '<span style="color:red">x</span>';
      document.body.appendChild(div);
    });
    await expect.poll(() => watch.violations.length - before, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
    expect(await page.evaluate(() => (window as { __inline?: number }).__inline)).toBeUndefined();
    watch.violations.length = before;
  });
});
