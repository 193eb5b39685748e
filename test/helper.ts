// Builds the real app for integration tests, on a fresh database: a new database on the
// PostgreSQL named by DATABASE_URL when set, otherwise an in-memory PGlite.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../server/app.js';
import { loadConfig, type Config } from '../server/config.js';
import { openPglite, openPostgres, type DatabaseHandle } from '../server/db/client.js';

export interface TestContext {
  app: FastifyInstance;
  database: DatabaseHandle;
  config: Config;
  close(): Promise<void>;
}

async function createPostgresDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `fv_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export async function createTestContext(env: Record<string, string> = {}): Promise<TestContext> {
  const adminUrl = process.env.DATABASE_URL;
  const created = adminUrl ? await createPostgresDatabase(adminUrl) : undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'fv-test-'));
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    LOGIN_ATTEMPTS_PER_MINUTE: '1000',
    DATA_DIR: dataDir,
    ...env,
    ...(created ? { DATABASE_URL: created.url } : {}),
  });
  const database = created ? openPostgres(created.url, 5) : await openPglite(undefined);
  await database.migrate();
  const app = await buildApp({ config, database });
  await app.ready();
  return {
    app,
    database,
    config,
    async close() {
      await app.close();
      await database.close();
      await created?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function json<T>(response: LightMyRequestResponse): T {
  return response.json<T>();
}
