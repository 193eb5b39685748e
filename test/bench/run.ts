// Runs benchmarks: `npm run bench` runs every test/bench/*.bench.ts, `npm run bench -- NAME` one.
// Each benchmark prints JSON lines {"bench","metric","value","unit"} on stdout.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(benchDir)
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace(/\.bench\.ts$/, ''))
  .sort();

const [requested, ...rest] = process.argv.slice(2);
if (requested !== undefined && !available.includes(requested)) {
  console.error(`Unknown benchmark "${requested}". Available: ${available.join(', ')}`);
  process.exit(2);
}

let failed = false;
for (const name of requested === undefined ? available : [requested]) {
  console.error(`# bench ${name}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(benchDir, `${name}.bench.ts`), ...rest], {
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error(`# bench ${name} failed with exit code ${String(result.status)}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
