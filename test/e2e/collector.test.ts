// The collector's day in a real Chromium on a phone, against the real server: the published route as a
// list and a map, a case, a GPS check-in (and one refused outside visiting hours), visits recorded with
// photos online and offline (through a reload with no network), then the server holds them exactly once.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../shared/schemas/auth.js';
import type { CaseDetail, CaseListResponse } from '../../shared/schemas/cases.js';
import type { PlanView } from '../../shared/schemas/dispatch.js';
import type { PhotoStatusResponse } from '../../shared/schemas/sync.js';
import { launchBrowser, phone, screenshot } from './browser.js';
import { cameraJpeg, tilePng } from './fixtures/collector-images.js';
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
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

function eventually<T>(read: () => T | Promise<T>, timeout = 20_000) {
  return expect.poll(read, { timeout, interval: 200 });
}

/** The calendar day in Shanghai, as the server decides "today's route". */
function shanghaiDate(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** About `metres` north of a point: near enough for the geofence, not on the exact spot. */
function north(point: { lat: number; lng: number }, metres: number) {
  return { latitude: point.lat + metres / 111_320, longitude: point.lng, accuracy: 12 };
}

describe('the collector’s day', () => {
  it('works from the device store online and offline; the server then holds the visits and photos once', async () => {
    // Today's route for collector1, planned and published by the dispatcher through the API.
    const [dispatcher, supervisor, collector] = await Promise.all([login('dispatcher'), login('supervisor'), login('collector1')]);
    const me = await api<SessionUser>(collector, 'GET', '/api/auth/me');
    const mine = await api<CaseListResponse>(collector, 'GET', '/api/cases?limit=100');
    const serviceDate = shanghaiDate(new Date());
    const plan = await api<PlanView>(dispatcher, 'POST', '/api/dispatch/plans', {
      serviceDate,
      collectorIds: [me.id],
      caseIds: mine.cases.map((item) => item.id),
      timeLimitS: 1,
    });
    await api(dispatcher, 'POST', `/api/dispatch/plans/${plan.id}/publish`);
    const stops = plan.routes.find((route) => route.collectorId === me.id)?.stops ?? [];
    expect(stops.length).toBeGreaterThanOrEqual(2);
    const [first, second] = stops as [(typeof stops)[number], (typeof stops)[number]];

    // The device's clock reads 10:30 in Shanghai on the route's day, inside visiting hours.
    const morning = new Date(`${serviceDate}T02:30:00.000Z`);
    const context = await browser.newContext({
      ...phone,
      baseURL: server.url,
      locale: 'zh-CN',
      timezoneId: 'Europe/London',
      permissions: ['geolocation'],
      geolocation: north(first, 20),
    });
    contexts.push(context);
    await context.clock.setFixedTime(morning);
    // No tile server is reachable from tests: tiles come from a local fixture (the service worker's requests too).
    const tile = tilePng();
    await context.route('https://tile.openstreetmap.org/**', (route) =>
      route.fulfill({ status: 200, contentType: 'image/png', headers: { 'access-control-allow-origin': '*' }, body: tile }),
    );
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);

    await page.goto('/');
    await page.getByLabel('用户名', { exact: true }).fill('collector1');
    await page.getByLabel('密码', { exact: true }).fill(demoPassword);
    await page.getByRole('button', { name: '登录', exact: true }).click();

    // The route as a list, in the planned order.
    await page.getByRole('heading', { name: '今日路线', level: 1 }).waitFor();
    const cards = page.getByTestId('my-cases').getByRole('link');
    await eventually(() => cards.count()).toBe(stops.length);
    expect(await cards.first().innerText()).toContain(first.debtorName);
    expect(await cards.nth(1).innerText()).toContain(second.debtorName);
    expect(await cards.first().innerText()).toMatch(/\d{2}:\d{2}–\d{2}:\d{2}/);
    expect((await cards.first().boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(48);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'collector-day-list');

    // The same stops on the map, numbered, over (fixture) tiles.
    await page.getByRole('button', { name: '地图', exact: true }).click();
    await page.getByTestId('route-map').waitFor();
    await eventually(() => page.locator('.leaflet-marker-icon').count()).toBe(stops.length);
    // Tiles draw (CORS, through the service worker's tile cache).
    await eventually(() =>
      page.evaluate(() =>
        [...document.querySelectorAll<HTMLImageElement>('img.leaflet-tile')].some((img) => img.complete && img.naturalWidth > 0),
      ),
    ).toBe(true);
    await screenshot(page, 'collector-day-map', { fullPage: false });
    await page.getByRole('button', { name: '列表', exact: true }).click();

    // The first stop's case, from the store.
    await cards.first().click();
    await page.getByRole('heading', { name: first.debtorName, level: 1 }).waitFor();
    await page.getByRole('heading', { name: '外访地址' }).waitFor();
    expect(await page.getByTestId('id-number').innerText()).toMatch(/^\d{3}\*+[\dX]{4}$/);
    await screenshot(page, 'collector-case-detail');
    await page.locator('details summary').first().click();
    const amap = await page.locator('a[data-app="amap"]').first().getAttribute('href');
    expect(amap).toContain('https://uri.amap.com/marker?position=');
    const baidu = await page.locator('a[data-app="baidu"]').first().getAttribute('href');
    expect(baidu).toContain('coord_type=bd09ll');

    // Outside visiting hours in the debtor's zone (23:30 in Shanghai) a check-in is refused before anything is recorded.
    await context.clock.setFixedTime(new Date(`${serviceDate}T15:30:00.000Z`));
    await page.getByRole('link', { name: `在此地址签到：${first.address}` }).click();
    await page.getByText('不在允许外访时间 08:00–21:00 内，不能签到').waitFor();
    expect(await page.getByRole('button', { name: '获取定位' }).count()).toBe(0);
    await screenshot(page, 'collector-check-in-refused');

    // Back inside the hours: a GPS fix 20 m from the address, its accuracy shown, checked in.
    await context.clock.setFixedTime(morning);
    await page.reload();
    await page.getByRole('button', { name: '获取定位' }).click();
    const fix = page.getByTestId('fix');
    await fix.waitFor();
    expect(await fix.innerText()).toMatch(/距目标地址 (19|20|21) 米/);
    expect(await fix.innerText()).toContain('定位精度 ±12 米');
    await screenshot(page, 'collector-check-in');
    await page.getByRole('button', { name: '确认签到' }).click();
    await page.getByText('已保存（待同步）').waitFor();
    const firstVisitId = new URL(page.url()).pathname.split('/').at(-1) ?? '';

    // The visit: a promise above the outstanding is refused in the form; then the real record with a photo.
    await page.getByLabel('外访结果').selectOption('promise_to_pay');
    await page.getByLabel('见到的人').selectOption('debtor');
    await page.getByLabel('承诺还款金额（元）').fill('99999999');
    await page.getByLabel('承诺还款日期').fill('2026-12-31');
    await page.getByRole('button', { name: '保存记录' }).click();
    await page.getByText('承诺金额不能超过欠款总额').first().waitFor();
    await screenshot(page, 'collector-visit-promise-refused');
    await page.getByLabel('外访结果').selectOption('met_debtor');
    await page.getByLabel('承诺还款金额（元）').fill('');
    await page.getByText('有能力有意愿').click();
    await page.getByLabel('家庭成员人数').fill('4');
    await page.getByLabel('外访备注').fill('债务人在家，态度配合，表示月底前联系委托方。');
    await page
      .getByTestId('photo-input')
      .setInputFiles({ name: 'door.jpg', mimeType: 'image/jpeg', buffer: await cameraJpeg(page, 'visit 1 door') });
    await page.getByText('已选 1 张').waitFor();
    await screenshot(page, 'collector-visit-form');
    await page.getByText('拍照 / 选择照片').scrollIntoViewIfNeeded();
    await page.waitForTimeout(500); // the thumbnail turns into the watermarked photo once prepared
    await screenshot(page, 'collector-visit-photos', { fullPage: false });
    await page.getByRole('button', { name: '保存记录' }).click();
    await page.getByTestId('visit-record').waitFor();
    await page.getByText('已保存（待同步）').waitFor();
    await page.getByRole('button', { name: '签退' }).click();
    await page.getByText(/已签退/).waitFor();
    await screenshot(page, 'collector-visit-saved');

    // The service worker controls the page before the network goes.
    await eventually(() => page.evaluate(() => navigator.serviceWorker?.controller !== null)).toBe(true);

    // Offline: the second stop, checked in and recorded with two photos, all on the device.
    await context.setOffline(true);
    await context.setGeolocation(north(second, 30));
    await page.getByRole('link', { name: '今日', exact: true }).click();
    await cards.nth(1).click();
    await page.getByRole('heading', { name: second.debtorName, level: 1 }).waitFor();
    // A free note on the case, saved on the device like any record.
    await page.getByLabel('备注内容（不属于某次外访）').fill('楼下保安称其早出晚归');
    await page.getByRole('button', { name: '保存备注' }).click();
    await page.getByText('已保存（待同步）').waitFor();
    await page.getByText('楼下保安称其早出晚归').waitFor();
    await page.getByRole('link', { name: `在此地址签到：${second.address}` }).click();
    await page.getByRole('button', { name: '获取定位' }).click();
    await page.getByTestId('fix').waitFor();
    await page.getByRole('button', { name: '确认签到' }).click();
    await page.getByText('已保存（待同步）').waitFor();
    const secondVisitId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    await page.getByLabel('外访结果').selectOption('met_family');
    await page.getByLabel('见到的人').selectOption('spouse');
    await page.getByLabel('外访备注').fill('配偶在家，称债务人外出打工，留下联系方式。');
    await page.getByTestId('photo-input').setInputFiles([
      { name: 'a.jpg', mimeType: 'image/jpeg', buffer: await cameraJpeg(page, 'visit 2 a') },
      { name: 'b.jpg', mimeType: 'image/jpeg', buffer: await cameraJpeg(page, 'visit 2 b') },
    ]);
    await page.getByRole('button', { name: '保存记录' }).click();
    await page.getByTestId('visit-record').waitFor();
    await page.getByText('照片已上传 0 / 2').waitFor();

    // A reload with no network: the app, the route and the records are all still there.
    await page.reload();
    await page.getByTestId('visit-record').waitFor();
    await page.getByRole('link', { name: '今日', exact: true }).click();
    await page.getByRole('heading', { name: '今日路线', level: 1 }).waitFor();
    await eventually(() => cards.count()).toBe(stops.length);
    expect(await cards.nth(1).innerText()).toContain('待同步');
    await screenshot(page, 'collector-offline-list');
    // The map too: Leaflet's chunk comes from the precache, the markers from the store.
    await page.getByRole('button', { name: '地图', exact: true }).click();
    await eventually(() => page.locator('.leaflet-marker-icon').count()).toBe(stops.length);
    await page.getByRole('button', { name: '列表', exact: true }).click();

    // What is not yet on the server, in total and per visit.
    await page.getByRole('link', { name: /^同步/ }).click();
    await page.getByRole('heading', { name: '同步状态', level: 1 }).waitFor();
    expect(await page.getByTestId('sync-totals').innerText()).toMatch(/\d+ 项待同步/);
    expect(await page.getByTestId('unsent-visits').innerText()).toContain('照片已上传 0 / 2');
    await page.getByText('当前无网络').waitFor();
    expect(await page.getByTestId('storage').innerText()).toMatch(/本机存储：已用 [\d.]+ [KMG]?B，共 [\d.]+ [KMG]?B/);
    await screenshot(page, 'collector-sync-offline');

    // SOS with no network: confirmed in a second step, then queued on the device.
    await page.getByRole('button', { name: '求助', exact: true }).click();
    const sos = page.getByRole('dialog', { name: '紧急求助' });
    await sos.getByLabel('情况说明（可选）').fill('对方情绪激动，已离开现场');
    await screenshot(page, 'collector-sos', { fullPage: false });
    await sos.getByRole('button', { name: '确认发出求助' }).click();
    await sos.getByText('求助已保存，联网后立即发送。').waitFor();
    await sos.getByRole('button', { name: '关闭' }).click();

    // Back online: the engine syncs by itself; the server holds both visits and all three photos.
    await context.setOffline(false);
    const held = async (caseId: string) =>
      (await api<CaseDetail>(supervisor, 'GET', `/api/cases/${caseId}`)).previousVisits.map((visit) => visit.id);
    await eventually(async () => [...(await held(first.caseId)), ...(await held(second.caseId))].sort(), 60_000).toEqual(
      [firstVisitId, secondVisitId].sort(),
    );
    await eventually(async () => {
      const status = await api<PhotoStatusResponse>(collector, 'GET', `/api/sync/photos?visitIds=${firstVisitId},${secondVisitId}`);
      return status.visits.map((visit) => `${visit.received}/${visit.expected}`).sort();
    }, 60_000).toEqual(['1/1', '2/2']);
    const firstVisit = (await api<CaseDetail>(supervisor, 'GET', `/api/cases/${first.caseId}`)).previousVisits[0];
    expect(firstVisit).toMatchObject({ outcome: 'met_debtor', notes: '债务人在家，态度配合，表示月底前联系委托方。' });
    // Everything, the SOS included, was acknowledged: nothing waits and nothing was refused.
    await page.getByText('全部已同步').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('sync-failures').count()).toBe(0);
    await screenshot(page, 'collector-sync-done');

    // The server's view of the case comes back to the device: the first visit is among its earlier visits.
    await page.getByRole('link', { name: '今日', exact: true }).click();
    await cards.first().click();
    await eventually(
      async () => (await page.getByTestId('earlier-visits').count()) > 0 && (await page.getByTestId('earlier-visits').innerText()),
      30_000,
    ).toContain('见到债务人');

    // A check-in 2 km from the address is allowed, warned about and flagged.
    const third = stops[2];
    if (third) {
      await context.setGeolocation(north(third, 2_000));
      await page.getByRole('link', { name: '今日', exact: true }).click();
      await cards.nth(2).click();
      await page.getByRole('link', { name: `在此地址签到：${third.address}` }).click();
      await page.getByRole('button', { name: '获取定位' }).click();
      await page.getByText(/超出 150 米范围/).waitFor();
      await screenshot(page, 'collector-check-in-far');
      await page.getByRole('button', { name: '仍然签到（将被标记）' }).click();
      await page.getByText('已保存（待同步）').waitFor();
    }

    // English is one tap away: the day's list in English, amounts still in yuan.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('link', { name: 'Today', exact: true }).click();
    await page.getByRole('heading', { name: "Today's route", level: 1 }).waitFor();
    expect(await cards.first().innerText()).toMatch(/¥[\d,]+\.\d{2}/);
    expect(await cards.first().innerText()).toContain('Checked out');
    await screenshot(page, 'collector-day-en', { fullPage: false });
  });
});
