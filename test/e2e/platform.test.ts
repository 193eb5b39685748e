// The PWA's platform in a real Chromium: the service worker opens the app with no network and holds
// updates back; the photo pipeline and storage monitor run in a real page (test/e2e/fixtures/platform).
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phone, screenshot, screenshotDir } from './browser.js';
import type { PlatformFixture } from './fixtures/platform/entry.js';
import { serveFixture, type FixtureSite } from './fixtures/platform/serve.js';
import { useE2E } from './harness.js';
import { demoPassword } from './server.js';

const e2e = useE2E();

async function newPhonePage(): Promise<Page> {
  const page = await e2e.newPage({ ...phone, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
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

  it('map tiles requested as plain images still load with the service worker in control', async () => {
    const page = await newPhonePage();
    // No tile server is reachable from here: answer for tile.openstreetmap.org (the default source).
    const tile = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    const served: string[] = [];
    await page.context().route('https://tile.openstreetmap.org/**', async (route) => {
      served.push(new URL(route.request().url()).pathname);
      await route.fulfill({ status: 200, body: tile, headers: { 'content-type': 'image/png', 'access-control-allow-origin': '*' } });
    });
    await page.goto('/');
    await eventually(() => controlled(page)).toBe(true);
    const loaded = await page.evaluate(
      () =>
        new Promise<string>((done) => {
          const image = new Image();
          image.onload = () => done('loaded');
          image.onerror = () => done('failed');
          image.src = 'https://tile.openstreetmap.org/12/3413/1550.png';
        }),
    );
    expect(loaded).toBe('loaded');
    expect(served).toEqual(['/12/3413/1550.png']);
    // An opaque tile is never stored: it would count as megabytes against the quota.
    expect(await page.evaluate(async () => (await (await caches.open('fv-tiles')).keys()).length)).toBe(0);
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

/** Width and height from a JPEG's start-of-frame marker, read independently of the browser. */
function jpegSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.readUInt16BE(0)).toBe(0xffd8);
  let offset = 2;
  while (offset < bytes.length) {
    const marker = bytes.readUInt16BE(offset);
    const length = bytes.readUInt16BE(offset + 2);
    // SOF0..SOF3 (baseline, progressive...) carry the frame size.
    if (marker >= 0xffc0 && marker <= 0xffc3) return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
    offset += 2 + length;
  }
  throw new Error('No frame header in the JPEG.');
}

interface PipelineRun {
  base64: string;
  sha256: string;
  width: number;
  height: number;
  takenAt: string;
  inputBytes: number;
  ms: number;
  longestMainThreadGapMs: number;
}

/**
 * In the page: paints a busy 12-megapixel "street" (buildings, windows, sensor-like noise), encodes it as
 * a camera would (JPEG, optionally with an EXIF orientation), then runs preparePhoto on it while a
 * timer measures how long the main thread is ever blocked.
 */
function runPipeline(page: Page, options: { width: number; height: number; exifOrientation?: number }): Promise<PipelineRun> {
  return page.evaluate(async ({ width, height, exifOrientation }) => {
    let seed = 42;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const g = canvas.getContext('2d')!;
    const sky = g.createLinearGradient(0, 0, 0, height * 0.6);
    sky.addColorStop(0, '#6fa8dc');
    sky.addColorStop(1, '#dfeaf5');
    g.fillStyle = sky;
    g.fillRect(0, 0, width, height);
    g.fillStyle = '#7a7466';
    g.fillRect(0, height * 0.75, width, height * 0.25);
    for (let b = 0; b < 30; b++) {
      const w = width * (0.04 + random() * 0.08);
      const h = height * (0.25 + random() * 0.45);
      const x = random() * width;
      const y = height * 0.78 - h;
      g.fillStyle = `hsl(${20 + random() * 40}, ${10 + random() * 30}%, ${35 + random() * 35}%)`;
      g.fillRect(x, y, w, h);
      for (let wy = y + 30; wy < y + h - 60; wy += 90) {
        for (let wx = x + 24; wx < x + w - 50; wx += 76) {
          g.fillStyle = random() > 0.7 ? '#f4e3a1' : '#2b3440';
          g.fillRect(wx, wy, 44, 56);
        }
      }
    }
    g.fillStyle = '#c0392b';
    g.font = '700 220px sans-serif';
    g.fillText('幸福小区 3 栋', width * 0.08, height * 0.18);
    // A lens is never perfectly sharp: without this the windows' hard edges cost more than any real photo.
    const soft = document.createElement('canvas');
    soft.width = width;
    soft.height = height;
    const sg = soft.getContext('2d')!;
    sg.filter = 'blur(2px)';
    sg.drawImage(canvas, 0, 0);
    g.drawImage(soft, 0, 0);
    // Sensor noise: what makes real photos cost bytes.
    const tile = document.createElement('canvas');
    tile.width = 256;
    tile.height = 256;
    const tg = tile.getContext('2d')!;
    const noise = tg.createImageData(256, 256);
    for (let i = 0; i < noise.data.length; i += 4) {
      const v = random() * 255;
      noise.data[i] = v;
      noise.data[i + 1] = v;
      noise.data[i + 2] = v;
      noise.data[i + 3] = 255;
    }
    tg.putImageData(noise, 0, 0);
    // A phone denoises its sensor: faint grain, two pixels wide.
    g.globalAlpha = 0.05;
    g.scale(2, 2);
    g.fillStyle = g.createPattern(tile, 'repeat')!;
    g.fillRect(0, 0, width / 2, height / 2);
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.globalAlpha = 1;

    const encoded = await new Promise<Blob>((resolve) => canvas.toBlob((blob) => resolve(blob!), 'image/jpeg', 0.92));
    let bytes = new Uint8Array(await encoded.arrayBuffer());
    if (exifOrientation) {
      // A minimal EXIF APP1 segment with only the Orientation tag, right after the start-of-image marker.
      const app1 = [0xff, 0xe1, 0x00, 0x22, 0x45, 0x78, 0x69, 0x66, 0, 0, 0x49, 0x49, 0x2a, 0, 8, 0, 0, 0, 1, 0];
      app1.push(0x12, 0x01, 3, 0, 1, 0, 0, 0, exifOrientation, 0, 0, 0, 0, 0, 0, 0);
      const withExif = new Uint8Array(bytes.length + app1.length);
      withExif.set(bytes.subarray(0, 2));
      withExif.set(app1, 2);
      withExif.set(bytes.subarray(2), 2 + app1.length);
      bytes = withExif;
    }
    const file = new File([bytes], 'IMG_20261123_154731.jpg', { type: 'image/jpeg', lastModified: Date.now() });

    let last = performance.now();
    let longest = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 10);
    const { preparePhoto } = (window as unknown as { platform: PlatformFixture }).platform;
    const started = performance.now();
    const photo = await preparePhoto(file, {
      takenAt: '2026-11-23T07:47:31.000Z',
      timeZone: 'Asia/Shanghai',
      position: { latitude: 41.791234, longitude: 123.404567, accuracyM: 12 },
      caseNumber: 'SJXF-2026-000123',
      collectorName: '外访员1号 王建国',
    });
    const ms = performance.now() - started;
    clearInterval(ticker);

    const image = document.getElementById('result') as HTMLImageElement;
    image.src = URL.createObjectURL(new Blob([photo.bytes], { type: 'image/jpeg' }));
    await image.decode();
    return {
      base64: (window as unknown as { platform: PlatformFixture }).platform.base64(photo.bytes),
      sha256: photo.sha256,
      width: photo.width,
      height: photo.height,
      takenAt: photo.takenAt,
      inputBytes: file.size,
      ms,
      longestMainThreadGapMs: longest,
    };
  }, options);
}

describe('photo pipeline', () => {
  let fixture: FixtureSite;

  beforeAll(async () => {
    fixture = await serveFixture();
  });

  afterAll(async () => {
    await fixture?.stop();
  });

  async function fixturePage(options: { withoutOffscreenCanvas?: boolean } = {}): Promise<Page> {
    const context = e2e.track(
      await e2e.browser.newContext({ viewport: { width: 1600, height: 1600 }, deviceScaleFactor: 1, locale: 'zh-CN' }),
    );
    if (options.withoutOffscreenCanvas) {
      await context.addInitScript(() => {
        delete (window as unknown as { OffscreenCanvas?: unknown }).OffscreenCanvas;
      });
    }
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(fixture.url);
    await page.locator('html[data-ready="true"]').waitFor();
    return page;
  }

  async function check(run: PipelineRun, expected: { width: number; height: number }, name: string): Promise<Buffer> {
    const bytes = Buffer.from(run.base64, 'base64');
    await mkdir(screenshotDir, { recursive: true });
    await writeFile(`${screenshotDir}${name}.jpg`, bytes);
    expect(Math.max(run.width, run.height)).toBeLessThanOrEqual(1600);
    expect({ width: run.width, height: run.height }).toEqual(expected);
    expect(jpegSize(bytes)).toEqual(expected);
    expect(bytes.length).toBeGreaterThan(40_000);
    expect(bytes.length).toBeLessThanOrEqual(166_666);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(run.sha256);
    expect(run.takenAt).toBe('2026-11-23T07:47:31.000Z');
    return bytes;
  }

  it('turns a 12-megapixel camera JPEG into a watermarked, hashed JPEG within budget, off the main thread', async () => {
    const page = await fixturePage();
    const run = await runPipeline(page, { width: 4000, height: 3000 });
    const bytes = await check(run, { width: 1600, height: 1200 }, 'platform-photo');
    // The worker does the heavy part: the page never freezes for long (generous for a busy 2-core machine).
    expect(run.longestMainThreadGapMs).toBeLessThan(300);
    await page.locator('#result').screenshot({ path: `${screenshotDir}platform-photo-watermark.png` });
    console.log(
      `photo pipeline (worker): 12 MP, ${(run.inputBytes / 1024).toFixed(0)} KB in → ${(bytes.length / 1024).toFixed(1)} KB out, ` +
        `${run.width}x${run.height}, ${run.ms.toFixed(0)} ms, longest main-thread gap ${run.longestMainThreadGapMs.toFixed(0)} ms`,
    );
  });

  it('applies the EXIF orientation of a portrait photo taken with the phone turned', async () => {
    const page = await fixturePage();
    const run = await runPipeline(page, { width: 4000, height: 3000, exifOrientation: 6 });
    await check(run, { width: 1200, height: 1600 }, 'platform-photo-portrait');
    await page.setViewportSize({ width: 1200, height: 1600 });
    await page.locator('#result').screenshot({ path: `${screenshotDir}platform-photo-portrait.png` });
  });

  it('reports storage use and quota, and whether storage is persistent', async () => {
    const page = await fixturePage();
    const report = await page.evaluate(async () => {
      const { storageMonitor } = (window as unknown as { platform: PlatformFixture }).platform;
      await storageMonitor.requestPersistence();
      // The monitor calls a new subscriber at once with what it knows.
      const seen = new Promise<unknown>((resolve) => {
        const stop = storageMonitor.subscribe(resolve);
        queueMicrotask(stop);
      });
      return { first: await seen, refreshed: await storageMonitor.refresh() };
    });
    const refreshed = report.refreshed;
    expect(refreshed.supported).toBe(true);
    expect(refreshed.quotaBytes).toBeGreaterThan(0);
    expect(refreshed.usageBytes).toBeGreaterThanOrEqual(0);
    expect(refreshed.freeBytes).toBe(refreshed.quotaBytes - refreshed.usageBytes);
    expect(typeof refreshed.persisted).toBe('boolean');
    expect(report.first).toMatchObject({ supported: true });
    console.log(
      `storage: ${(refreshed.usageBytes / 1024).toFixed(0)} KB used of ${(refreshed.quotaBytes / 1024 ** 3).toFixed(1)} GB, ` +
        `persisted ${String(refreshed.persisted)}, warning ${String(refreshed.warning)}`,
    );
  });

  it('works on the main thread where OffscreenCanvas is missing', async () => {
    const page = await fixturePage({ withoutOffscreenCanvas: true });
    expect(await page.evaluate(() => typeof (window as unknown as { OffscreenCanvas?: unknown }).OffscreenCanvas)).toBe('undefined');
    const run = await runPipeline(page, { width: 4000, height: 3000 });
    const bytes = await check(run, { width: 1600, height: 1200 }, 'platform-photo-main-thread');
    console.log(`photo pipeline (main thread): ${(bytes.length / 1024).toFixed(1)} KB, ${run.ms.toFixed(0)} ms`);
  });
});

interface RecordingRun {
  base64: string;
  sha256: string;
  mimeType: string;
  contentType: string | null;
  durationMs: number;
  complete: boolean;
}

describe('visit audio recording', () => {
  let fixture: FixtureSite;

  beforeAll(async () => {
    fixture = await serveFixture();
  });

  afterAll(async () => {
    await fixture?.stop();
  });

  async function openPage(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(fixture.url);
    await page.locator('html[data-ready="true"]').waitFor();
    return page;
  }

  function checkRecording(run: RecordingRun): Buffer {
    const bytes = Buffer.from(run.base64, 'base64');
    expect(bytes.length).toBeGreaterThan(1_000);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(run.sha256);
    expect(run.contentType).toBe('audio/webm');
    // A WebM file starts with the EBML magic number.
    expect(bytes.subarray(0, 4).toString('hex')).toBe('1a45dfa3');
    return bytes;
  }

  it('records from start to stop in 0.5 s chunks, hashed like a photo; a crash mid-visit loses at most a chunk', async () => {
    // Chromium's fake microphone (a beep, see browser.ts), granted without a prompt.
    const context = e2e.track(await e2e.browser.newContext({ permissions: ['microphone'] }));
    const page = await openPage(context);
    const run = await page.evaluate(async (): Promise<RecordingRun> => {
      const { createVisitRecorder, base64 } = (window as unknown as { platform: PlatformFixture }).platform;
      const recorder = await createVisitRecorder({ userId: 'e2e', timesliceMs: 500 });
      await recorder.start('visit-full');
      await new Promise((done) => setTimeout(done, 2_500));
      const audio = await recorder.stop();
      await recorder.discard(audio.visitId);
      recorder.close();
      const { bytes, ...rest } = audio;
      return { ...rest, base64: base64(bytes) };
    });
    const bytes = checkRecording(run);
    expect(run.complete).toBe(true);
    expect(run.durationMs).toBeGreaterThanOrEqual(2_400);
    expect(run.mimeType).toContain('audio/webm');
    console.log(`audio: ${(bytes.length / 1024).toFixed(1)} KB for ${(run.durationMs / 1000).toFixed(1)} s (${run.mimeType})`);

    // The tab dies while recording: the chunks stored so far come back on the next start.
    await page.evaluate(async () => {
      const { createVisitRecorder } = (window as unknown as { platform: PlatformFixture }).platform;
      const recorder = await createVisitRecorder({ userId: 'e2e', timesliceMs: 500 });
      await recorder.start('visit-crash');
      await new Promise((done) => setTimeout(done, 2_000));
    });
    await page.close();
    const reopened = await openPage(context);
    const recovered = await reopened.evaluate(async (): Promise<RecordingRun[]> => {
      const { createVisitRecorder, base64 } = (window as unknown as { platform: PlatformFixture }).platform;
      const recorder = await createVisitRecorder({ userId: 'e2e' });
      const found = await recorder.recoverUnfinished();
      return found.map(({ bytes, ...rest }) => ({ ...rest, base64: base64(bytes) }));
    });
    expect(recovered).toHaveLength(1);
    checkRecording(recovered[0]!);
    expect(recovered[0]!.complete).toBe(false);
    // Saved every half second: what was lost is at most the last chunk.
    expect(recovered[0]!.durationMs).toBeGreaterThanOrEqual(1_000);
    await context.close();
  });
});
