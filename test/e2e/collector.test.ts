// The collector's day in a real Chromium on a phone, against the real server. Online: the published route
// as a list and a map, a case, a check-in refused outside visiting hours. Offline: a reload, then three
// visits with photos (one far from its address, one audio-recorded); the browser is closed mid-recording
// and opened again with no network, and the app starts from its service worker with everything pending.
// Online again: the server refuses one record (the case's outstanding fell meanwhile), the collector
// corrects it in place; the server then holds the three visits, their photos and the recording once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../shared/schemas/auth.js';
import type { CaseDetail, CaseListResponse } from '../../shared/schemas/cases.js';
import type { PlanView } from '../../shared/schemas/dispatch.js';
import type { VisitEvidence } from '../../shared/schemas/evidence.js';
import { fenToYuanText, formatMoney } from '../../pwa/app/i18n/format.js';
import { launchPersistent, phone, screenshot } from './browser.js';
import { cameraJpeg, tilePng } from './fixtures/collector-images.js';
import { useE2E } from './harness.js';
import { demoPassword } from './server.js';

const e2e = useE2E();

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

type Stop = PlanView['routes'][number]['stops'][number];

// What the steps below share, in the order they run.
const serviceDate = shanghaiDate(new Date());
/** The phone's clock: 10:30 in Shanghai on the route's day, inside visiting hours. */
const morning = new Date(`${serviceDate}T02:30:00.000Z`);
let userDataDir: string;
let context: BrowserContext;
let page: Page;
let token: { dispatcher: string; supervisor: string; collector: string };
let me: SessionUser;
let stops: Stop[];
/** Two plain stops and one whose creditor has visits recorded. */
let plain1: Stop;
let plain2: Stop;
let recorded: Stop;
const visitIds: Record<'plain1' | 'plain2' | 'recorded', string> = { plain1: '', plain2: '', recorded: '' };
let plain2Outstanding = 0;

beforeAll(async () => {
  userDataDir = await mkdtemp(join(tmpdir(), 'fv-e2e-profile-'));
});
afterAll(async () => {
  await context?.close().catch(() => undefined);
  await rm(userDataDir, { recursive: true, force: true });
});

/** Opens the app's browser on the persistent profile, as the phone would after being switched on again. */
async function openBrowser(options: { offline: boolean }): Promise<void> {
  context = await launchPersistent(userDataDir, {
    ...phone,
    baseURL: e2e.server.url,
    locale: 'zh-CN',
    timezoneId: 'Europe/London',
    permissions: ['geolocation', 'microphone'],
    geolocation: north(plain1, 20),
    offline: options.offline,
  });
  await context.clock.setFixedTime(morning);
  // No tile server is reachable from tests: tiles come from a local fixture (the service worker's requests too).
  const tile = tilePng();
  await context.route('https://tile.openstreetmap.org/**', (route) =>
    route.fulfill({ status: 200, contentType: 'image/png', headers: { 'access-control-allow-origin': '*' }, body: tile }),
  );
  // A page of our own: the blank one a persistent browser opens with may not carry the phone's emulation yet.
  const blank = context.pages();
  page = await context.newPage();
  for (const other of blank) await other.close();
  page.setDefaultTimeout(20_000);
}

const cards = () => page.getByTestId('my-cases').getByRole('link');
const card = (stop: Stop) => cards().filter({ hasText: stop.debtorName });
const visitIdOfPage = () => new URL(page.url()).pathname.split('/').at(-1) ?? '';

async function checkIn(stop: Stop, where: { latitude: number; longitude: number; accuracy: number }, confirm = '确认签到') {
  await context.setGeolocation(where);
  await page.getByRole('link', { name: '今日', exact: true }).click();
  await card(stop).click();
  await page.getByRole('heading', { name: stop.debtorName, level: 1 }).waitFor();
  await page.getByRole('link', { name: `在此地址签到：${stop.address}` }).click();
  await page.getByRole('button', { name: '获取定位' }).click();
  await page.getByTestId('fix').waitFor();
  await page.getByRole('button', { name: confirm }).click();
  await page.getByText('已保存（待同步）').waitFor();
  return visitIdOfPage();
}

async function addPhotos(labels: string[]) {
  const files = [];
  for (const label of labels) files.push({ name: `${label}.jpg`, mimeType: 'image/jpeg', buffer: await cameraJpeg(page, label) });
  await page.getByTestId('photo-input').setInputFiles(files);
  await page.getByText(`已选 ${labels.length} 张`).waitFor();
}

async function saveRecord() {
  await page.getByRole('button', { name: '保存记录' }).click();
  await page.getByTestId('visit-record').waitFor();
  await page.getByText('已保存（待同步）').waitFor();
}

/** Chunks of the running recording already in the device's IndexedDB (what survives the browser closing). */
function storedAudioChunks(userId: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error ?? new Error('open failed'));
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('chunks')) return resolve(0);
          const count = db.transaction('chunks').objectStore('chunks').count();
          count.onsuccess = () => {
            resolve(count.result);
            db.close();
          };
        };
      }),
    `fieldvisits-audio-${userId}`,
  );
}

const visitEvidence = (visitId: string) => e2e.api<VisitEvidence>(token.supervisor, 'GET', `/api/visits/${visitId}`);

describe('the collector’s day', () => {
  it('online: the route as a list and a map, a case, and a check-in refused outside visiting hours', async () => {
    // Today's route for collector1, planned and published by the dispatcher through the API.
    const [dispatcher, supervisor, collector] = await Promise.all([
      e2e.login('dispatcher'),
      e2e.login('supervisor'),
      e2e.login('collector1'),
    ]);
    token = { dispatcher, supervisor, collector };
    me = await e2e.api<SessionUser>(collector, 'GET', '/api/auth/me');
    const mine = await e2e.api<CaseListResponse>(collector, 'GET', '/api/cases?limit=100');
    const plan = await e2e.api<PlanView>(dispatcher, 'POST', '/api/dispatch/plans', {
      serviceDate,
      collectorIds: [me.id],
      caseIds: mine.cases.map((item) => item.id),
      timeLimitS: 1,
    });
    await e2e.api(dispatcher, 'POST', `/api/dispatch/plans/${plan.id}/publish`);
    stops = plan.routes.find((route) => route.collectorId === me.id)?.stops ?? [];
    const details = await Promise.all(stops.map((stop) => e2e.api<CaseDetail>(collector, 'GET', `/api/cases/${stop.caseId}`)));
    const asksForAudio = new Set(details.filter((detail) => detail.recordAudio).map((detail) => detail.id));
    const [first, second] = stops.filter((stop) => !asksForAudio.has(stop.caseId));
    const withAudio = stops.find((stop) => asksForAudio.has(stop.caseId));
    if (!first || !second || !withAudio)
      throw new Error('The demo route needs two stops without and one with audio recording (creditor BFXD)');
    [plain1, plain2, recorded] = [first, second, withAudio];
    plain2Outstanding = details.find((detail) => detail.id === second.caseId)?.amounts.totalOutstanding ?? 0;

    await openBrowser({ offline: false });
    await page.goto('/');
    await page.getByLabel('用户名', { exact: true }).fill('collector1');
    await page.getByLabel('密码', { exact: true }).fill(demoPassword);
    await page.getByRole('button', { name: '登录', exact: true }).click();

    // The route as a list, in the planned order.
    await page.getByRole('heading', { name: '今日路线', level: 1 }).waitFor();
    await eventually(() => cards().count()).toBe(stops.length);
    expect(await cards().first().innerText()).toContain(stops[0]!.debtorName);
    expect(await cards().nth(1).innerText()).toContain(stops[1]!.debtorName);
    expect(await cards().first().innerText()).toMatch(/\d{2}:\d{2}–\d{2}:\d{2}/);
    expect((await cards().first().boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(48);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'collector-day-list');

    // The same stops on the map, numbered, over (fixture) tiles drawn through the service worker's tile cache.
    await page.getByRole('button', { name: '地图', exact: true }).click();
    await page.getByTestId('route-map').waitFor();
    await eventually(() => page.locator('.leaflet-marker-icon').count()).toBe(stops.length);
    await eventually(() =>
      page.evaluate(() =>
        [...document.querySelectorAll<HTMLImageElement>('img.leaflet-tile')].some((img) => img.complete && img.naturalWidth > 0),
      ),
    ).toBe(true);
    await screenshot(page, 'collector-day-map', { fullPage: false });
    await page.getByRole('button', { name: '列表', exact: true }).click();

    // A case, from the store: masked identity number, hand-off links to the map apps.
    await card(plain1).click();
    await page.getByRole('heading', { name: plain1.debtorName, level: 1 }).waitFor();
    await page.getByRole('heading', { name: '外访地址' }).waitFor();
    expect(await page.getByTestId('id-number').innerText()).toMatch(/^\d{3}\*+[\dX]{4}$/);
    await screenshot(page, 'collector-case-detail');
    await page.locator('details summary').first().click();
    expect(await page.locator('a[data-app="amap"]').first().getAttribute('href')).toContain('https://uri.amap.com/marker?position=');
    expect(await page.locator('a[data-app="baidu"]').first().getAttribute('href')).toContain('coord_type=bd09ll');

    // Outside visiting hours in the debtor's zone (23:30 in Shanghai) a check-in is refused before anything is recorded.
    await context.clock.setFixedTime(new Date(`${serviceDate}T15:30:00.000Z`));
    await page.getByRole('link', { name: `在此地址签到：${plain1.address}` }).click();
    await page.getByText('不在允许外访时间 08:00–21:00 内，不能签到').waitFor();
    expect(await page.getByRole('button', { name: '获取定位' }).count()).toBe(0);
    await screenshot(page, 'collector-check-in-refused');
    await context.clock.setFixedTime(morning);

    // The service worker controls the page before the network goes.
    await eventually(() => page.evaluate(() => navigator.serviceWorker?.controller !== null)).toBe(true);
  });

  it('offline: after a reload the day is still there, and three visits with photos are recorded on the device', async () => {
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('link', { name: '今日', exact: true }).click();
    await page.getByRole('heading', { name: '今日路线', level: 1 }).waitFor();
    await eventually(() => cards().count()).toBe(stops.length);
    // The map too: Leaflet's chunk comes from the precache, the markers from the store.
    await page.getByRole('button', { name: '地图', exact: true }).click();
    await eventually(() => page.locator('.leaflet-marker-icon').count()).toBe(stops.length);
    await page.getByRole('button', { name: '列表', exact: true }).click();

    // First visit: a GPS fix 20 m from the address; a promise above the outstanding is refused in the form.
    await page.getByRole('link', { name: '今日', exact: true }).click();
    await card(plain1).click();
    await page.getByRole('link', { name: `在此地址签到：${plain1.address}` }).click();
    await page.getByRole('button', { name: '获取定位' }).click();
    const fix = page.getByTestId('fix');
    await fix.waitFor();
    expect(await fix.innerText()).toMatch(/距目标地址 (19|20|21) 米/);
    expect(await fix.innerText()).toContain('定位精度 ±12 米');
    await screenshot(page, 'collector-check-in');
    await page.getByRole('button', { name: '确认签到' }).click();
    await page.getByText('已保存（待同步）').waitFor();
    visitIds.plain1 = visitIdOfPage();
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
    await addPhotos(['visit 1 door']);
    await screenshot(page, 'collector-visit-form');
    await page.getByText('拍照 / 选择照片').scrollIntoViewIfNeeded();
    await page.waitForTimeout(500); // the thumbnail turns into the watermarked photo once prepared
    await screenshot(page, 'collector-visit-photos', { fullPage: false });
    await saveRecord();
    await page.getByRole('button', { name: '签退' }).click();
    await page.getByText(/已签退/).waitFor();
    await screenshot(page, 'collector-visit-saved');

    // Second visit: a note on the case, then a promise of the whole outstanding, with two photos.
    await page.getByRole('link', { name: '今日', exact: true }).click();
    await card(plain2).click();
    await page.getByLabel('备注内容（不属于某次外访）').fill('楼下保安称其早出晚归');
    await page.getByRole('button', { name: '保存备注' }).click();
    await page.getByText('楼下保安称其早出晚归').waitFor();
    visitIds.plain2 = await checkIn(plain2, north(plain2, 30));
    await page.getByLabel('外访结果').selectOption('promise_to_pay');
    await page.getByLabel('见到的人').selectOption('spouse');
    await page.getByLabel('承诺还款金额（元）').fill(fenToYuanText(plain2Outstanding));
    await page.getByLabel('承诺还款日期').fill('2026-12-31');
    await page.getByLabel('外访备注').fill('配偶在家，承诺月底前全额还款。');
    await addPhotos(['visit 2 a', 'visit 2 b']);
    await saveRecord();
    await page.getByText('照片已上传 0 / 2').waitFor();
    await page.getByRole('button', { name: '签退' }).click();
    await page.getByText(/已签退/).waitFor();

    // Third visit, to a creditor that has visits recorded: 2 km away (allowed, warned, flagged); the recording starts.
    await context.setGeolocation(north(recorded, 2_000));
    await page.getByRole('link', { name: '今日', exact: true }).click();
    await card(recorded).click();
    await page.getByRole('link', { name: `在此地址签到：${recorded.address}` }).click();
    await page.getByRole('button', { name: '获取定位' }).click();
    await page.getByText(/超出 150 米范围/).waitFor();
    await screenshot(page, 'collector-check-in-far');
    await page.getByRole('button', { name: '仍然签到（将被标记）' }).click();
    await page.getByText('已保存（待同步）').waitFor();
    visitIds.recorded = visitIdOfPage();
    await page.getByText('录音中').waitFor();
    await page.getByLabel('外访结果').selectOption('nobody_home');
    await page.getByLabel('见到的人').selectOption('nobody');
    await addPhotos(['visit 3 door']);
    await saveRecord();
    await screenshot(page, 'collector-visit-recording', { fullPage: false });
    // A chunk of the recording is on the device (every 5 s) before the phone is switched off mid-visit.
    await eventually(() => storedAudioChunks(me.id), 20_000).toBeGreaterThan(0);

    // SOS with no network: confirmed in a second step, then queued on the device.
    await page.getByRole('button', { name: '求助', exact: true }).click();
    const sos = page.getByRole('dialog', { name: '紧急求助' });
    await sos.getByLabel('情况说明（可选）').fill('对方情绪激动，已离开现场');
    await screenshot(page, 'collector-sos', { fullPage: false });
    await sos.getByRole('button', { name: '确认发出求助' }).click();
    await sos.getByText('求助已保存，联网后立即发送。').waitFor();
    await sos.getByRole('button', { name: '关闭' }).click();

    // What is not yet on the server, in total and per visit.
    await page.getByRole('link', { name: /^同步/ }).click();
    await page.getByRole('heading', { name: '同步状态', level: 1 }).waitFor();
    expect(await page.getByTestId('sync-totals').innerText()).toMatch(/\d+ 项待同步/);
    expect(await page.getByTestId('unsent-visits').getByRole('link').count()).toBe(3);
    await page.getByText('当前无网络').waitFor();
    expect(await page.getByTestId('storage').innerText()).toMatch(/本机存储：已用 [\d.]+ [KMG]?B，共 [\d.]+ [KMG]?B/);
    await screenshot(page, 'collector-sync-offline');
  });

  it('closed mid-visit and opened again offline: the app starts from its service worker with everything still waiting', async () => {
    await context.close();
    await openBrowser({ offline: true });
    await page.goto('/');
    await page.getByRole('heading', { name: '今日路线', level: 1 }).waitFor();
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');
    await eventually(() => cards().count()).toBe(stops.length);
    for (const stop of [plain1, plain2, recorded]) expect(await card(stop).innerText()).toContain('待同步');
    await screenshot(page, 'collector-reopened-offline');

    // The recording cut short by the closing was recovered from its chunks and waits to be uploaded.
    await page.getByRole('link', { name: /^同步/ }).click();
    const unsent = page.getByTestId('unsent-visits');
    await eventually(() => unsent.getByRole('link').count()).toBe(3);
    await eventually(() => unsent.innerText()).toContain('录音 等待上传');
    expect(await page.getByTestId('sync-totals').innerText()).toMatch(/录音 1 段/);

    // The visit is checked out now; the recording is not running any more, and the app says so.
    await page.goto(`/visits/${visitIds.recorded}`);
    await page.getByTestId('audio-state').getByText('录音 等待上传').waitFor();
    await page.getByText('录音没有在进行。').waitFor();
    await screenshot(page, 'collector-visit-audio-recovered');
    await page.getByRole('button', { name: '签退' }).click();
    await page.getByText(/已签退/).waitFor();
  });

  it('online again: a record the server refuses is shown with its reason, corrected in place and taken', async () => {
    // Meanwhile a payment arrived upstream: the creditor re-imports the case with 100 yuan less outstanding,
    // so the promise of the whole (old) outstanding recorded offline is now above it.
    const detail = await e2e.api<CaseDetail>(token.collector, 'GET', `/api/cases/${plain2.caseId}`);
    const lower = { principal: detail.amounts.principal - 10_000, interest: detail.amounts.interest, fees: detail.amounts.fees };
    await e2e.api(token.dispatcher, 'POST', '/api/cases/import', [
      {
        creditor: detail.creditor,
        externalId: detail.externalId,
        product: detail.product,
        debtor: { name: detail.debtorName, idNumber: '000000000000000000', ...(detail.debtorPhone ? { phone: detail.debtorPhone } : {}) },
        amounts: lower,
        daysPastDue: detail.daysPastDue,
        escalationReason: detail.escalationReason,
        priority: detail.priority,
        addresses: detail.addresses.map(({ kind, address, lat, lng }) => ({ kind, address, lat, lng })),
      },
    ]);
    const newTotal = lower.principal + lower.interest + lower.fees;

    await context.setOffline(false);
    await page.getByRole('link', { name: /^同步/ }).click();
    const failures = page.getByTestId('sync-failures');
    await failures.waitFor({ timeout: 60_000 });
    expect(await failures.innerText()).toMatch(/more than the total outstanding/);
    await screenshot(page, 'collector-sync-refused');
    await failures.getByRole('link', { name: '去修改' }).click();

    // The visit shows the server's reason; the form opens filled in with what was refused.
    await page
      .getByText(/more than the total outstanding/)
      .first()
      .waitFor();
    await page.getByRole('button', { name: '修改后重新提交' }).click();
    await page.getByRole('heading', { name: '修改外访记录' }).waitFor();
    expect(await page.getByLabel('承诺还款金额（元）').inputValue()).toBe(fenToYuanText(plain2Outstanding));
    expect(await page.getByLabel('外访备注').inputValue()).toBe('配偶在家，承诺月底前全额还款。');
    await page.getByText('原有 2 张照片会随新记录一起提交。').waitFor();
    // The pull has brought the new outstanding: the form measures the promise against it.
    await page
      .getByText(`不得超过欠款总额 ${formatMoney(newTotal, 'zh-CN')}。`)
      .first()
      .waitFor();
    await page.getByLabel('承诺还款金额（元）').fill(fenToYuanText(newTotal));
    await page.getByRole('heading', { name: '修改外访记录' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'collector-visit-correcting', { fullPage: false });
    await page.getByRole('button', { name: '重新提交' }).click();
    await page.getByTestId('visit-record').waitFor();
    await page.getByText('已保存（待同步）').waitFor();
    await eventually(async () => (await visitEvidence(visitIds.plain2)).photos.filter((photo) => photo.arrived).length, 60_000).toBe(2);
  });

  it('the server holds the three visits, their photos and the recording exactly once, with the evidence checks computed', async () => {
    const held = async (caseId: string) =>
      (await e2e.api<CaseDetail>(token.supervisor, 'GET', `/api/cases/${caseId}`)).previousVisits.map((visit) => visit.id);
    await eventually(async () => [await held(plain1.caseId), await held(plain2.caseId), await held(recorded.caseId)], 60_000).toEqual([
      [visitIds.plain1],
      [visitIds.plain2],
      [visitIds.recorded],
    ]);
    await eventually(async () => (await visitEvidence(visitIds.recorded)).audio.map((piece) => piece.arrived), 60_000).toEqual([true]);
    const [first, second, third] = await Promise.all([visitIds.plain1, visitIds.plain2, visitIds.recorded].map(visitEvidence));
    expect([first, second, third].map((visit) => visit!.photos.length)).toEqual([1, 2, 1]);
    const hashes = [first, second, third].flatMap((visit) => visit!.photos.map((photo) => photo.sha256));
    expect(new Set(hashes).size).toBe(4);
    expect([first, second, third].every((visit) => visit!.photos.every((photo) => photo.arrived))).toBe(true);
    for (const hash of [...hashes, third!.audio[0]!.sha256]) await e2e.api(token.supervisor, 'HEAD', `/api/photos/${hash}`);
    // The recording cut short when the browser closed: one piece, not complete, on the server.
    expect(third!.audio).toEqual([expect.objectContaining({ contentType: 'audio/webm', complete: false, arrived: true })]);
    // Evidence computed on arrival: distances, and the far check-in flagged (only that one).
    expect(first!.checkInDistanceM).toBeGreaterThan(10);
    expect(first!.checkInDistanceM).toBeLessThan(30);
    expect(third!.checkInDistanceM).toBeGreaterThan(1_900);
    expect([first, second, third].map((visit) => (visit!.evidenceFlags ?? []).some((flag) => flag.code === 'far_from_address'))).toEqual([
      false,
      false,
      true,
    ]);
    expect(first!.outcome).toBe('met_debtor');

    // Everything, the SOS and the recording included, was acknowledged: nothing waits and nothing was refused.
    await page.getByRole('link', { name: /^同步/ }).click();
    await page.getByText('全部已同步').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('sync-failures').count()).toBe(0);
    await screenshot(page, 'collector-sync-done');
    await page.goto(`/visits/${visitIds.recorded}`);
    await page.getByTestId('audio-state').getByText('录音 已上传').waitFor();
    await screenshot(page, 'collector-visit-audio-uploaded', { fullPage: false });

    // The server's view of the case comes back to the device: the first visit is among its earlier visits.
    await page.getByRole('link', { name: '今日', exact: true }).click();
    await card(plain1).click();
    await eventually(
      async () => (await page.getByTestId('earlier-visits').count()) > 0 && (await page.getByTestId('earlier-visits').innerText()),
      30_000,
    ).toContain('见到债务人');
  });

  it('is one tap from English: the day’s list in English, amounts still in yuan', async () => {
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('link', { name: 'Today', exact: true }).click();
    await page.getByRole('heading', { name: "Today's route", level: 1 }).waitFor();
    expect(await card(plain1).innerText()).toMatch(/¥[\d,]+\.\d{2}/);
    expect(await card(plain1).innerText()).toContain('Checked out');
    await screenshot(page, 'collector-day-en', { fullPage: false });
  });
});
