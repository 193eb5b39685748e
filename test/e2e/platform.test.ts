// The PWA's platform in a real Chromium: the service worker opens the app with no network and holds
// updates back; the photo pipeline and storage monitor run in a real page (test/e2e/fixtures/platform).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, phone, screenshot } from './browser.js';
import { demoPassword, startServer, type TestServer } from './server.js';

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

async function newPhonePage(): Promise<Page> {
  const context = await browser.newContext({ ...phone, baseURL: server.url, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

function eventually<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 20_000, interval: 100 });
}

/** The page is controlled by an activated service worker (it claims the page on first install). */
function controlled(page: Page): Promise<boolean> {
  return page.evaluate(() => navigator.serviceWorker.controller?.state === 'activated');
}

describe('service worker', () => {
  it('controls the page after a first online visit; offline, a reload and a deep link still open the app', async () => {
    const page = await newPhonePage();
    await page.goto('/');
    await page.getByRole('heading', { name: '外访作业' }).waitFor();
    await eventually(() => controlled(page)).toBe(true);

    const manifest = await page.evaluate(() => document.querySelector('link[rel="manifest"]')?.getAttribute('href'));
    expect(manifest).toBe('/manifest.webmanifest');
    const precached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
      }
      return urls;
    });
    expect(precached).toContain('/index.html');
    expect(precached.some((path) => /^\/assets\/index-[\w-]+\.js$/.test(path))).toBe(true);
    expect(precached.some((path) => path.startsWith('/api/'))).toBe(false);

    await page.context().setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: '外访作业' }).waitFor();
    await page.getByLabel('用户名', { exact: true }).waitFor();
    await screenshot(page, 'platform-offline-reload');

    // A client-side route opened offline gets the shell; the API is never answered from a cache.
    await page.goto('/cases/some-case');
    await page.getByLabel('用户名', { exact: true }).waitFor();
    const api = await page.evaluate(() =>
      fetch('/api/health').then(
        (response) => `status ${response.status}`,
        () => 'network error',
      ),
    );
    expect(api).toBe('network error');
    await page.context().setOffline(false);
  });

  it('signed in as a collector, an offline reload shows the app shell again', async () => {
    const page = await newPhonePage();
    await page.goto('/');
    await page.getByLabel('用户名', { exact: true }).fill('collector1');
    await page.getByLabel('密码', { exact: true }).fill(demoPassword);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('banner').waitFor();
    await eventually(() => controlled(page)).toBe(true);

    await page.context().setOffline(true);
    await page.reload();
    // Whatever the app decides to show offline, it is the app: its own markup, not the browser's error page.
    await eventually(() => page.evaluate(() => (document.getElementById('app')?.childElementCount ?? 0) > 0)).toBe(true);
    await screenshot(page, 'platform-offline-signed-in');
    await page.context().setOffline(false);
  });

  it('a new version waits instead of reloading the app, until the app lets it take over', async () => {
    const page = await newPhonePage();
    await page.goto('/');
    await page.getByRole('heading', { name: '外访作业' }).waitFor();
    await eventually(() => controlled(page)).toBe(true);
    await page.evaluate(() => {
      (window as unknown as { marker: string }).marker = 'still the same page';
    });

    // "Deploy" a new service worker: another script URL for the same scope is a new version to the browser.
    await page.evaluate(async () => {
      await navigator.serviceWorker.register('/sw.js?deploy=2', { scope: '/' });
    });
    await eventually(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state ?? null)).toBe(
      'installed',
    );
    // Nothing reloaded, and the running version still serves the shell.
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('still the same page');
    const activeBefore = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.scriptURL);
    expect(activeBefore).toContain('/sw.js');

    // What platform/updates.ts does once the sync engine is quiet: SKIP_WAITING, then the new worker controls.
    const changed = page.evaluate(
      () => new Promise<boolean>((done) => navigator.serviceWorker.addEventListener('controllerchange', () => done(true), { once: true })),
    );
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.postMessage({ type: 'SKIP_WAITING' }));
    expect(await changed).toBe(true);
  });
});
