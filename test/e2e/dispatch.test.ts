// The dispatcher's console in a real Chromium against the real server: the clustered map, a rectangle
// drawn to select cases, a day planned for three collectors with live progress, a stop moved from one
// collector to another (the timeline re-timed from the PATCH answer), publication; a collector's phone,
// open on its day list in a second context, receives the route without a reload.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanView } from '../../shared/schemas/dispatch.js';
import { desktop, launchBrowser, phone, screenshot } from './browser.js';
import { tilePng } from './fixtures/collector-images.js';
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

function eventually<T>(read: () => T | Promise<T>, timeout = 20_000) {
  return expect.poll(read, { timeout, interval: 200 });
}

async function openContext(options: typeof desktop | typeof phone): Promise<Page> {
  const context = await browser.newContext({ ...options, baseURL: server.url, locale: 'zh-CN' });
  contexts.push(context);
  const tile = tilePng();
  await context.route('https://tile.openstreetmap.org/**', (route) =>
    route.fulfill({ status: 200, contentType: 'image/png', headers: { 'access-control-allow-origin': '*' }, body: tile }),
  );
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(demoPassword);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

const shanghaiClock = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(iso),
  );

describe('the dispatcher’s console', () => {
  it('plans a day for three collectors, moves a stop, publishes; the collector’s phone receives the route live', async () => {
    // The collector is already on their day (no route yet: their cases by priority) when the dispatcher starts.
    const collector = await openContext(phone);
    await signIn(collector, 'collector1');
    await collector.locator('#day-title').waitFor();
    expect(await collector.getByRole('heading', { name: '今日路线', level: 1 }).count()).toBe(0);

    const page = await openContext(desktop);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signIn(page, 'dispatcher');
    await page.waitForURL('**/dispatch');
    await page.getByRole('heading', { name: '调度台', level: 1 }).waitFor();
    const map = page.getByTestId('case-map');
    await eventually(async () => Number((await map.getAttribute('data-drawn')) ?? 0)).toBeGreaterThan(0);
    expect(Number(await map.getAttribute('data-cases'))).toBe(300);
    await eventually(() => page.locator('[class*="cluster"]').count()).toBeGreaterThan(3);
    await eventually(() => page.getByTestId('dispatch-cases').locator('tbody tr').count()).toBeGreaterThan(0);
    await screenshot(page, 'dispatch-map', { fullPage: false });

    // A rectangle over the middle of the map selects the cases inside it.
    await page.getByRole('button', { name: /框选/ }).click();
    await page.getByText('在地图上点击矩形的一个角').waitFor();
    const box = (await map.boundingBox())!;
    await page.waitForTimeout(300);
    await page.mouse.click(box.x + box.width * 0.25, box.y + box.height * 0.3);
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5, { steps: 5 });
    await page.mouse.click(box.x + box.width * 0.7, box.y + box.height * 0.7);
    const selected = page.getByTestId('selection-bar').getByText(/^已选 \d+ 件$/);
    await selected.waitFor();
    const count = Number((await selected.innerText()).replace(/\D/g, ''));
    expect(count).toBeGreaterThan(10);
    await screenshot(page, 'dispatch-selection', { fullPage: false });

    // Plan these for three collectors, watching the search's progress.
    await page.getByRole('button', { name: '为所选排线' }).click();
    for (const n of [1, 2, 3]) await page.getByLabel(`外访员${n}号`, { exact: true }).check();
    expect(await page.getByLabel(`所选案件（${count} 件）`).isChecked()).toBe(true);
    await page.getByLabel('计算时长（秒）').fill('4');
    const planned = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/dispatch/plans'), {
      timeout: 60_000,
    });
    await page.getByRole('button', { name: '开始排线' }).click();
    await page.getByTestId('plan-progress').waitFor();
    await eventually(() => page.getByTestId('progress-served').innerText()).toMatch(/^\d+(\.\d)?%$/);
    await page.waitForTimeout(1000);
    await screenshot(page, 'dispatch-plan-progress', { fullPage: false });
    const plan = (await (await planned).json()) as PlanView;
    expect(plan.routes).toHaveLength(3);

    // The proposal: one timeline row per collector, each stop at its planned arrival.
    const timeline = page.getByTestId('plan-timeline');
    await timeline.waitFor();
    const rows = timeline.getByTestId('timeline-row');
    await eventually(() => rows.count()).toBe(3);
    const from =
      plan.routes.find((r) => r.collectorName === '外访员2号' && r.stops.length > 0) ?? plan.routes.find((r) => r.stops.length > 1)!;
    const to = plan.routes.find((r) => r.collectorName === '外访员1号')!;
    const fromRow = timeline.locator(`[data-collector="${from.collectorName}"]`);
    const toRow = timeline.locator(`[data-collector="${to.collectorName}"]`);
    const moved = from.stops[0]!;
    await eventually(() => fromRow.locator('button[data-case]').count()).toBe(from.stops.length);
    await eventually(() => toRow.locator('button[data-case]').count()).toBe(to.stops.length);
    expect(await fromRow.locator(`[data-case="${moved.caseId}"]`).getAttribute('data-arrival')).toBe(shanghaiClock(moved.arrival));
    await screenshot(page, 'dispatch-timeline', { fullPage: false });

    // Move the stop to the first place of another collector's day with the inspector's controls.
    await fromRow.locator(`[data-case="${moved.caseId}"]`).click();
    const inspector = page.getByTestId('stop-inspector');
    await inspector.getByRole('heading', { name: `1. ${moved.debtorName}` }).waitFor();
    await inspector.getByLabel('移给').selectOption({ label: to.collectorName });
    await inspector.getByLabel('作为第几站').fill('1');
    const patched = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes(`/api/dispatch/plans/${plan.id}`));
    await inspector.getByRole('button', { name: '移动', exact: true }).click();
    const answer = (await (await patched).json()) as PlanView;
    const answeredTo = answer.routes.find((r) => r.collectorId === to.collectorId)!;
    expect(answeredTo.stops[0]?.caseId).toBe(moved.caseId);
    // The timeline shows the server's re-timed routes: the stop sits in its new row at its new time.
    await eventually(() => toRow.locator('button[data-case]').count()).toBe(to.stops.length + 1);
    await eventually(() => fromRow.locator('button[data-case]').count()).toBe(from.stops.length - 1);
    await eventually(() => toRow.locator(`[data-case="${moved.caseId}"]`).getAttribute('data-arrival')).toBe(
      shanghaiClock(answeredTo.stops[0]!.arrival),
    );
    for (const [k, stop] of answeredTo.stops.entries()) {
      expect(await toRow.locator('button[data-case]').nth(k).getAttribute('data-arrival')).toBe(shanghaiClock(stop.arrival));
    }
    await screenshot(page, 'dispatch-timeline-moved', { fullPage: false });

    // Reorder by dragging: another collector's second stop dropped before their first.
    const third = answer.routes.find((r) => r.collectorId !== to.collectorId && r.collectorId !== from.collectorId && r.stops.length >= 2)!;
    const thirdRow = timeline.locator(`[data-collector="${third.collectorName}"]`);
    const [one, two] = [third.stops[0]!, third.stops[1]!];
    const firstBox = (await thirdRow.locator(`[data-case="${one.caseId}"]`).boundingBox())!;
    const trackBox = (await thirdRow.locator('button[data-case]').first().locator('..').boundingBox())!;
    const dragged = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes(`/api/dispatch/plans/${plan.id}`));
    await thirdRow.locator(`[data-case="${two.caseId}"]`).dragTo(thirdRow.locator('button[data-case]').first().locator('..'), {
      targetPosition: { x: Math.max(1, firstBox.x - trackBox.x - 2), y: trackBox.height / 2 },
    });
    const reordered = (await (await dragged).json()) as PlanView;
    expect(
      reordered.routes
        .find((r) => r.collectorId === third.collectorId)
        ?.stops.slice(0, 2)
        .map((s) => s.caseId),
    ).toEqual([two.caseId, one.caseId]);
    await eventually(() => thirdRow.locator('button[data-case]').first().getAttribute('data-case')).toBe(two.caseId);

    // Publish, confirmed.
    await page.getByRole('button', { name: '发布路线' }).click();
    await page.getByText('确认发布这些路线？').waitFor();
    await page.getByRole('button', { name: '确认发布' }).click();
    await page.getByText(/^已发布 3 条路线/).waitFor();
    await screenshot(page, 'dispatch-published', { fullPage: false });

    // The collector's phone: nudged, it pulls the route, no reload; the moved stop comes first.
    await collector.getByRole('heading', { name: '今日路线', level: 1 }).waitFor({ timeout: 30_000 });
    const cards = collector.getByTestId('my-cases').getByRole('link');
    await eventually(() => cards.count()).toBe(answeredTo.stops.length);
    expect(await cards.first().innerText()).toContain(moved.debtorName);
    await screenshot(collector, 'dispatch-collector-received');

    // The dispatcher's day view now shows the published routes.
    await page.getByRole('tab', { name: '外访员' }).click();
    const mine = page.getByTestId('day-collectors').locator('li').filter({ hasText: to.collectorName });
    await eventually(() => mine.first().innerText()).toContain(`已完成 0/${answeredTo.stops.length} 站`);
    await screenshot(page, 'dispatch-day', { fullPage: false });

    // During the day: one unplanned case inserted urgently (placed, or refused with the reason in words),
    // another handed to a fourth collector.
    await page.getByRole('button', { name: '清除选择' }).click();
    await page.getByRole('tab', { name: '案件' }).click();
    const onRoutes = new Set(reordered.routes.flatMap((r) => r.stops.map((stop) => stop.caseId)));
    const tableRows = page.getByTestId('dispatch-cases').locator('tbody tr');
    await eventually(() => tableRows.count()).toBeGreaterThan(5);
    // A row by what it shows, not by position: placing the urgent case moves the map to its route, and
    // the table follows the map's visible area.
    const freeRow = async (skip: Set<string>) => {
      for (let i = 0; i < (await tableRows.count()); i++) {
        const id = ((await tableRows.nth(i).locator('a').first().getAttribute('href')) ?? '').split('/').pop() ?? '';
        if (id && !onRoutes.has(id) && !skip.has(id)) return { row: tableRows.filter({ has: page.locator(`a[href$="/${id}"]`) }), id };
      }
      throw new Error('no unplanned case in the table');
    };
    const urgent = await freeRow(new Set());
    await urgent.row.getByRole('checkbox').check();
    await page.getByRole('button', { name: '紧急插单' }).click();
    await page.getByText(/^(已插入 .+ 的今日路线第 \d+ 站|无法插入今日路线：)/).waitFor();
    await screenshot(page, 'dispatch-urgent', { fullPage: false });
    await page.getByRole('button', { name: '清除选择' }).click();
    await eventually(() => tableRows.count()).toBeGreaterThan(0);
    const handed = await freeRow(new Set([urgent.id]));
    await handed.row.getByRole('checkbox').check();
    await page.getByLabel('分配给').selectOption({ label: '外访员4号' });
    await page.getByRole('button', { name: '分配', exact: true }).click();
    await page.getByText(/^已将 1 件分配给外访员/).waitFor();

    // The same console in English.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Dispatch', level: 1 }).waitFor();
    await screenshot(page, 'dispatch-english', { fullPage: false });
    expect(errors).toEqual([]);
  });
});
