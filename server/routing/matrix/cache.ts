// Keeps recent matrices keyed by travel mode and point set, so a re-plan over the same points
// (or an OSRM round trip) is not paid twice. Least recently used entries go first.
import type { LatLng, MatrixProvider, TravelMatrix, TravelMode } from './provider.js';

export class CachedMatrixProvider implements MatrixProvider {
  private readonly entries = new Map<string, Promise<TravelMatrix>>();

  constructor(
    private readonly source: MatrixProvider,
    private readonly capacity = 16,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  matrix(points: readonly LatLng[], mode: TravelMode, signal?: AbortSignal): Promise<TravelMatrix> {
    // Six decimals is ~0.1 m: finer differences cannot change a travel time.
    const key = `${mode}|${points.map((p) => `${p.lat.toFixed(6)},${p.lng.toFixed(6)}`).join(';')}`;
    const known = this.entries.get(key);
    if (known !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, known);
      return known;
    }
    const pending = this.source.matrix(points, mode, signal);
    this.entries.set(key, pending);
    // A failed fetch must not stay cached.
    pending.catch(() => this.entries.delete(key));
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return pending;
  }
}
