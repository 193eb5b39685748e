// The one interface every travel-time source implements, and the shapes it deals in.

export type TravelMode = 'walk' | 'bike' | 'ebike' | 'car' | 'transit';

/** WGS-84 degrees. */
export interface LatLng {
  lat: number;
  lng: number;
}

/** Square matrix over the requested points, row-major: [from * size + to]. */
export interface TravelMatrix {
  size: number;
  /** Seconds; Infinity where the source knows no way between two points. */
  durations: Float64Array;
  /** Metres; Infinity where unreachable. */
  distances: Float64Array;
}

export interface MatrixProvider {
  matrix(points: readonly LatLng[], mode: TravelMode, signal?: AbortSignal): Promise<TravelMatrix>;
}
