// Independent feasibility check of Solomon routes, written apart from the solver (own parsing,
// own arithmetic) so that tests do not trust the code they test.

export interface SolomonCheck {
  violations: string[];
  distance: number;
  vehicles: number;
}

interface Site {
  x: number;
  y: number;
  demand: number;
  ready: number;
  due: number;
  service: number;
}

const TOLERANCE = 1e-6;

export function checkSolomonRoutes(instanceText: string, routes: number[][]): SolomonCheck {
  const rows = instanceText
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number))
    .filter((row) => row.every((cell) => !Number.isNaN(cell)));
  const fleet = rows.find((row) => row.length === 2)!;
  const sites = new Map<number, Site>();
  for (const row of rows.filter((r) => r.length === 7)) {
    const [number, x, y, demand, ready, due, service] = row as [number, number, number, number, number, number, number];
    sites.set(number, { x, y, demand, ready, due, service });
  }
  const depot = sites.get(0)!;
  const violations: string[] = [];
  const seen = new Set<number>();
  let distance = 0;
  const used = routes.filter((route) => route.length > 0);
  if (used.length > fleet[0]!) violations.push(`${used.length} routes but only ${fleet[0]} vehicles`);
  used.forEach((route, r) => {
    let time = depot.ready;
    let load = 0;
    let at = depot;
    for (const customer of route) {
      const site = sites.get(customer);
      if (site === undefined || customer === 0) {
        violations.push(`route ${r}: unknown customer ${customer}`);
        continue;
      }
      if (seen.has(customer)) violations.push(`customer ${customer} visited twice`);
      seen.add(customer);
      const leg = Math.sqrt((site.x - at.x) ** 2 + (site.y - at.y) ** 2);
      distance += leg;
      time = Math.max(time + leg, site.ready);
      if (time > site.due + TOLERANCE) violations.push(`route ${r}: customer ${customer} starts at ${time}, due ${site.due}`);
      time += site.service;
      load += site.demand;
      at = site;
    }
    const home = Math.sqrt((depot.x - at.x) ** 2 + (depot.y - at.y) ** 2);
    distance += home;
    if (time + home > depot.due + TOLERANCE) violations.push(`route ${r}: back at depot at ${time + home}, closes ${depot.due}`);
    if (load > fleet[1]!) violations.push(`route ${r}: load ${load} over capacity ${fleet[1]}`);
  });
  for (const number of sites.keys()) if (number !== 0 && !seen.has(number)) violations.push(`customer ${number} not served`);
  return { violations, distance, vehicles: used.length };
}
