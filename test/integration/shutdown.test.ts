// A server told to stop (SIGTERM) stops promptly even with sockets connected, so a restart
// or a deploy never hangs on open websockets.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { socketPath } from '../../shared/events.js';
import { startServerProcess } from '../fixtures/server-process.js';
import { createTestContext, type TestContext } from '../helper.js';
import { createUser, testPassword } from '../fixtures/factories.js';

const dataDir = mkdtempSync(join(tmpdir(), 'fv-shutdown-'));
let context: TestContext | undefined;
afterAll(async () => {
  await context?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('shutdown', () => {
  it('exits within seconds of SIGTERM with websockets open', async () => {
    // The same database kind as the suite: a fresh PostgreSQL database, or PGlite in a folder.
    const env: Record<string, string> = { DATA_DIR: dataDir };
    if (process.env.DATABASE_URL) {
      context = await createTestContext();
      env.DATABASE_URL = context.config.databaseUrl!;
    } else {
      env.SEED_DEMO = '1';
    }
    const server = await startServerProcess(env);
    let username = 'collector1';
    let password = 'demo1234';
    if (context) {
      username = (await createUser(context.database.db, 'collector')).username;
      password = testPassword;
    }
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    const { token } = (await login.json()) as { token: string };
    const sockets = Array.from({ length: 5 }, () => connect(server.url, { path: socketPath, auth: { token }, transports: ['websocket'], reconnection: false }));
    await Promise.all(
      sockets.map(
        (socket) =>
          new Promise<void>((resolve, reject) => {
            socket.on('connect', () => resolve());
            socket.on('connect_error', reject);
          }),
      ),
    );
    const started = Date.now();
    await server.stop();
    expect(Date.now() - started).toBeLessThan(10_000);
    for (const socket of sockets) socket.close();
  }, 120_000);
});
