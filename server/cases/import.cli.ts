// `npm run import -- FILE`: imports a JSON array or CSV file of cases into the configured
// database, with a progress bar. Uses the same intake as POST /api/cases/import.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { DomainError } from '../http/errors.js';
import { importRowsFromCsv } from './import.csv.js';
import { importCases } from './import.service.js';

async function readRows(file: string): Promise<unknown[]> {
  const text = await readFile(file, 'utf8');
  if (extname(file).toLowerCase() === '.csv') return importRowsFromCsv(text);
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) throw new DomainError(400, 'A JSON import file must hold an array of cases.');
  return parsed as unknown[];
}

async function main(): Promise<number> {
  const file = process.argv[2];
  if (file === undefined || file.startsWith('-')) {
    console.error('Usage: npm run import -- FILE.csv|FILE.json');
    return 2;
  }
  const config = loadConfig();
  const rows = await readRows(file);
  const database = await openDatabase(config);
  try {
    await database.migrate();
    const bar = new SingleBar({ format: 'Importing {bar} {percentage}% | {value}/{total} valid rows | {eta_formatted} left', hideCursor: true }, Presets.shades_classic);
    bar.start(rows.length, 0);
    const result = await importCases(database.db, null, rows, {
      defaultTimeZone: config.timeZone,
      onProgress: (done, total) => {
        bar.setTotal(total);
        bar.update(done);
      },
    });
    bar.stop();
    console.log(`Received ${result.received}: ${result.accepted} new, ${result.updated} updated, ${result.unchanged} unchanged, ${result.rejected.length} rejected.`);
    for (const rejection of result.rejected.slice(0, 50)) {
      console.log(`  row ${rejection.row}${rejection.externalId ? ` (${rejection.externalId})` : ''}: ${rejection.reason}`);
    }
    if (result.rejected.length > 50) console.log(`  … and ${result.rejected.length - 50} more rejected rows.`);
    return result.rejected.length > 0 ? 1 : 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof DomainError) console.error(error.message);
    else if (error instanceof SyntaxError) console.error(`The file is not valid JSON: ${error.message}`);
    else if (error instanceof Error && 'code' in error && error.code === 'ENOENT') console.error(`No such file: ${process.argv[2] ?? ''}`);
    else console.error('The import failed:', error);
    process.exit(2);
  },
);
