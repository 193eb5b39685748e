import { describe, expect, it } from 'vitest';
import { permittedWindows } from '../routing/compile.js';
import { StraightLineProvider } from '../routing/matrix/straight-line.js';
import type { TravelMatrix } from '../routing/matrix/provider.js';
import { planRoutes } from '../routing/plan.js';
import { DEFAULT_VISITING_HOURS, type PlanRequest } from '../routing/types.js';
import { retimeRoute } from './retime.js';

const hour = 3600;

/** Start plus visits on a line, `legSeconds` apart, 100 m per second of travel. */
function lineMatrix(points: number, legSeconds: number): TravelMatrix {
  const durations = new Float64Array(points * points);
  const distances = new Float64Array(points * points);
  for (let a = 0; a < points; a++) {
    for (let b = 0; b < points; b++) {
      durations[a * points + b] = Math.abs(a - b) * legSeconds;
      distances[a * points + b] = Math.abs(a - b) * legSeconds * 100;
    }
  }
  return { size: points, durations, distances };
}

describe('retimeRoute', () => {
  it('starts each visit at arrival or at its window’s opening, whichever is later', () => {
    const route = retimeRoute(
      8 * hour,
      [
        { windows: [{ start: 9 * hour, end: 12 * hour }], serviceSeconds: 1200 },
        { windows: [{ start: 8 * hour, end: 20 * hour }], serviceSeconds: 1200 },
      ],
      lineMatrix(3, 600),
    );
    expect(route.stops.map((s) => [s.arrival, s.departure, s.lateSeconds])).toEqual([
      [9 * hour, 9 * hour + 1200, 0],
      [9 * hour + 1800, 9 * hour + 3000, 0],
    ]);
    // Out 600 s, between 600 s, home 1200 s.
    expect(route.travelSeconds).toBe(2400);
    expect(route.distanceMetres).toBe(240_000);
  });

  it('waits for a later window when the first has closed (home visits skip lunch)', () => {
    const windows = [
      { start: 8 * hour, end: 12 * hour },
      { start: 14 * hour, end: 20 * hour },
    ];
    const [stop] = retimeRoute(12 * hour, [{ windows, serviceSeconds: 1200 }], lineMatrix(2, 600)).stops;
    expect(stop).toEqual({ arrival: 14 * hour, departure: 14 * hour + 1200, window: windows[1], lateSeconds: 0 });
  });

  it('keeps a visit that can no longer start in any window, reporting by how much it is late', () => {
    const windows = [{ start: 8 * hour, end: 11 * hour }];
    const route = retimeRoute(
      10 * hour + 1800,
      [
        { windows: [{ start: 8 * hour, end: 20 * hour }], serviceSeconds: 1800 },
        { windows, serviceSeconds: 1200 },
      ],
      lineMatrix(3, 300),
    );
    // First visit 10:35–11:05, second at the door 11:10: ten minutes past its latest start.
    expect(route.stops[1]).toEqual({ arrival: 11 * hour + 600, departure: 11 * hour + 1800, window: windows[0], lateSeconds: 600 });
    expect(route.stops[0]!.lateSeconds).toBe(0);
  });

  it('has no travel for an empty route', () => {
    expect(retimeRoute(8 * hour, [], lineMatrix(1, 0))).toEqual({ stops: [], travelSeconds: 0, distanceMetres: 0 });
  });

  it('reproduces the planner’s own schedule for the routes it planned', async () => {
    const provider = new StraightLineProvider();
    const request: PlanRequest = {
      collectors: [{ id: 'c1', start: { lat: 41.8, lng: 123.4 }, shift: { start: 8.5 * hour, end: 19.5 * hour }, travelMode: 'ebike' }],
      tasks: Array.from({ length: 8 }, (_, i) => ({
        id: `t${i}`,
        location: { lat: 41.78 + (i % 3) * 0.01, lng: 123.38 + Math.floor(i / 3) * 0.012 },
        windows:
          i % 2 === 0
            ? [
                { start: 8 * hour, end: 12 * hour },
                { start: 14 * hour, end: 21 * hour },
              ]
            : [{ start: 9 * hour, end: 17.5 * hour }],
        serviceSeconds: 1200,
        value: 10,
      })),
    };
    const plan = await planRoutes(request, { provider, maxIterations: 200 });
    const route = plan.routes[0]!;
    expect(route.stops.length).toBeGreaterThan(3);
    const tasks = route.stops.map((stop) => request.tasks.find((t) => t.id === stop.taskId)!);
    const matrix = await provider.matrix([request.collectors[0]!.start, ...tasks.map((t) => t.location)], 'ebike');
    const retimed = retimeRoute(
      8.5 * hour,
      tasks.map((t) => ({
        windows: permittedWindows(t, DEFAULT_VISITING_HOURS).map(([start, end]) => ({ start, end })),
        serviceSeconds: t.serviceSeconds,
      })),
      matrix,
    );
    expect(retimed.stops.map((s) => s.arrival)).toEqual(route.stops.map((s) => s.serviceStart));
    expect(retimed.stops.every((s) => s.lateSeconds === 0)).toBe(true);
    expect(retimed.travelSeconds).toBeCloseTo(route.travelSeconds, 6);
    expect(retimed.distanceMetres).toBeCloseTo(route.distanceMetres, 6);
  });
});
