// Team results in a real Chromium against the real server: a dispatcher publishes three days of routes
// for three collectors, their phones push the visits, and a supervisor opens the results page (Chinese by
// default), sees the totals, the three charts (chart.js loaded as its own chunk) and the table, groups by
// collector and week, and downloads the CSV. Screenshots saved for people to look at.
import type { Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../shared/periods.js';
import type { CollectorSummary } from '../../shared/schemas/directory.js';
import type { PlanView } from '../../shared/schemas/dispatch.js';
import type { ResultsResponse } from '../../shared/schemas/results.js';
import type { MutationInput, PushResponse } from '../../shared/schemas/sync.js';
import { checkIn, checkOut, push, record } from '../fixtures/sync.js';
import { desktop, screenshot } from './browser.js';
import { useE2E } from './harness.js';

const e2e = useE2E({ contextDefaults: { ...desktop, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }, pageTimeoutMs: 20_000 });
const today = localDate(new Date(), 'Asia/Shanghai');
const plus = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();
type Recorded = Partial<Extract<MutationInput, { type: 'visit.record' }>>;

/** What each stop's visit records, in turn: a believable mix of outcomes. */
const outcomes: Recorded[] = [
  { outcome: 'met_debtor', metPerson: 'debtor' },
  { outcome: 'promise_to_pay', metPerson: 'debtor', promiseToPay: { amount: 50_000, dueDate: addDays(today, -1) } },
  { outcome: 'nobody_home', metPerson: 'nobody' },
  { outcome: 'met_family', metPerson: 'spouse' },
  { outcome: 'paid_official_channel', metPerson: 'debtor', payment: { amount: 30_000, reference: 'PAY-E2E', channel: '银行转账' } },
];

const visitIds: string[] = [];

beforeAll(async () => {
  const dispatcher = await e2e.login('dispatcher');
  const collectors = (await e2e.api<CollectorSummary[]>(dispatcher, 'GET', '/api/collectors')).filter((c) =>
    ['collector1', 'collector2', 'collector3'].includes(c.username),
  );
  for (const daysAgo of [3, 2, 1]) {
    const serviceDate = addDays(today, -daysAgo);
    const plan = await e2e.api<PlanView>(dispatcher, 'POST', '/api/dispatch/plans', {
      serviceDate,
      collectorIds: collectors.map((c) => c.id),
      timeLimitS: 1,
    });
    await e2e.api(dispatcher, 'POST', `/api/dispatch/plans/${plan.id}/publish`);
    for (const route of plan.routes) {
      const username = collectors.find((c) => c.id === route.collectorId)!.username;
      const token = await e2e.login(username);
      // Most stops visited, the last ones left for another day.
      const mutations = route.stops.slice(0, Math.max(1, route.stops.length - 3)).flatMap((stop, i) => {
        const visitId = uuidv7();
        return [
          checkIn(stop.caseId, stop.addressId, { visitId, at: stop.arrival, lat: stop.lat, lng: stop.lng }),
          record(stop.caseId, stop.addressId, visitId, { createdAt: plus(stop.arrival, 10), ...outcomes[(i + daysAgo) % outcomes.length] }),
          checkOut(stop.caseId, visitId, plus(stop.arrival, 15 + (i % 4) * 5)),
        ];
      });
      const pushed = await e2e.api<PushResponse>(token, 'POST', '/api/sync/push', push(mutations));
      expect(pushed.results.filter((r) => r.status !== 'applied')).toEqual([]);
      visitIds.push(...mutations.flatMap((m) => (m.type === 'visit.record' ? [m.visitId] : [])));
    }
  }
  // The supervisor has judged a few of them.
  const supervisor = await e2e.login('supervisor');
  for (const [i, visitId] of visitIds.slice(0, 4).entries()) {
    const body = i < 3 ? { verdict: 'accept' } : { verdict: 'reject', reason: '照片与地址不符' };
    await e2e.api(supervisor, 'POST', `/api/review/visits/${visitId}/verdict`, body);
  }
});

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill('demo1234');
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

describe('team results', () => {
  it('a supervisor sees the week in totals, charts and a table, by team and by collector, and downloads the CSV', async () => {
    const page = await e2e.newPage();
    const chunks: string[] = [];
    page.on('request', (request) => chunks.push(new URL(request.url()).pathname));
    await signIn(page, 'supervisor');
    await page.getByRole('link', { name: '团队业绩' }).click();
    await expect.poll(() => page.url()).toContain('/results');
    await page.getByRole('button', { name: '近 7 天' }).click();
    const table = page.getByRole('table', { name: /业绩明细/ });
    await table.waitFor();

    const expected = (await page.evaluate(
      async (query) => (await (await fetch(`/api/results${query}`)).json()) as unknown,
      new URL(page.url()).search,
    )) as ResultsResponse;
    expect(expected.totals.done).toBeGreaterThan(0);
    await expect.poll(() => page.locator('dl').getByText(`${expected.totals.done} / ${expected.totals.planned}`).count()).toBe(1);
    expect(expected.totals).toMatchObject({ evidenceAccepted: 3, evidenceRejected: 1 });
    await expect.poll(() => table.locator('tfoot th').textContent()).toBe('合计');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(expected.rows.length);
    // chart.js arrives as its own chunk, only now, and draws three labelled charts.
    await expect.poll(() => chunks.some((path) => /\/assets\/results-chart-.*\.js$/.test(path))).toBe(true);
    await expect.poll(() => page.locator('canvas[data-chart]').count()).toBe(3);
    await expect.poll(() => page.locator('canvas[data-chart="visits"]').getAttribute('aria-label')).toContain('计划与完成外访');
    await page.waitForTimeout(300);
    await screenshot(page, 'results-supervisor-team-day');

    await page.getByRole('button', { name: '按外访员' }).click();
    await page.getByRole('button', { name: '按周' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('groupBy')).toBe('collector');
    await expect.poll(() => table.locator('thead th').nth(2).textContent()).toBe('外访员');
    await expect.poll(() => table.locator('thead th').first().textContent()).toBe('周（周一起）');
    await page.waitForTimeout(300);
    await screenshot(page, 'results-supervisor-collector-week');

    const href = await page.getByRole('link', { name: '下载 CSV' }).getAttribute('href');
    expect(href).toMatch(/^\/api\/results\.csv\?.*groupBy=collector.*lang=zh-CN/);
    const csv = await page.evaluate(async (url) => {
      const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
      return { bom: [...bytes.slice(0, 3)], text: new TextDecoder().decode(bytes.slice(3)) };
    }, href!);
    expect(csv.bom).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.text.split('\r\n')[0]).toMatch(/^开始日期,结束日期,团队,外访员,计划外访,完成外访/);
  });

  it('keeps a collector out', async () => {
    const page = await e2e.newPage();
    await signIn(page, 'collector1');
    await expect.poll(() => new URL(page.url()).pathname).not.toBe('/sign-in');
    await page.goto('/results');
    await expect.poll(() => page.getByRole('table', { name: /业绩明细/ }).count()).toBe(0);
    const status = await page.evaluate(async () => (await fetch('/api/results?from=2026-01-01&to=2026-01-31')).status);
    expect(status).toBe(403);
  });
});
