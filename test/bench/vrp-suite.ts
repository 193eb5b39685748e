// `npm run bench:vrp:suite [-- --time-limit S] [--only R1,RC2] [--jobs 2] [--seed N]`: solves every
// Solomon instance in ../shared/bench/solomon with test/bench/vrp.ts (one process per instance,
// single-threaded solve) and prints the mean gap to the distance-objective best-known results.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkSolomonRoutes } from '../../server/routing/testing/check-solomon.js';

interface InstanceResult {
  instance: string;
  vehicles: number;
  distance: number;
  unserved: number;
  seconds: number;
  /** Rule breaks found by the independent checker in the written routes. */
  violations: number;
}

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(benchDir, '../..');
const dataDir = resolve(repoRoot, '../shared/bench');
const { values } = parseArgs({
  options: {
    'time-limit': { type: 'string' },
    only: { type: 'string' },
    jobs: { type: 'string', default: '2' },
    seed: { type: 'string', default: '1' },
  },
});

const classOf = (name: string): string => name.replace(/\d{2}$/, '');
const only = values.only?.split(',').map((prefix) => prefix.trim().toUpperCase());
const files = readdirSync(join(dataDir, 'solomon'))
  .filter((file) => file.endsWith('.txt'))
  .filter(
    (file) =>
      only === undefined ||
      only.some((prefix) => classOf(file.replace(/\.txt$/, '')).toUpperCase() === prefix || file.toUpperCase().startsWith(prefix + '.')),
  )
  .sort();
const bestKnown = new Map(
  readFileSync(join(dataDir, 'solomon-bks.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','))
    .map((cells) => [cells[0]!, Number(cells[4])] as const),
);

const routesDir = mkdtempSync(join(tmpdir(), 'vrp-suite-'));
process.on('exit', () => rmSync(routesDir, { recursive: true, force: true }));

function solve(file: string): Promise<InstanceResult> {
  const instanceFile = join(dataDir, 'solomon', file);
  const routesFile = join(routesDir, file.replace(/\.txt$/, '.json'));
  const args = ['--import', 'tsx', join(benchDir, 'vrp.ts'), instanceFile, '--seed', values.seed, '--routes-out', routesFile];
  if (values['time-limit'] !== undefined) args.push('--time-limit', values['time-limit']);
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      if (code !== 0) return fail(new Error(`${file}: exit code ${String(code)}`));
      const result = JSON.parse(output.trim().split('\n').pop() ?? '{}') as Omit<InstanceResult, 'violations'>;
      // Trust nothing the solver says about feasibility: re-check the written routes.
      const routes = JSON.parse(readFileSync(routesFile, 'utf8')) as number[][];
      const check = checkSolomonRoutes(readFileSync(instanceFile, 'utf8'), routes);
      done({ ...result, violations: check.violations.length });
    });
  });
}

const results: InstanceResult[] = [];
const queue = [...files];
async function worker(): Promise<void> {
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    const result = await solve(file);
    const best = bestKnown.get(result.instance);
    const gap = best === undefined ? NaN : ((result.distance - best) / best) * 100;
    console.log(JSON.stringify({ ...result, bks: best, gap_pct: Number(gap.toFixed(2)) }));
    results.push(result);
  }
}
await Promise.all(Array.from({ length: Math.max(1, Number(values.jobs)) }, () => worker()));

const gapOf = (result: InstanceResult): number => {
  const best = bestKnown.get(result.instance) ?? NaN;
  return ((result.distance - best) / best) * 100;
};
const mean = (items: number[]): number => items.reduce((sum, item) => sum + item, 0) / items.length;
const metric = (name: string, value: number, unit: string): void =>
  console.log(JSON.stringify({ bench: 'vrp', metric: name, value: Number(value.toFixed(3)), unit }));

const classes = [...new Set(results.map((result) => classOf(result.instance)))].sort();
for (const name of classes) {
  metric(`solomon.${name}.mean_gap_pct`, mean(results.filter((r) => classOf(r.instance) === name).map(gapOf)), '%');
}
metric('solomon.mean_gap_pct', mean(results.map(gapOf)), '%');
metric('solomon.max_seconds', Math.max(...results.map((result) => result.seconds)), 's');
metric('solomon.mean_seconds', mean(results.map((result) => result.seconds)), 's');
metric(
  'solomon.unserved',
  results.reduce((sum, result) => sum + result.unserved, 0),
  'customers',
);
metric('solomon.infeasible', results.filter((result) => result.violations > 0).length, 'instances');
metric('solomon.instances', results.length, 'instances');
