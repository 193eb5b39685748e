// The collector app as a phone runs it: shell size, offline cold start with a throttled CPU,
// saving a visit with three camera photos, and the size of a photo after the pipeline.
// Metrics: shell.gzip_kb, offline_start_ms, save_visit_3photos_ms, photo.kb.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import type { SessionUser } from '../../shared/schemas/auth.js';
import type { CaseListResponse } from '../../shared/schemas/cases.js';
import type { PlanView } from '../../shared/schemas/dispatch.js';
import { pwaDistDir } from '../../server/http/pwa.js';
import { launchBrowser, phone } from '../e2e/browser.js';
import { demoPassword, startServer } from '../e2e/server.js';
import { report } from './postgres.js';

const cpuSlowdown = 4; // a mid-range Android phone against this machine's core

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

if (spawnSync('npm', ['run', 'build'], { stdio: 'ignore' }).status !== 0) throw new Error('npm run build failed');
const assets = filesUnder(pwaDistDir).filter((file) => /\.(js|css)$/.test(file));
const gzipped = (files: string[]) => files.reduce((sum, file) => sum + gzipSync(readFileSync(file)).length, 0) / 1024;
// The shell is what a phone installs: the service worker and what it precaches. The staff
// screens (dispatch console, review, risk, results) are lazy chunks a phone never fetches.
const serviceWorker = join(pwaDistDir, 'sw.js');
const precacheList = readFileSync(serviceWorker, 'utf8');
const shell = assets.filter((file) => file === serviceWorker || precacheList.includes(relative(pwaDistDir, file)));
report('pwa', 'shell.gzip_kb', gzipped(shell), 'KB');
report('pwa', 'shell.files', shell.length, 'count');
report('pwa', 'staff_chunks.gzip_kb', gzipped(assets.filter((file) => !shell.includes(file))), 'KB');

async function api<T>(base: string, token: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
  return (await response.json()) as T;
}

async function token(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: demoPassword }) });
  return ((await response.json()) as { token: string }).token;
}

/** A 4000 x 3000 camera-like JPEG made in the page (texture and noise, so it costs bytes like a photo). */
async function cameraPhoto(page: Page, seed: number): Promise<Buffer> {
  // Plain source: tsx would wrap named inner functions in a helper the page does not have.
  const base64 = await page.evaluate<string>(`(async () => {
    const canvas = new OffscreenCanvas(4000, 3000);
    const g = canvas.getContext('2d');
    let state = ${seed};
    const random = () => (state = (state * 1103515245 + 12345) >>> 0) / 4294967296;
    for (let i = 0; i < 600; i++) {
      g.fillStyle = 'hsl(' + random() * 360 + ', 30%, ' + (30 + random() * 50) + '%)';
      g.fillRect(random() * 4000, random() * 3000, 40 + random() * 400, 40 + random() * 400);
    }
    const noise = g.createImageData(4000, 3000);
    for (let i = 0; i < noise.data.length; i += 4) {
      const v = random() * 40;
      noise.data[i] = v; noise.data[i + 1] = v; noise.data[i + 2] = v; noise.data[i + 3] = 40;
    }
    const overlay = new OffscreenCanvas(4000, 3000);
    overlay.getContext('2d').putImageData(noise, 0, 0);
    g.drawImage(overlay, 0, 0);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  })()`);
  return Buffer.from(base64, 'base64');
}

const server = await startServer();
const browser = await launchBrowser();
try {
  const [dispatcher, collector] = await Promise.all([token(server.url, 'dispatcher'), token(server.url, 'collector1')]);
  const me = await api<SessionUser>(server.url, collector, 'GET', '/api/auth/me');
  const mine = await api<CaseListResponse>(server.url, collector, 'GET', '/api/cases?limit=100');
  const serviceDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const plan = await api<PlanView>(server.url, dispatcher, 'POST', '/api/dispatch/plans', { serviceDate, collectorIds: [me.id], caseIds: mine.cases.map((c) => c.id), timeLimitS: 1 });
  await api(server.url, dispatcher, 'POST', `/api/dispatch/plans/${plan.id}/publish`);
  const first = plan.routes[0]!.stops[0]!;

  const context = await browser.newContext({ ...phone, baseURL: server.url, locale: 'zh-CN', permissions: ['geolocation'], geolocation: { latitude: first.lat + 0.0002, longitude: first.lng, accuracy: 12 } });
  await context.clock.setFixedTime(new Date(`${serviceDate}T02:30:00.000Z`));
  await context.route('https://tile.openstreetmap.org/**', (route) => route.fulfill({ status: 204 }));
  let page = await context.newPage();
  page.setDefaultTimeout(60_000);
  await page.goto('/');
  await page.getByLabel('用户名', { exact: true }).fill('collector1');
  await page.getByLabel('密码', { exact: true }).fill(demoPassword);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByTestId('my-cases').getByRole('link').first().waitFor();
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null);

  // Offline cold start: a new page, no network, a slowed CPU, until the day's list is on screen.
  await context.setOffline(true);
  const starts: number[] = [];
  for (let run = 0; run < 3; run++) {
    await page.close();
    page = await context.newPage();
    page.setDefaultTimeout(60_000);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
    const started = Date.now();
    await page.goto('/');
    await page.getByTestId('my-cases').getByRole('link').first().waitFor();
    starts.push(Date.now() - started);
  }
  starts.sort((a, b) => a - b);
  report('pwa', 'offline_start_ms', starts[1]!, 'ms');

  // A visit with three 12-megapixel photos, offline, on the slowed CPU: from choosing them to "saved".
  const photos = await Promise.all([1, 2, 3].map((seed) => cameraPhoto(page, seed)));
  await page.getByTestId('my-cases').getByRole('link').first().click();
  await page.getByRole('link', { name: `在此地址签到：${first.address}` }).click();
  await page.getByRole('button', { name: '获取定位' }).click();
  await page.getByRole('button', { name: '确认签到' }).click();
  await page.getByText('已保存（待同步）').waitFor();
  await page.getByLabel('外访结果').selectOption('met_debtor');
  await page.getByLabel('见到的人').selectOption('debtor');
  const chosen = Date.now();
  await page.getByTestId('photo-input').setInputFiles(photos.map((buffer, i) => ({ name: `p${i}.jpg`, mimeType: 'image/jpeg', buffer })));
  await page.getByText('已选 3 张').waitFor();
  await page.getByRole('button', { name: '保存记录' }).click();
  await page.getByTestId('visit-record').waitFor();
  report('pwa', 'save_visit_3photos_ms', Date.now() - chosen, 'ms');
  report('pwa', 'photo.input_kb', photos.reduce((sum, p) => sum + p.length, 0) / 3 / 1024, 'KB');

  // The photos as stored for upload (bytes kept until the server confirms them).
  const sizes = await page.evaluate<number[]>(`(async () => {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('fieldvisits-${me.id}');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = await new Promise((resolve, reject) => {
      const request = db.transaction('photoBytes').objectStore('photoBytes').getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    return all.map((record) => record.bytes.byteLength);
  })()`);
  if (sizes.length > 0) report('pwa', 'photo.kb', sizes.reduce((a, b) => a + b, 0) / sizes.length / 1024, 'KB');
  await context.close();
} finally {
  await browser.close();
  await server.stop();
}
