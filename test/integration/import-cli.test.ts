import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../../server/db/schema/index.js';
import { openPglite, openPostgres, type DatabaseHandle } from '../../server/db/client.js';
import { caseRow, createCreditor } from '../fixtures/factories.js';
import { createTestContext, type TestContext } from '../helper.js';

// The CLI runs as its own process against the same kind of database the suite uses.
let context: TestContext | undefined;
let dataDir: string;
let env: NodeJS.ProcessEnv;
let open: () => Promise<DatabaseHandle>;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'fv-cli-'));
  if (process.env.DATABASE_URL) {
    context = await createTestContext();
    await createCreditor(context.database.db, 'SJXF');
    const url = context.config.databaseUrl!;
    env = { ...process.env, DATABASE_URL: url };
    open = async () => openPostgres(url, 2);
  } else {
    const database = await openPglite(dataDir);
    await database.migrate();
    await createCreditor(database.db, 'SJXF');
    await database.close();
    env = { ...process.env, DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    open = () => openPglite(dataDir);
  }
});
afterAll(async () => {
  await context?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const runCli = (file: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'server/cases/import.cli.ts', file], { env, encoding: 'utf8', timeout: 120_000 });

describe('npm run import', () => {
  it('imports a JSON file, reports rejected rows and exits 1 when some were rejected', async () => {
    const file = join(dataDir, 'cases.json');
    writeFileSync(file, JSON.stringify([caseRow('SJXF', 'CLI-1'), caseRow('SJXF', 'CLI-2'), caseRow('SJXF', 'CLI-3', { daysPastDue: -1 })]));
    const first = runCli(file);
    expect(first.stdout).toContain('Received 3: 2 new, 0 updated, 0 unchanged, 1 rejected.');
    expect(first.stdout).toMatch(/row 3 \(CLI-3\): daysPastDue/);
    expect(first.status).toBe(1);

    writeFileSync(file, JSON.stringify([caseRow('SJXF', 'CLI-1'), caseRow('SJXF', 'CLI-2')]));
    const second = runCli(file);
    expect(second.stdout).toContain('Received 2: 0 new, 0 updated, 2 unchanged, 0 rejected.');
    expect(second.status).toBe(0);

    const database = await open();
    const [row] = await database.db.select({ n: count() }).from(cases);
    await database.close();
    expect(row!.n).toBe(2);
  });

  it('refuses a file that is not JSON with exit code 2 and a message', () => {
    const file = join(dataDir, 'broken.json');
    writeFileSync(file, '[{"oops"');
    const result = runCli(file);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('not valid JSON');
  });
});
