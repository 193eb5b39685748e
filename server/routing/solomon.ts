// Solomon VRPTW instances (the benchmark format) parsed and compiled onto the core engine:
// Euclidean distances, unrounded, serve as both travel time and cost.
import type { CoreProblem, CoreSolution } from './core/problem.js';

export interface SolomonCustomer {
  number: number;
  x: number;
  y: number;
  demand: number;
  ready: number;
  due: number;
  service: number;
}

export interface SolomonInstance {
  name: string;
  vehicles: number;
  capacity: number;
  /** Depot first (customer number 0), then customers in file order. */
  sites: SolomonCustomer[];
}

export function parseSolomon(text: string): SolomonInstance {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const name = lines.find((line) => line.length > 0) ?? 'unknown';
  const numbers = lines.map((line) =>
    line
      .split(/\s+/)
      .filter((part) => part.length > 0)
      .map(Number),
  );
  const fleetIndex = lines.findIndex((line) => /^VEHICLE/i.test(line));
  const fleet = numbers.slice(fleetIndex + 1).find((row) => row.length === 2 && row.every(Number.isFinite));
  if (fleetIndex < 0 || fleet === undefined) throw new Error('Solomon file: no VEHICLE section with NUMBER and CAPACITY');
  const customerIndex = lines.findIndex((line) => /^CUSTOMER/i.test(line));
  const sites = numbers
    .slice(customerIndex + 1)
    .filter((row) => row.length === 7 && row.every(Number.isFinite))
    .map(([number, x, y, demand, ready, due, service]) => ({
      number: number!,
      x: x!,
      y: y!,
      demand: demand!,
      ready: ready!,
      due: due!,
      service: service!,
    }));
  if (sites[0]?.number !== 0) throw new Error('Solomon file: the first customer line must be the depot (number 0)');
  return { name, vehicles: fleet[0]!, capacity: fleet[1]!, sites };
}

export function solomonToCore(instance: SolomonInstance): CoreProblem {
  const { sites } = instance;
  const size = sites.length;
  const distance = new Float64Array(size * size);
  for (let a = 0; a < size; a++) {
    for (let b = 0; b < size; b++) {
      const from = sites[a]!;
      const to = sites[b]!;
      distance[a * size + b] = Math.hypot(from.x - to.x, from.y - to.y);
    }
  }
  const depot = sites[0]!;
  const customers = sites.slice(1);
  return {
    tables: [{ size, duration: distance, cost: distance, distance }],
    jobs: customers.map((site, index) => ({
      node: index + 1,
      service: site.service,
      windows: [[site.ready, site.due]],
      demand: site.demand,
      value: 1,
    })),
    vehicles: Array.from({ length: instance.vehicles }, () => ({
      startNode: 0,
      endNode: 0,
      shiftStart: depot.ready,
      shiftEnd: depot.due,
      capacity: instance.capacity,
      maxJobs: customers.length,
      table: 0,
    })),
  };
}

/** Routes as lists of customer numbers, depot left out (the benchmark's --routes-out format). */
export function solomonRoutes(instance: SolomonInstance, solution: CoreSolution): number[][] {
  return solution.routes.map((route) => route.jobs.map((job) => instance.sites[job + 1]!.number));
}
