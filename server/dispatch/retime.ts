// Times one collector's route in the order the dispatcher chose, with the planner's travel model:
// nothing is reordered or dropped, so a stop that can no longer start inside its window is kept
// and reported late instead.
import type { TravelMatrix } from '../routing/matrix/provider.js';
import type { TimeWindow } from '../routing/types.js';

export interface RetimeVisit {
  /** When the visit may start, on the plan's clock, already inside the visiting hours (compile.ts permittedWindows). */
  windows: TimeWindow[];
  serviceSeconds: number;
}

export interface RetimedStop {
  /** Service start: arrival at the door, or the window's opening when that is later. */
  arrival: number;
  departure: number;
  /** The window the visit falls in (the last one when it is late for all of them). */
  window: TimeWindow;
  /** Seconds the visit starts after its window's latest start, which is also how long it runs past its permitted end. */
  lateSeconds: number;
}

export interface RetimedRoute {
  stops: RetimedStop[];
  /** Legs out, between stops and back to the start. */
  travelSeconds: number;
  distanceMetres: number;
}

/**
 * `matrix` covers the collector's start (point 0, also where the day ends) and the visits in
 * order (point i + 1 is visits[i]).
 */
export function retimeRoute(shiftStart: number, visits: readonly RetimeVisit[], matrix: TravelMatrix): RetimedRoute {
  const leg = (from: number, to: number) => ({
    seconds: matrix.durations[from * matrix.size + to]!,
    metres: matrix.distances[from * matrix.size + to]!,
  });
  const stops: RetimedStop[] = [];
  let time = shiftStart;
  let previous = 0;
  let travelSeconds = 0;
  let distanceMetres = 0;
  visits.forEach((visit, index) => {
    const point = index + 1;
    const { seconds, metres } = leg(previous, point);
    const atDoor = time + seconds;
    const open = visit.windows.find((w) => atDoor <= w.end);
    const window = open ?? visit.windows[visit.windows.length - 1];
    if (window === undefined) throw new Error('a visit without any permitted window cannot be timed');
    const arrival = open ? Math.max(atDoor, open.start) : atDoor;
    // A hair of floating-point drift is not lateness; any real lateness counts in whole seconds.
    const lateSeconds = open ? 0 : Math.max(0, Math.ceil(arrival - window.end - 1e-6));
    time = arrival + visit.serviceSeconds;
    stops.push({ arrival, departure: time, window, lateSeconds });
    travelSeconds += seconds;
    distanceMetres += metres;
    previous = point;
  });
  if (stops.length > 0) {
    const home = leg(previous, 0);
    travelSeconds += home.seconds;
    distanceMetres += home.metres;
  }
  return { stops, travelSeconds, distanceMetres };
}
