// `npm run bench:vrp -- FILE [--time-limit SECONDS] [--routes-out ROUTES.json] [--seed N]`:
// solves one Solomon VRPTW instance with the route planner's engine and prints one JSON line.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { search } from '../../server/routing/core/search.js';
import { parseSolomon, solomonRoutes, solomonToCore } from '../../server/routing/solomon.js';

const DEFAULT_TIME_LIMIT_S = 8;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'time-limit': { type: 'string' },
    'routes-out': { type: 'string' },
    seed: { type: 'string' },
    iterations: { type: 'string' },
  },
});
const file = positionals[0];
if (file === undefined) {
  console.error('usage: npm run bench:vrp -- FILE [--time-limit SECONDS] [--routes-out ROUTES.json] [--seed N]');
  process.exit(2);
}

const started = performance.now();
const instance = parseSolomon(readFileSync(file, 'utf8'));
const problem = solomonToCore(instance);
const result = await search(problem, {
  seed: Number(values.seed ?? 1),
  timeLimitMs: Number(values['time-limit'] ?? DEFAULT_TIME_LIMIT_S) * 1000,
  ...(values.iterations === undefined ? {} : { maxIterations: Number(values.iterations) }),
});
const routes = solomonRoutes(instance, result.solution);
if (values['routes-out'] !== undefined) writeFileSync(values['routes-out'], JSON.stringify(routes) + '\n');
// Exactly the contract's fields on stdout; search statistics go to stderr.
console.log(
  JSON.stringify({
    instance: instance.name || basename(file).replace(/\.txt$/i, ''),
    vehicles: routes.length,
    distance: Number(result.solution.cost.toFixed(2)),
    unserved: result.solution.unassigned.length,
    seconds: Number(((performance.now() - started) / 1000).toFixed(2)),
  }),
);
console.error(`# ${result.iterations} iterations, stopped by ${result.stopReason}`);
