// Where things sit on the plan's timeline: instants to fractions of the day's span, hour ticks in the
// plan's zone, and where a dropped stop lands in a route. Fractions, so the layout is plain CSS percent.
import { secondsAfterLocalMidnight, zonedInstant } from '../../../shared/zoned-time.js';

export interface TimeRange {
  start: number;
  end: number;
}

export interface TimedStop {
  arrival: string;
  departure: string;
  windowStart: string;
  windowEnd: string;
}

const hourMs = 3_600_000;

/** The local hour at or before an instant, in the zone (zones with half-hour offsets included). */
export function floorToLocalHour(ms: number, timeZone: string): number {
  const intoHour = secondsAfterLocalMidnight(new Date(ms), timeZone) % 3600;
  return Math.floor(ms / 1000) * 1000 - intoHour * 1000;
}

/** The span every row shares: from the earliest window or arrival to the latest, in whole local hours. */
export function timelineRange(stops: readonly TimedStop[], serviceDate: string, timeZone: string): TimeRange {
  if (stops.length === 0) {
    return {
      start: zonedInstant(serviceDate, 8 * 3600, timeZone).getTime(),
      end: zonedInstant(serviceDate, 21 * 3600, timeZone).getTime(),
    };
  }
  let start = Infinity;
  let end = -Infinity;
  for (const stop of stops) {
    start = Math.min(start, Date.parse(stop.arrival), Date.parse(stop.windowStart));
    end = Math.max(end, Date.parse(stop.departure), Date.parse(stop.windowEnd));
  }
  const from = floorToLocalHour(start, timeZone);
  const lastHour = floorToLocalHour(end, timeZone);
  return { start: from, end: lastHour === end ? end : lastHour + hourMs };
}

export function fraction(range: TimeRange, ms: number): number {
  const span = range.end - range.start;
  if (span <= 0) return 0;
  return Math.min(1, Math.max(0, (ms - range.start) / span));
}

/** Each whole local hour in the range with its clock label. */
export function hourTicks(range: TimeRange, timeZone: string): { at: number; fraction: number; label: string }[] {
  const ticks: { at: number; fraction: number; label: string }[] = [];
  const format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  for (let at = floorToLocalHour(range.start, timeZone); at <= range.end; at += hourMs) {
    if (at < range.start) continue;
    ticks.push({ at, fraction: fraction(range, at), label: format.format(new Date(at)) });
  }
  return ticks;
}

/** A stop's window and visit as left/width fractions of the range. */
export function stopGeometry(range: TimeRange, stop: TimedStop) {
  const windowLeft = fraction(range, Date.parse(stop.windowStart));
  const visitLeft = fraction(range, Date.parse(stop.arrival));
  return {
    windowLeft,
    windowWidth: fraction(range, Date.parse(stop.windowEnd)) - windowLeft,
    visitLeft,
    visitWidth: Math.max(0.004, fraction(range, Date.parse(stop.departure)) - visitLeft),
  };
}

/**
 * Where a stop dropped at `dropFraction` goes in a route whose other stops' visits are centred at
 * `centres` (in route order, the moved stop left out): before the first centre to its right.
 */
export function dropPosition(centres: readonly number[], dropFraction: number): number {
  let position = 0;
  for (const centre of centres) {
    if (centre < dropFraction) position += 1;
    else break;
  }
  return position;
}

/** Clock time of an instant in the plan's zone, HH:MM. */
export function clock(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}
