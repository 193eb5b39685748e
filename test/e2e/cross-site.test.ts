// A page on another origin of the same site (127.0.0.1 on another port: the browser sends the SameSite=Lax
// session cookie to it) tries to sign the user out and to open a socket on their cookie, in a
// real Chromium. Both are refused by Origin; the same request and socket from the app's own origin work
// (the control that shows the refusal is the Origin check, not a broken form).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useE2E } from './harness.js';
import { demoPassword } from './server.js';

const e2e = useE2E();
let foreign: Server;
let foreignUrl: string;

/**
 * A page that posts to the app's sign-out with the visitor's cookie (a body-less no-cors POST: no preflight,
 * no content type for the server to refuse) and opens a raw engine.io WebSocket to it.
 */
const attackPage = (target: string) => `<!doctype html><html><body>
<script>
  window.signOut = () => fetch('${target}/api/auth/logout', { method: 'POST', mode: 'no-cors', credentials: 'include' }).then(
    (response) => response.type,
    (error) => 'failed: ' + error.message,
  );
  window.socketOutcome = new Promise((resolve) => {
    const ws = new WebSocket('${target.replace('http', 'ws')}/api/socket.io/?EIO=4&transport=websocket');
    ws.onmessage = (event) => resolve('opened: ' + String(event.data).slice(0, 1));
    ws.onerror = () => resolve('refused');
  });
</script></body></html>`;

beforeAll(async () => {
  foreign = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(attackPage(e2e.server.url));
  });
  await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
  foreignUrl = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => foreign.close(() => resolve())));

async function signedInPage(): Promise<Page> {
  const page = await e2e.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('用户名', { exact: true }).fill('supervisor');
  await page.getByLabel('密码', { exact: true }).fill(demoPassword);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
  return page;
}

const stillSignedIn = (page: Page) => page.evaluate(async () => (await fetch('/api/auth/me', { credentials: 'same-origin' })).status);

describe('requests from another origin of the same site', () => {
  it('cannot sign the user out with the session cookie, nor open a socket on it', async () => {
    const page = await signedInPage();
    const attacker = await page.context().newPage();
    await attacker.goto(foreignUrl);
    expect(await attacker.evaluate(() => (window as unknown as { socketOutcome: Promise<string> }).socketOutcome)).toBe('refused');
    // The request goes out with the cookie either way (the answer itself is then withheld from the page by
    // Cross-Origin-Resource-Policy); what matters is what the server did with it.
    expect(await attacker.evaluate(() => (window as unknown as { signOut: () => Promise<string> }).signOut())).toMatch(
      /^(opaque|failed: )/,
    );
    expect(await stillSignedIn(page)).toBe(200);
  });

  it('the same request and socket from the app’s own origin go through (the control)', async () => {
    const page = await signedInPage();
    // A raw engine.io socket from our own page: the server opens it (the open packet is "0").
    const opened = await page.evaluate(
      (target) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(`${target.replace('http', 'ws')}/api/socket.io/?EIO=4&transport=websocket`);
          ws.onmessage = (event) => resolve(`opened: ${String(event.data).slice(0, 1)}`);
          ws.onerror = () => resolve('refused');
        }),
      e2e.server.url,
    );
    expect(opened).toBe('opened: 0');
    const response = page.waitForResponse((r) => r.url().endsWith('/api/auth/logout'));
    await page.evaluate(
      (target) => fetch(`${target}/api/auth/logout`, { method: 'POST', mode: 'no-cors', credentials: 'include' }),
      e2e.server.url,
    );
    expect((await response).status()).toBe(204);
  });
});
