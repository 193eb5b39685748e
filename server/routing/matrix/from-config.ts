// Picks the travel-time source the way the design brief says: road times from an
// OSRM-compatible service when ROUTING_URL is configured, straight-line estimates otherwise.
// The server's validated configuration passes the URL in; the library never reads the env.
import { CachedMatrixProvider } from './cache.js';
import { OsrmMatrixProvider } from './osrm.js';
import type { MatrixProvider } from './provider.js';
import { StraightLineProvider } from './straight-line.js';

export function createMatrixProvider(routingUrl?: string): MatrixProvider {
  if (routingUrl === undefined || routingUrl === '') return new CachedMatrixProvider(new StraightLineProvider());
  return new CachedMatrixProvider(new OsrmMatrixProvider({ baseUrl: routingUrl }));
}
