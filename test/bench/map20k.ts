// The dispatcher's map with 20,000 cases in Chromium (part of bench 'dispatch'): time from navigation
// until the clustered markers are drawn, and frame times while the map is dragged and wheel-zoomed.
// Metrics: map20k.first_render_ms (first visit), map20k.pan_frame_p95_ms; also first_render_warm_ms, markers, pan_frames.
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sessionCookie } from '../../server/auth/auth.plugin.js';
import { hashToken } from '../../server/auth/auth.service.js';
import { hashPassword } from '../../server/auth/password.js';
import { insertCreditor } from '../../server/cases/creditors.repository.js';
import { importCases } from '../../server/cases/import.service.js';
import { openPostgres } from '../../server/db/client.js';
import { sessions, users } from '../../server/db/schema/index.js';
import { demoCases, demoCreditors } from '../../server/demo/shenyang.js';
import { newId } from '../../server/ids.js';
import { desktop, launchBrowser } from '../e2e/browser.js';
import { tilePng } from '../e2e/fixtures/collector-images.js';
import { startServerProcess } from '../fixtures/server-process.js';
import { percentile, report, withBenchDatabase } from './postgres.js';

async function seed(url: string): Promise<string> {
  const database = openPostgres(url);
  await database.migrate();
  const db = database.db;
  for (const creditor of demoCreditors) await insertCreditor(db, { id: newId(), ...creditor });
  process.stderr.write('importing 20,000 cases…\n');
  await importCases(db, null, demoCases(20_000, 11), { defaultTimeZone: 'Asia/Shanghai' });
  const id = newId();
  await db
    .insert(users)
    .values({
      id,
      username: 'dispatcher',
      displayName: 'dispatcher',
      role: 'dispatcher',
      passwordHash: await hashPassword('bench-password'),
    });
  const token = randomBytes(32).toString('base64url');
  await db
    .insert(sessions)
    .values({ id: newId(), tokenHash: hashToken(token), userId: id, expiresAt: new Date(Date.now() + 86_400_000), userAgent: 'bench' });
  await database.close();
  return token;
}

// Page code as plain source: tsx would wrap named functions in a helper the page does not have.
const drawnAt = `(() => {
  const map = document.querySelector('[data-testid=case-map]');
  const cases = Number(map && map.getAttribute('data-cases'));
  const drawn = Number(map && map.getAttribute('data-drawn'));
  return cases > 0 && drawn > 0 ? { at: performance.now(), cases } : false;
})()`;
const startFrames = `(() => {
  window.__frames = [];
  window.__recording = true;
  let last = performance.now();
  const tick = (now) => {
    window.__frames.push(now - last);
    last = now;
    if (window.__recording) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;
const stopFrames = `(() => { window.__recording = false; return window.__frames.slice(1); })()`;

export async function benchMap20k(): Promise<void> {
  if (spawnSync('npm', ['run', 'build'], { stdio: 'ignore' }).status !== 0) throw new Error('npm run build failed');
  await withBenchDatabase(async (url) => {
    const token = await seed(url);
    const dataDir = mkdtempSync(join(tmpdir(), 'fv-bench-map-'));
    const server = await startServerProcess({ DATABASE_URL: url, DATA_DIR: dataDir });
    const browser = await launchBrowser();
    try {
      // waitForFunction evaluates its source with eval, which the app's CSP rightly forbids.
      const context = await browser.newContext({ ...desktop, baseURL: server.url, locale: 'zh-CN', bypassCSP: true });
      await context.addCookies([{ name: sessionCookie, value: token, url: server.url }]);
      const tile = tilePng();
      await context.route('https://tile.openstreetmap.org/**', (route) =>
        route.fulfill({ status: 200, contentType: 'image/png', headers: { 'access-control-allow-origin': '*' }, body: tile }),
      );
      // A first visit (nothing cached), then a returning dispatcher's (the app in the HTTP cache).
      const measure = async () => {
        const page = await context.newPage();
        await page.goto('/dispatch');
        const handle = await page.waitForFunction(drawnAt, undefined, { timeout: 120_000, polling: 'raf' });
        return { page, ...((await handle.jsonValue()) as { at: number; cases: number }) };
      };
      const cold = await measure();
      await cold.page.close();
      const warm = await measure();
      const page = warm.page;
      report('dispatch', 'map20k.first_render_ms', cold.at, 'ms');
      report('dispatch', 'map20k.first_render_warm_ms', warm.at, 'ms');
      report('dispatch', 'map20k.markers', warm.cases, 'count');
      const request = await page.evaluate<{ ms: number; kb: number } | null>(
        `(() => { const e = performance.getEntriesByType('resource').find((r) => r.name.includes('/api/map/cases')); return e ? { ms: e.responseEnd - e.startTime, kb: e.encodedBodySize / 1024 } : null; })()`,
      );
      if (request) {
        report('dispatch', 'map20k.markers_request_ms', request.ms, 'ms');
        report('dispatch', 'map20k.markers_response_kb', request.kb, 'KB');
      }

      // Drag the map about and zoom with the wheel, as a dispatcher does, recording every frame.
      const box = (await page.getByTestId('case-map').boundingBox())!;
      const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      const record = async (work: () => Promise<void>) => {
        await page.evaluate(startFrames);
        await work();
        return (await page.evaluate<number[]>(stopFrames)).sort((a, b) => a - b);
      };
      const idle = await record(() => page.waitForTimeout(1500));
      const drag = async (round: number) => {
        await page.mouse.move(centre.x, centre.y);
        await page.mouse.down();
        await page.mouse.move(centre.x + (round % 2 === 0 ? 260 : -260), centre.y + (round % 3 === 0 ? 120 : -90), { steps: 30 });
        await page.mouse.up();
      };
      const zoom = async (round: number) => {
        await page.mouse.move(centre.x, centre.y);
        await page.mouse.wheel(0, round % 2 === 0 ? -240 : 240);
        await page.waitForTimeout(400);
      };
      const drags = await record(async () => {
        for (let round = 0; round < 6; round++) await drag(round);
      });
      const zooms = await record(async () => {
        for (let round = 0; round < 6; round++) await zoom(round);
      });
      const frames = await record(async () => {
        for (let round = 0; round < 6; round++) {
          await drag(round);
          await zoom(round);
        }
      });
      report('dispatch', 'map20k.pan_frame_p95_ms', percentile(frames, 95), 'ms');
      report('dispatch', 'map20k.pan_frames', frames.length, 'count');
      report('dispatch', 'map20k.idle_frame_p95_ms', percentile(idle, 95), 'ms');
      report('dispatch', 'map20k.drag_frame_p95_ms', percentile(drags, 95), 'ms');
      report('dispatch', 'map20k.zoom_frame_p95_ms', percentile(zooms, 95), 'ms');
    } finally {
      await browser.close();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
}
