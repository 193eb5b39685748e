// Travel matrices from an OSRM-compatible `table` service (ROUTING_URL). Servers cap the table
// size (OSRM's --max-table-size defaults to 100), so large point sets go as blocks of
// sources × destinations, a few requests at a time.
import type { LatLng, MatrixProvider, TravelMatrix, TravelMode } from './provider.js';

export interface OsrmOptions {
  /** Base URL, e.g. http://osrm:5000 (ROUTING_URL). */
  baseUrl: string;
  /** OSRM profile per travel mode; transit has none in OSRM, so it falls back to driving. */
  profiles?: Partial<Record<TravelMode, string>>;
  /** Most sources (and destinations) per request. */
  blockSize?: number;
  concurrency?: number;
  fetch?: typeof fetch;
}

const DEFAULT_PROFILES: Record<TravelMode, string> = {
  walk: 'foot',
  bike: 'cycling',
  ebike: 'cycling',
  car: 'driving',
  transit: 'driving',
};

interface OsrmTableResponse {
  code: string;
  message?: string;
  durations?: (number | null)[][];
  distances?: (number | null)[][];
}

interface Block {
  rows: number[];
  columns: number[];
}

export class OsrmMatrixProvider implements MatrixProvider {
  private readonly profiles: Record<TravelMode, string>;
  private readonly blockSize: number;
  private readonly concurrency: number;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: OsrmOptions) {
    this.profiles = { ...DEFAULT_PROFILES, ...options.profiles };
    this.blockSize = options.blockSize ?? 100;
    this.concurrency = options.concurrency ?? 4;
    this.fetchImpl = options.fetch ?? fetch;
  }

  async matrix(points: readonly LatLng[], mode: TravelMode, signal?: AbortSignal): Promise<TravelMatrix> {
    const size = points.length;
    const durations = new Float64Array(size * size);
    const distances = new Float64Array(size * size);
    const blocks = this.blocks(size);
    const work = async (): Promise<void> => {
      for (let block = blocks.shift(); block !== undefined; block = blocks.shift()) {
        const table = await this.fetchBlock(points, block, mode, signal);
        block.rows.forEach((row, r) =>
          block.columns.forEach((column, c) => {
            const cell = row * size + column;
            durations[cell] = row === column ? 0 : (table.durations?.[r]?.[c] ?? Infinity);
            distances[cell] = row === column ? 0 : (table.distances?.[r]?.[c] ?? Infinity);
          }),
        );
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, blocks.length) }, work));
    return { size, durations, distances };
  }

  private blocks(size: number): Block[] {
    const ranges: number[][] = [];
    for (let from = 0; from < size; from += this.blockSize) {
      ranges.push(Array.from({ length: Math.min(this.blockSize, size - from) }, (_, k) => from + k));
    }
    return ranges.flatMap((rows) => ranges.map((columns) => ({ rows, columns })));
  }

  private async fetchBlock(points: readonly LatLng[], block: Block, mode: TravelMode, signal?: AbortSignal): Promise<OsrmTableResponse> {
    // A diagonal block sends its points once; others send rows then columns.
    const same = block.rows[0] === block.columns[0];
    const indices = same ? block.rows : block.rows.concat(block.columns);
    const coordinates = indices.map((i) => `${points[i]!.lng.toFixed(6)},${points[i]!.lat.toFixed(6)}`).join(';');
    // Built by hand: OSRM expects literal ';' and ',' in the query, not percent-encoded ones.
    let query = 'annotations=duration,distance';
    if (!same) {
      query += `&sources=${block.rows.map((_, k) => k).join(';')}`;
      query += `&destinations=${block.columns.map((_, k) => block.rows.length + k).join(';')}`;
    }
    const url = `${this.options.baseUrl.replace(/\/+$/, '')}/table/v1/${this.profiles[mode]}/${coordinates}?${query}`;
    const response = await this.fetchImpl(url, signal === undefined ? {} : { signal });
    const body = (await response.json().catch(() => ({ code: 'NotJson' }))) as OsrmTableResponse;
    if (!response.ok || body.code !== 'Ok') {
      throw new Error(`routing service table request failed: HTTP ${response.status} ${body.code} ${body.message ?? ''}`.trim());
    }
    return body;
  }
}
