// Dispatch at scale on PostgreSQL: the map's marker query over 100,000 cases, 1,000
// collectors' positions relayed over socket.io, and all of them back after a server restart.
// Metrics: bbox100k.p95_ms, positions1000.latency_p95_ms, positions1000.server_cpu_pct, reconnect1000.all_back_s.
// Then the dispatcher's map in Chromium (map20k.ts): map20k.first_render_ms, map20k.pan_frame_p95_ms.
// `npm run bench -- dispatch --only-map20k` runs that part alone.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { io as connect, type Socket } from 'socket.io-client';
import { type ClientToServerEvents, type ServerToClientEvents, socketPath } from '../../shared/events.js';
import { hashToken } from '../../server/auth/auth.service.js';
import { hashPassword } from '../../server/auth/password.js';
import { insertCreditor } from '../../server/cases/creditors.repository.js';
import { importCases } from '../../server/cases/import.service.js';
import { openPostgres } from '../../server/db/client.js';
import { collectors, sessions, users } from '../../server/db/schema/index.js';
import { demoCases, demoCreditors, seededRandom } from '../../server/demo/shenyang.js';
import { newId } from '../../server/ids.js';
import { startServerProcess } from '../fixtures/server-process.js';
import { benchMap20k } from './map20k.js';
import { percentile, report, withBenchDatabase } from './postgres.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
const collectorCount = 1000;

/** Sessions made directly in the database: 1,000 argon2 sign-ins would measure hashing, not dispatch. */
async function seedPeople(url: string) {
  const database = openPostgres(url);
  await database.migrate();
  const db = database.db;
  for (const creditor of demoCreditors) await insertCreditor(db, { id: newId(), ...creditor });
  process.stderr.write('importing 100,000 cases…\n');
  await importCases(db, null, demoCases(100_000, 7), { defaultTimeZone: 'Asia/Shanghai' });
  const passwordHash = await hashPassword('bench-password');
  const expiresAt = new Date(Date.now() + 86_400_000);
  const tokens: string[] = [];
  const people = Array.from({ length: collectorCount + 1 }, (_, i) => ({ id: newId(), username: i === 0 ? 'dispatcher' : `c${i}`, role: i === 0 ? ('dispatcher' as const) : ('collector' as const) }));
  await db.insert(users).values(people.map((p) => ({ ...p, displayName: p.username, passwordHash })));
  await db.insert(collectors).values(people.slice(1).map((p) => ({ userId: p.id, homeAddress: '沈阳', homeLat: 41.8, homeLng: 123.4 })));
  const rows = people.map((p) => {
    const token = randomBytes(32).toString('base64url');
    tokens.push(token);
    return { id: newId(), tokenHash: hashToken(token), userId: p.id, expiresAt, userAgent: 'bench' };
  });
  await db.insert(sessions).values(rows);
  await database.close();
  return { dispatcherToken: tokens[0]!, collectorTokens: tokens.slice(1) };
}

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime in clock ticks
}

async function connectAll(url: string, tokens: string[]): Promise<ClientSocket[]> {
  const sockets: ClientSocket[] = [];
  for (let i = 0; i < tokens.length; i += 50) {
    const batch = tokens.slice(i, i + 50).map((token) => {
      const socket: ClientSocket = connect(url, { path: socketPath, auth: { token }, transports: ['websocket'], reconnectionDelay: 500, reconnectionDelayMax: 5000 });
      sockets.push(socket);
      return new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
    });
    await Promise.all(batch);
  }
  return sockets;
}

if (!process.argv.includes('--only-map20k')) await withBenchDatabase(async (url) => {
  const { dispatcherToken, collectorTokens } = await seedPeople(url);
  const dataDir = mkdtempSync(join(tmpdir(), 'fv-bench-dispatch-'));
  const env = { DATABASE_URL: url, DATA_DIR: dataDir, POSITION_INTERVAL_S: '1' };
  let server = await startServerProcess(env);
  const port = new URL(server.url).port;
  try {
    // The map at street and district scale.
    const random = seededRandom(3);
    const durations: number[] = [];
    for (let i = 0; i < 200; i++) {
      const span = i % 2 === 0 ? 0.04 : 0.15;
      const lng = 123.25 + random() * 0.3;
      const lat = 41.68 + random() * 0.25;
      const t0 = performance.now();
      const response = await fetch(`${server.url}/api/map/cases?bbox=${[lng, lat, lng + span, lat + span / 2].map((n) => n.toFixed(4)).join(',')}`, { headers: { authorization: `Bearer ${dispatcherToken}` } });
      await response.arrayBuffer();
      durations.push(performance.now() - t0);
    }
    durations.sort((a, b) => a - b);
    report('dispatch', 'bbox100k.p50_ms', percentile(durations, 50), 'ms');
    report('dispatch', 'bbox100k.p95_ms', percentile(durations, 95), 'ms');

    // 1,000 collectors report a position each; the dispatcher's socket measures the delay.
    const dispatcher = (await connectAll(server.url, [dispatcherToken]))[0]!;
    const fleet = await connectAll(server.url, collectorTokens);
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    const done = new Promise<void>((resolve) => {
      dispatcher.on('collector:position', (position) => {
        const started = sentAt.get(`${position.lat}`);
        if (started !== undefined) latencies.push(performance.now() - started);
        if (latencies.length === collectorCount) resolve();
      });
    });
    const cpuBefore = cpuSeconds(server.pid);
    const wallBefore = performance.now();
    // Spread over 3 s, as 1,000 phones reporting every 30 s would be at ten times their rate.
    fleet.forEach((socket, i) => {
      setTimeout(() => {
        const lat = 41.7 + i / 100_000;
        sentAt.set(`${lat}`, performance.now());
        socket.emit('position:update', { lat, lng: 123.4, accuracyM: 10 });
      }, (i / collectorCount) * 3000);
    });
    await done;
    const cpu = ((cpuSeconds(server.pid) - cpuBefore) / ((performance.now() - wallBefore) / 1000)) * 100;
    latencies.sort((a, b) => a - b);
    report('dispatch', 'positions1000.latency_p95_ms', percentile(latencies, 95), 'ms');
    report('dispatch', 'positions1000.server_cpu_pct', cpu, '%');

    // Restart the server on the same port; every client must come back, authenticated afresh.
    let back = 0;
    const allBack = new Promise<void>((resolve) =>
      fleet.forEach((socket) =>
        socket.io.on('reconnect', () => {
          back += 1;
          if (back === collectorCount) resolve();
        }),
      ),
    );
    await server.stop();
    const restartedAt = performance.now();
    server = await startServerProcess({ ...env, PORT: port });
    await allBack;
    report('dispatch', 'reconnect1000.all_back_s', (performance.now() - restartedAt) / 1000, 's');
    for (const socket of [...fleet, dispatcher]) socket.close();
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

await benchMap20k();
