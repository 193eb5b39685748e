// A supervisor reviews visit evidence in a real Chromium against the real server: collector1's phone
// has pushed a visit checked in far from the address (with two photos) and a clean one; the supervisor
// opens the queue, opens the flagged visit, sees the map and the photos (zoomed), rejects it with a
// reason, downloads the evidence pack (unzipped here, every hash checked), and a high-risk check-in
// pushed meanwhile arrives as a live alert.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { fromBuffer, type Entry, type ZipFile } from 'yauzl';
import type { CaseDetail, CaseListResponse } from '../../shared/schemas/cases.js';
import type { PushResponse } from '../../shared/schemas/sync.js';
import type { VisitReview } from '../../shared/schemas/review.js';
import { sha256, uploadPhoto } from '../fixtures/review.js';
import { screenshot } from './browser.js';
import { cameraJpeg, tilePng } from './fixtures/collector-images.js';
import { useE2E } from './harness.js';
import { demoPassword } from './server.js';

const e2e = useE2E({
  contextDefaults: { viewport: { width: 1440, height: 1000 }, deviceScaleFactor: 1, locale: 'zh-CN', acceptDownloads: true },
  pageTimeoutMs: 20_000,
});

const eventually = <T>(read: () => T | Promise<T>, timeout = 20_000) => expect.poll(read, { timeout, interval: 200 });

/** Yesterday in Shanghai at hh:mm, as a UTC instant (inside visiting hours). */
function yesterdayAt(hours: number, minutes = 0): Date {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() - 86_400_000));
  return new Date(Date.parse(`${day}T00:00:00+08:00`) + (hours * 60 + minutes) * 60_000);
}
const plus = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000).toISOString();

/** A visit as the phone pushes it: check-in `offsetLat` degrees north of the address, the record with photos, check-out. */
async function pushVisit(
  token: string,
  target: CaseDetail,
  at: Date,
  offsetLat: number,
  photos: Buffer[] = [],
  checkOut = true,
): Promise<string> {
  const address = target.addresses[0]!;
  const visitId = uuidv7();
  const position = { lat: address.lat + offsetLat, lng: address.lng, accuracyM: 35 };
  const mutations: unknown[] = [
    {
      id: uuidv7(),
      type: 'visit.checkIn',
      createdAt: at.toISOString(),
      visitId,
      caseId: target.id,
      addressId: address.id,
      checkedInAt: at.toISOString(),
      position,
    },
    {
      id: uuidv7(),
      type: 'visit.record',
      createdAt: plus(at, 20),
      visitId,
      caseId: target.id,
      addressId: address.id,
      outcome: 'nobody_home',
      metPerson: 'neighbour',
      thirdPartyStatement: '只说找债务人有事，未提及欠款',
      notes: '敲门无人应答，邻居称其白天上班',
      // Taken around the check-in point, as a collector walks to the door.
      photos: photos.map((bytes, i) => ({
        sha256: sha256(bytes),
        sizeBytes: bytes.length,
        takenAt: plus(at, 3 + i * 5),
        position: { lat: position.lat + 0.0008 * (i + 1), lng: position.lng + 0.0012 * (i + 1), accuracyM: 20 },
      })),
    },
  ];
  if (checkOut)
    mutations.push({
      id: uuidv7(),
      type: 'visit.checkOut',
      createdAt: plus(at, 25),
      visitId,
      caseId: target.id,
      checkedOutAt: plus(at, 25),
    });
  const answer = await e2e.api<PushResponse>(token, 'POST', '/api/sync/push', {
    protocolVersion: 1,
    deviceId: 'e2e-review-phone',
    sentAt: new Date().toISOString(),
    mutations,
  });
  expect(answer.results.map((r) => r.status)).toEqual(mutations.map(() => 'applied'));
  for (const bytes of photos) await uploadPhoto(e2e.server.url, token, bytes, visitId);
  return visitId;
}

function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    fromBuffer(bytes, { lazyEntries: true }, (error, zip?: ZipFile) => {
      if (error || !zip) return reject(error ?? new Error('not a zip'));
      const files = new Map<string, Buffer>();
      zip.on('entry', (entry: Entry) =>
        zip.openReadStream(entry, (failure, stream) => {
          if (failure || !stream) return reject(failure ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        }),
      );
      zip.on('end', () => resolve(files));
      zip.readEntry();
    });
  });
}

/** A supervisor's desktop, with map tiles from a local fixture (no tile server is reachable from tests). */
async function openPage(): Promise<Page> {
  const page = await e2e.newPage();
  const tile = tilePng();
  await page
    .context()
    .route('https://tile.openstreetmap.org/**', (route) =>
      route.fulfill({ status: 200, contentType: 'image/png', headers: { 'access-control-allow-origin': '*' }, body: tile }),
    );
  return page;
}

describe('evidence review', () => {
  it('a supervisor opens a flagged visit, sees the map and photos, rejects it, downloads the evidence pack, and hears a live alert', async () => {
    const page = await openPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto('/sign-in');
    const photos = [await cameraJpeg(page, '门牌 12-3-501'), await cameraJpeg(page, '楼道 外景')];

    const collector = await e2e.login('collector1');
    const mine = await e2e.api<CaseListResponse>(collector, 'GET', '/api/cases?limit=10');
    const [first, second, third] = await Promise.all(
      mine.cases.slice(0, 3).map((c) => e2e.api<CaseDetail>(collector, 'GET', `/api/cases/${c.id}`)),
    );
    // About 1.3 km north of the address: flagged high; two hours later a clean visit next door.
    const flagged = await pushVisit(collector, first!, yesterdayAt(10), 0.012, photos);
    await pushVisit(collector, second!, yesterdayAt(12), 0);

    await page.getByLabel('用户名', { exact: true }).fill('supervisor');
    await page.getByLabel('密码', { exact: true }).fill(demoPassword);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL('**/review');
    await page.getByRole('heading', { name: '证据复核', level: 1 }).waitFor();
    const rows = page.getByTestId('review-queue').locator('tbody tr');
    await eventually(() => rows.count()).toBe(2);
    expect(await rows.first().getAttribute('data-visit-id')).toBe(flagged);
    expect(await rows.first().innerText()).toContain('高风险');
    expect(await rows.first().innerText()).toContain('偏离地址');
    await screenshot(page, 'review-queue', { fullPage: false });

    // A check-in flagged high risk arrives while the supervisor watches: a live alert.
    await page.waitForTimeout(1_000);
    await pushVisit(collector, third!, yesterdayAt(15), 0.03, [], false);
    const alert = page.getByTestId('live-alerts').getByRole('alert').filter({ hasText: '签到被标记为高风险' });
    await alert.waitFor();
    expect(await alert.innerText()).toContain('偏离地址');
    await screenshot(page, 'review-live-alert', { fullPage: false });
    await alert.getByRole('button', { name: '关闭提醒' }).click();

    await rows.first().locator('a').click();
    await page.waitForURL(`**/review/visits/${flagged}`);
    await page.getByTestId('visit-review').waitFor();
    const map = page.getByTestId('evidence-map');
    // Target, check-in, two photo positions and the next check-in.
    await eventually(async () => Number(await map.getAttribute('data-drawn'))).toBe(5);
    await eventually(() => map.locator('img.leaflet-tile-loaded').count()).toBeGreaterThan(0);
    // The accuracy circle, the geofence and the lines are drawn as paths; the next check-in is 8 km away, a click off.
    expect(await map.locator('path').count()).toBeGreaterThan(2);
    await page.getByRole('button', { name: '显示前后签到' }).waitFor();
    const anomaly = await page.getByTestId('anomalies').innerText();
    expect(anomaly).toMatch(/签到点距家庭住址 1\d{3} 米（允许 150 米）；定位精度 35 米/);
    const thumbs = page.getByRole('button', { name: /放大查看照片/ });
    await eventually(() => thumbs.count()).toBe(2);
    await eventually(() =>
      thumbs
        .first()
        .locator('img')
        .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth),
    ).toBe(320);
    expect(await page.getByTestId('timeline').innerText()).toContain('服务器收到');
    await screenshot(page, 'review-visit', { fullPage: true });

    await thumbs.nth(1).click();
    const viewer = page.getByRole('dialog', { name: '照片查看器' });
    await viewer.waitFor();
    await viewer.getByRole('button', { name: '放大' }).click();
    await viewer.getByRole('button', { name: '放大' }).click();
    expect(await viewer.getByTestId('zoom').innerText()).toBe('156%');
    await screenshot(page, 'review-photo-zoom', { fullPage: false });
    await viewer.getByRole('button', { name: '关闭' }).click();
    await viewer.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: '驳回', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '驳回理由' });
    await dialog.getByRole('button', { name: '驳回' }).click();
    await dialog.getByText('请填写理由。').waitFor();
    await dialog.getByLabel('驳回理由').fill('签到点距住址 1.3 公里，照片无法证明到达现场');
    await screenshot(page, 'review-reject-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: '驳回' }).click();
    await page.getByText('已驳回。').waitFor();
    await eventually(() => page.getByTestId('verdict-standing').innerText()).toContain('驳回 · 主管 韩立新');
    const supervisor = await e2e.login('supervisor');
    expect((await e2e.api<VisitReview>(supervisor, 'GET', `/api/review/visits/${flagged}`)).review.status).toBe('rejected');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载证据包' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^evidence-visit-.+\.zip$/);
    const files = await unzip(await readFile(await download.path()));
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as {
      files: { path: string; sha256: string }[];
      missing: unknown[];
    };
    expect(manifest.files.map((f) => f.path).sort()).toEqual(
      [...files.keys()].filter((p) => p !== 'manifest.json' && p !== 'SHA256SUMS').sort(),
    );
    for (const file of manifest.files) expect(sha256(files.get(file.path)!), file.path).toBe(file.sha256);
    for (const line of files.get('SHA256SUMS')!.toString('utf8').trim().split('\n')) {
      const [hash, path] = line.split('  ') as [string, string];
      expect(sha256(files.get(path)!), path).toBe(hash);
    }
    for (const bytes of photos) expect(files.get(`visits/${flagged}/photos/${sha256(bytes)}.jpg`)?.equals(bytes)).toBe(true);
    expect(manifest.missing).toEqual([]);
    expect(files.get(`visits/${flagged}/review-history.json`)!.toString('utf8')).toContain('照片无法证明到达现场');
    await page.getByText('证据包已下载。').waitFor();
    await screenshot(page, 'review-visit-rejected', { fullPage: false });

    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Anomalies' }).waitFor();
    expect(await page.getByTestId('anomalies').innerText()).toMatch(
      /Check-in 1\d{3} m from the home address \(allowed: 150 m\); GPS accuracy 35 m/,
    );
    await screenshot(page, 'review-visit-en', { fullPage: false });
    expect(errors).toEqual([]);
  });
});
