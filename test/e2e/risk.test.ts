// The risk monitoring view in a real Chromium against the real server: collectors' pushed visits raise
// signals; the supervisor sees them counted by type, severity and team, on the map and in the list,
// a new one arrives live, one is acknowledged and leaves the open list, and a signal links to its case.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { CaseDetail, CaseListResponse } from '../../shared/schemas/cases.js';
import type { PushResponse } from '../../shared/schemas/sync.js';
import { checkIn, push, record } from '../fixtures/sync.js';
import { launchBrowser, screenshot } from './browser.js';
import { tilePng } from './fixtures/collector-images.js';
import { demoPassword, startServer, type TestServer } from './server.js';

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const desktop = { viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 };

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

async function login(username: string): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: demoPassword }),
  });
  return ((await response.json()) as { token: string }).token;
}

async function api<T>(token: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : null,
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

type Extra = Parameters<typeof record>[3];

/** One visit per outcome, each to another of the collector's assigned cases, pushed as the phone would. */
async function visitAs(username: string, extras: Extra[], skip = 0): Promise<void> {
  const token = await login(username);
  const mine = (await api<CaseListResponse>(token, 'GET', '/api/cases?limit=100')).cases.slice(skip, skip + extras.length);
  const mutations = [];
  for (const [i, summary] of mine.entries()) {
    const detail = await api<CaseDetail>(token, 'GET', `/api/cases/${summary.id}`);
    const addressId = detail.addresses[0]!.id;
    const visitId = uuidv7();
    const at = `2026-11-23T0${2 + i}:00:00.000Z`;
    mutations.push(checkIn(summary.id, addressId, { visitId, at, lat: detail.addresses[0]!.lat, lng: detail.addresses[0]!.lng }));
    mutations.push(record(summary.id, addressId, visitId, { createdAt: `2026-11-23T0${2 + i}:20:00.000Z`, ...extras[i] }));
  }
  const answer = await api<PushResponse>(token, 'POST', '/api/sync/push', push(mutations));
  expect(answer.results.filter((r) => r.status !== 'applied')).toEqual([]);
}

async function openDesktop(): Promise<Page> {
  const context = await browser.newContext({ ...desktop, baseURL: server.url, locale: 'zh-CN' });
  contexts.push(context);
  const tile = tilePng();
  await context.route('https://tile.openstreetmap.org/**', (route) =>
    route.fulfill({ status: 200, contentType: 'image/png', headers: { 'access-control-allow-origin': '*' }, body: tile }),
  );
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

describe('risk monitoring', () => {
  it('shows the signals by type, severity and team, on the map and in the list, live; acknowledges one', async () => {
    await visitAs('collector1', [
      { outcome: 'refused', abilityWillingness: 'able_unwilling', notes: '家属辱骂并威胁外访员，驱赶出门' },
      { outcome: 'moved_away', metPerson: 'neighbour', notes: '邻居称一家人已于上月搬走' },
      { outcome: 'claims_fraud', notes: '本人称从未办理此卡，身份证曾丢失，系他人冒办' },
    ]);
    await visitAs('collector2', [
      {
        outcome: 'hardship',
        familySituation: { health: 'serious_illness', employment: 'unemployed', dependants: 2 },
        notes: '本人重病住院，家中无收入',
      },
      {
        outcome: 'promise_to_pay',
        abilityWillingness: 'able_willing',
        notes: '承诺下月初还款',
        promiseToPay: { amount: 50_000, dueDate: '2026-12-05' },
      },
      {
        outcome: 'paid_official_channel',
        notes: '已通过银行APP还款',
        payment: { amount: 30_000, reference: 'APP-20261123-0001', channel: '银行APP' },
      },
    ]);

    const page = await openDesktop();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto('/');
    await page.getByLabel('用户名', { exact: true }).fill('supervisor');
    await page.getByLabel('密码', { exact: true }).fill(demoPassword);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('link', { name: '风险监控' }).click();
    await page.waitForURL('**/risk');
    await page.getByRole('heading', { name: '风险监控', level: 1 }).waitFor();
    const list = page.getByTestId('risk-list').locator('li');
    await expect.poll(() => list.count(), { timeout: 20_000 }).toBe(6);
    // Gravest first: the three high signals lead.
    expect(await list.first().getAttribute('data-severity')).toBe('high');
    expect(await page.getByTestId('risk-matrix').innerText()).toContain('声称冒办');
    await expect.poll(() => page.locator('[data-testid="risk-map"] path.leaflet-interactive').count()).toBe(6);
    await screenshot(page, 'risk-board');

    // A visit synced now arrives without a reload.
    await visitAs('collector3', [{ outcome: 'address_not_found', metPerson: 'nobody', notes: '门牌号不存在，物业称无此户' }]);
    await expect.poll(() => list.count(), { timeout: 15_000 }).toBe(7);
    await page.getByText('地址失效 / 已搬离').first().waitFor();

    // Acknowledging takes a signal off the open list.
    const first = list.first();
    const firstId = await first.getAttribute('data-id');
    await first.getByRole('button', { name: '确认' }).click();
    await expect.poll(() => page.locator(`[data-testid="risk-list"] li[data-id="${firstId}"]`).count()).toBe(0);
    expect(await list.count()).toBe(6);

    // Filtering by a matrix cell and by severity chip narrows the list; the links lead to the case and the visit.
    await page.getByRole('button', { name: '高', exact: true }).click();
    await page.waitForURL('**/risk?severity=high');
    await expect.poll(() => list.count()).toBe(2);
    expect(await list.first().getByRole('link', { name: '外访记录' }).getAttribute('href')).toMatch(/^\/review\/visits\/[0-9a-f-]{36}$/);
    await screenshot(page, 'risk-board-high');
    const caseLink = list.first().getByRole('link', { name: '案件' });
    const caseHref = await caseLink.getAttribute('href');
    await caseLink.click();
    await page.waitForURL(`**${caseHref}`);
    expect(errors).toEqual([]);
  });
});
