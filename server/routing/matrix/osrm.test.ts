import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planRoutes } from '../plan.js';
import { CachedMatrixProvider } from './cache.js';
import { createMatrixProvider } from './from-config.js';
import { OsrmMatrixProvider } from './osrm.js';
import type { LatLng } from './provider.js';

/** The fake road network: Manhattan distance in degrees × 100 km, at 10 m/s. */
const roadMetres = (a: LatLng, b: LatLng): number => Math.round((Math.abs(a.lat - b.lat) + Math.abs(a.lng - b.lng)) * 100_000);
const UNREACHABLE: LatLng = { lat: 41.9, lng: 123.9 };

interface Seen {
  path: string;
  sources?: string;
  destinations?: string;
  annotations?: string;
}

describe('OSRM table provider against a fake OSRM server', () => {
  const seen: Seen[] = [];
  let server: Server;
  let baseUrl = '';

  beforeAll(async () => {
    server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://fake');
      const match = /^\/table\/v1\/(\w+)\/(.+)$/.exec(url.pathname);
      seen.push({
        path: url.pathname,
        ...(url.searchParams.has('sources') ? { sources: url.searchParams.get('sources')! } : {}),
        ...(url.searchParams.has('destinations') ? { destinations: url.searchParams.get('destinations')! } : {}),
        annotations: url.searchParams.get('annotations') ?? '',
      });
      response.setHeader('content-type', 'application/json');
      if (match === null || match[1] === 'unknown') {
        response.statusCode = 400;
        response.end(JSON.stringify({ code: 'InvalidUrl', message: 'bad profile' }));
        return;
      }
      const points = match[2]!.split(';').map((pair) => {
        const [lng, lat] = pair.split(',').map(Number);
        return { lat: lat!, lng: lng! };
      });
      const all = points.map((_, k) => k);
      const parse = (name: string): number[] => url.searchParams.get(name)?.split(';').map(Number) ?? all;
      const sources = parse('sources');
      const destinations = parse('destinations');
      const isolated = (p: LatLng): boolean => p.lat === UNREACHABLE.lat && p.lng === UNREACHABLE.lng;
      const cell = (s: number, d: number, scale: number): number | null =>
        s !== d && (isolated(points[s]!) || isolated(points[d]!)) ? null : roadMetres(points[s]!, points[d]!) * scale;
      response.end(
        JSON.stringify({
          code: 'Ok',
          durations: sources.map((s) => destinations.map((d) => cell(s, d, 0.1))),
          distances: sources.map((s) => destinations.map((d) => cell(s, d, 1))),
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const points: LatLng[] = Array.from({ length: 7 }, (_, k) => ({ lat: 41.8 + 0.01 * k, lng: 123.4 + 0.003 * ((k * 5) % 7) }));

  it('assembles the full matrix from blocks of sources × destinations', async () => {
    seen.length = 0;
    const provider = new OsrmMatrixProvider({ baseUrl: baseUrl + '/', blockSize: 3 });
    const matrix = await provider.matrix(points, 'car');
    expect(seen).toHaveLength(9);
    expect(seen.every((request) => request.path.startsWith('/table/v1/driving/') && request.annotations === 'duration,distance')).toBe(
      true,
    );
    expect(seen.some((request) => request.sources === '0;1;2' && request.destinations === '3;4;5')).toBe(true);
    for (let a = 0; a < points.length; a++) {
      for (let b = 0; b < points.length; b++) {
        expect(matrix.distances[a * 7 + b]).toBeCloseTo(roadMetres(points[a]!, points[b]!), 6);
        expect(matrix.durations[a * 7 + b]).toBeCloseTo(roadMetres(points[a]!, points[b]!) * 0.1, 6);
      }
    }
  });

  it('maps travel modes to OSRM profiles and unreachable pairs to Infinity', async () => {
    seen.length = 0;
    const provider = new OsrmMatrixProvider({ baseUrl });
    const matrix = await provider.matrix([points[0]!, UNREACHABLE], 'ebike');
    expect(seen[0]?.path).toMatch(/^\/table\/v1\/cycling\//);
    expect(matrix.durations[1]).toBe(Infinity);
    expect(matrix.durations[3]).toBe(0);
  });

  it('reports a service error instead of planning with a broken matrix', async () => {
    const provider = new OsrmMatrixProvider({ baseUrl, profiles: { walk: 'unknown' } });
    await expect(provider.matrix(points, 'walk')).rejects.toThrow(/InvalidUrl/);
  });

  it('asks the service once for a point set it has seen, and again for a new one', async () => {
    seen.length = 0;
    const provider = new CachedMatrixProvider(new OsrmMatrixProvider({ baseUrl }), 2);
    await provider.matrix(points, 'car');
    await provider.matrix(
      points.map((p) => ({ ...p })),
      'car',
    );
    expect(seen).toHaveLength(1);
    await provider.matrix(points, 'walk');
    await provider.matrix(points.slice(1), 'car');
    expect(seen).toHaveLength(3);
    // Capacity 2: the first entry was evicted.
    await provider.matrix(points, 'car');
    expect(seen).toHaveLength(4);
  });

  it('is what the configuration picks when ROUTING_URL is set', async () => {
    seen.length = 0;
    const matrix = await createMatrixProvider(baseUrl).matrix(points.slice(0, 2), 'car');
    expect(seen).toHaveLength(1);
    expect(matrix.distances[1]).toBeCloseTo(roadMetres(points[0]!, points[1]!), 6);
    const straight = await createMatrixProvider(undefined).matrix(points.slice(0, 2), 'car');
    expect(seen).toHaveLength(1);
    expect(straight.distances[1]).not.toBeCloseTo(roadMetres(points[0]!, points[1]!), 0);
  });

  it('plans with road travel times from the service', async () => {
    const provider = new OsrmMatrixProvider({ baseUrl });
    const plan = await planRoutes(
      {
        collectors: [{ id: 'a', start: points[0]!, shift: { start: 9 * 3600, end: 18 * 3600 }, travelMode: 'car' }],
        tasks: points.slice(1).map((location, k) => ({ id: `t${k}`, location, serviceSeconds: 600, value: 1 })),
      },
      { provider, seed: 1, maxIterations: 100 },
    );
    const route = plan.routes[0]!;
    expect(route.stops).toHaveLength(6);
    const first = points[Number(route.stops[0]!.taskId.slice(1)) + 1]!;
    expect(route.stops[0]!.travelSeconds).toBeCloseTo(roadMetres(points[0]!, first) * 0.1, 6);
    expect(route.distanceMetres).toBeGreaterThan(0);
  });
});
