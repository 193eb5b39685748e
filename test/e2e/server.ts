// Starts the real server for browser tests: a fresh embedded PGlite folder with the demo seed, or, when
// DATABASE_URL is set, a fresh database on that PostgreSQL (dropped afterwards). Leaves no child or timer behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export const demoPassword = 'demo1234';

export interface TestServer {
  url: string;
  db: 'pglite' | 'postgres';
  stop: () => Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => child.once('exit', () => done()));
}

export async function startServer(options: { timeoutMs?: number } = {}): Promise<TestServer> {
  const timeoutMs = options.timeoutMs ?? 150_000;
  const port = await freePort();
  const adminUrl = process.env.DATABASE_URL;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DEMO_PASSWORD: demoPassword,
    NODE_ENV: 'test',
  };
  let cleanup: () => Promise<void>;
  let db: TestServer['db'];
  if (adminUrl) {
    const name = `fv_e2e_${randomBytes(6).toString('hex')}`;
    await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    env.SEED_DEMO = '1';
    db = 'postgres';
    cleanup = () => withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined);
  } else {
    const dataDir = await mkdtemp(join(tmpdir(), 'fv-e2e-'));
    delete env.DATABASE_URL;
    env.DATA_DIR = dataDir;
    db = 'pglite';
    cleanup = () => rm(dataDir, { recursive: true, force: true });
  }

  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const forced = new Promise<'timeout'>((done) => {
        timer = setTimeout(() => done('timeout'), 10_000);
      });
      const outcome = await Promise.race([exited(child).then(() => 'exited' as const), forced]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        child.kill('SIGKILL');
        await exited(child);
      }
    }
    child.stdout?.removeAllListeners();
    child.stderr?.removeAllListeners();
    await cleanup();
  };

  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`The server exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${output}`);
      }
      try {
        const response = await fetch(`${url}/api/health`);
        if (response.ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`The server did not become healthy within ${timeoutMs} ms:\n${output}`);
      await sleep(300);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, db, stop };
}
