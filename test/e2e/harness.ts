// The set-up every browser test shares: the real server (fresh database, demo seed) and Chromium,
// started before the file's tests and stopped after, with the contexts they opened; plus the API as
// the demo users, to arrange what a test needs and to check what the server holds afterwards.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.js';
import { demoPassword, startServer, type TestServer } from './server.js';

export interface E2E {
  readonly server: TestServer;
  readonly browser: Browser;
  /** A context on the server's origin, closed after the file's tests. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** Closes this context after the file's tests (one opened some other way, a persistent one say). */
  track(context: BrowserContext): BrowserContext;
  /** A demo user's bearer token. */
  login(username: string): Promise<string>;
  api<T>(token: string, method: 'GET' | 'POST' | 'HEAD', path: string, body?: unknown): Promise<T>;
}

export function useE2E(options: { contextDefaults?: BrowserContextOptions; pageTimeoutMs?: number } = {}): E2E {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  const ready = () => {
    if (!server || !browser) throw new Error('The browser test set-up has not run (call useE2E at the top of the file)');
    return { server, browser };
  };
  const e2e: E2E = {
    get server() {
      return ready().server;
    },
    get browser() {
      return ready().browser;
    },
    async newContext(contextOptions = {}) {
      const { server: running, browser: chromium } = ready();
      return e2e.track(await chromium.newContext({ ...options.contextDefaults, ...contextOptions, baseURL: running.url }));
    },
    async newPage(contextOptions = {}) {
      const page = await (await e2e.newContext(contextOptions)).newPage();
      page.setDefaultTimeout(options.pageTimeoutMs ?? 15_000);
      return page;
    },
    track(context) {
      contexts.push(context);
      return context;
    },
    async login(username) {
      const response = await fetch(`${ready().server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: demoPassword }),
      });
      if (!response.ok) throw new Error(`sign-in as ${username}: ${response.status}`);
      return ((await response.json()) as { token: string }).token;
    },
    async api<T>(token: string, method: 'GET' | 'POST' | 'HEAD', path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${ready().server.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return (method === 'HEAD' ? undefined : await response.json()) as T;
    },
  };
  return e2e;
}
