// Sync on PostgreSQL: ingest from 50 concurrent devices, photo upload throughput, and a
// collector's day (30 visits, 90 photos of ~200 KB) over a "Regular 3G" link.
// Metrics: ingest.visits_per_s, push.p95_ms, photos.mb_per_s, day3g.visits_s, day3g.photos_s.
// `-- --skip-3g` leaves out the day over 3G (about ten minutes by nature), `-- --only-3g` runs only it,
// `-- --photo-kb N` sets its photo size (default 200, as the issue states).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { inArray } from 'drizzle-orm';
import type { PushResponse } from '../../shared/schemas/sync.js';
import { hashPassword } from '../../server/auth/password.js';
import { importCases } from '../../server/cases/import.service.js';
import { insertCreditor } from '../../server/cases/creditors.repository.js';
import { openPostgres } from '../../server/db/client.js';
import { caseAddresses, cases } from '../../server/db/schema/index.js';
import { assignCases } from '../../server/dispatch/assignment.repository.js';
import { newId } from '../../server/ids.js';
import { insertUser } from '../../server/users/users.repository.js';
import { caseRow } from '../fixtures/factories.js';
import { checkIn, checkOut, photoBytes, push, record, sha256, tusMetadata } from '../fixtures/sync.js';
import { percentile, report, withBenchDatabase } from './postgres.js';
import { startServerProcess } from '../fixtures/server-process.js';
import { startThrottleProxy } from './throttle-proxy.js';

const devices = 50;
const pushesPerDevice = 10;
const visitsPerPush = 20;
const skip3g = process.argv.includes('--skip-3g');
const only3g = process.argv.includes('--only-3g');
// The photo size for the 3G day: 200 KB as the issue states, or what the app's pipeline makes (--photo-kb 150).
const photoKbArg = process.argv.indexOf('--photo-kb');
const dayPhotoKb = photoKbArg >= 0 ? Number(process.argv[photoKbArg + 1]) : 200;

interface Device {
  username: string;
  token: string;
  cases: { caseId: string; addressId: string }[];
}

async function seed(url: string, collectorCount: number, casesEach: number): Promise<{ username: string; cases: Device['cases'] }[]> {
  const database = openPostgres(url);
  await database.migrate();
  const db = database.db;
  await insertCreditor(db, { id: newId(), code: 'BENCH', name: 'Bench creditor' });
  const passwordHash = await hashPassword('bench-password');
  const rows = Array.from({ length: collectorCount * casesEach }, (_, i) => caseRow('BENCH', `S${i}`));
  await importCases(db, null, rows, { defaultTimeZone: 'Asia/Shanghai' });
  const caseIds = (await db.select({ id: cases.id }).from(cases).orderBy(cases.externalId)).map((r) => r.id);
  const addresses = new Map((await db.select({ id: caseAddresses.id, caseId: caseAddresses.caseId }).from(caseAddresses).where(inArray(caseAddresses.caseId, caseIds))).map((a) => [a.caseId, a.id]));
  const seeded = [];
  for (let c = 0; c < collectorCount; c++) {
    const user = await insertUser(db, { id: newId(), username: `bench${c}`, displayName: `Bench ${c}`, role: 'collector', passwordHash });
    const mine = caseIds.slice(c * casesEach, (c + 1) * casesEach);
    await assignCases(db, mine, user.id);
    seeded.push({ username: user.username, cases: mine.map((caseId) => ({ caseId, addressId: addresses.get(caseId)! })) });
  }
  await database.close();
  return seeded;
}

async function signIn(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'bench-password' }) });
  return (await response.json() as { token: string }).token;
}

/** A visit's three mutations, checked in at a plausible time inside visiting hours. */
function visitMutations(target: Device['cases'][number], n: number) {
  const at = new Date(Date.UTC(2026, 10, 23, 0, 30) + (n % 700) * 60_000).toISOString(); // 08:30 onwards, Shanghai
  const arrive = checkIn(target.caseId, target.addressId, { at });
  const visitId = (arrive as { visitId: string }).visitId;
  return [arrive, record(target.caseId, target.addressId, visitId), checkOut(target.caseId, visitId, new Date(Date.parse(at) + 20 * 60_000).toISOString())];
}

async function pushVisits(base: string, device: Device, count: number, offset: number): Promise<number> {
  const mutations = Array.from({ length: count }, (_, i) => visitMutations(device.cases[(offset + i) % device.cases.length]!, offset + i)).flat();
  const started = performance.now();
  const response = await fetch(`${base}/api/sync/push`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${device.token}` }, body: JSON.stringify(push(mutations)) });
  const body = (await response.json()) as PushResponse;
  if (response.status !== 200 || body.results.some((r) => r.status !== 'applied')) throw new Error(`push failed: ${JSON.stringify(body).slice(0, 500)}`);
  return performance.now() - started;
}

async function uploadPhoto(base: string, token: string, bytes: Buffer): Promise<void> {
  const headers = { 'tus-resumable': '1.0.0', authorization: `Bearer ${token}` };
  const created = await fetch(`${base}/api/uploads`, { method: 'POST', headers: { ...headers, 'upload-length': String(bytes.length), 'upload-metadata': tusMetadata({ sha256: sha256(bytes), contentType: 'image/jpeg' }) } });
  if (created.status !== 201) throw new Error(`upload create failed: ${created.status} ${await created.text()}`);
  const location = created.headers.get('location')!;
  const sent = await fetch(`${base}${location}`, { method: 'PATCH', headers: { ...headers, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' }, body: bytes as Uint8Array<ArrayBuffer> });
  if (sent.status !== 204) throw new Error(`upload failed: ${sent.status} ${await sent.text()}`);
}

async function ingestAndPhotos(base: string, fleet: Device[]): Promise<void> {
  // Ingest: every device pushes its batches back to back, all devices at once.
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    fleet.map(async (device) => {
      for (let p = 0; p < pushesPerDevice; p++) latencies.push(await pushVisits(base, device, visitsPerPush, p * visitsPerPush));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  report('sync', 'ingest.visits_per_s', (devices * pushesPerDevice * visitsPerPush) / seconds, 'visits/s');
  report('sync', 'ingest.mutations_per_s', (devices * pushesPerDevice * visitsPerPush * 3) / seconds, 'mutations/s');
  report('sync', 'push.p50_ms', percentile(latencies, 50), 'ms');
  report('sync', 'push.p95_ms', percentile(latencies, 95), 'ms');

  // Photo throughput: 80 photos of 200 KB from 4 devices at once.
  const photoSize = 200 * 1024;
  const photoStarted = performance.now();
  await Promise.all(
    fleet.slice(0, 4).map(async (device, d) => {
      for (let i = 0; i < 20; i++) await uploadPhoto(base, device.token, photoBytes(d * 1000 + i + 1, photoSize));
    }),
  );
  report('sync', 'photos.mb_per_s', (80 * photoSize) / 1_048_576 / ((performance.now() - photoStarted) / 1000), 'MB/s');
}

/** A collector's day (30 visits, 90 photos) through a "Regular 3G" link. */
async function dayOver3g(base: string, device: Device): Promise<void> {
  const photoSize = dayPhotoKb * 1024;
  const proxy = await startThrottleProxy(Number(new URL(base).port), { downKbps: 750, upKbps: 250, latencyMs: 100 });
  const slow = `http://127.0.0.1:${proxy.port}`;
  try {
    const dayStart = performance.now();
    await pushVisits(slow, device, 30, 0);
    report('sync', 'day3g.visits_s', (performance.now() - dayStart) / 1000, 's');
    const photoStart = performance.now();
    for (let i = 0; i < 90; i++) {
      await uploadPhoto(slow, device.token, photoBytes(90_000 + i, photoSize));
      process.stderr.write(`\r3G day: ${i + 1} of 90 photos`);
    }
    process.stderr.write('\n');
    report('sync', 'day3g.photos_s', (performance.now() - photoStart) / 1000, 's');
    report('sync', 'day3g.photo_kb', dayPhotoKb, 'KB');
  } finally {
    await proxy.close();
  }
}

await withBenchDatabase(async (url) => {
  const seeded = await seed(url, devices + 1, visitsPerPush * pushesPerDevice);
  const dataDir = mkdtempSync(join(tmpdir(), 'fv-bench-sync-'));
  const server = await startServerProcess({ DATABASE_URL: url, DATA_DIR: dataDir });
  try {
    const fleet: Device[] = [];
    for (const s of seeded) fleet.push({ ...s, token: await signIn(server.url, s.username) });
    const dayDevice = fleet.pop()!;
    if (!only3g) await ingestAndPhotos(server.url, fleet);
    if (!skip3g) await dayOver3g(server.url, dayDevice);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
