// Calendar buckets for team results: a day, an ISO week (Monday first, as in China) or a month,
// each named by its first date. Pure date arithmetic on YYYY-MM-DD; the server's SQL buckets
// the same way (date_trunc on the local date), and the tests hold the two together.

export const resultPeriods = ['day', 'week', 'month'] as const;
export type ResultPeriod = (typeof resultPeriods)[number];

const dayMs = 86_400_000;

function toUtcMs(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day);
}

const fromUtcMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The date `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  return fromUtcMs(toUtcMs(date) + days * dayMs);
}

/** Whole days from `from` to `to` (0 for the same date, negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / dayMs);
}

/** The first date of the bucket holding `date`. */
export function bucketOf(date: string, period: ResultPeriod): string {
  if (period === 'day') return date;
  if (period === 'month') return `${date.slice(0, 7)}-01`;
  const weekday = (new Date(toUtcMs(date)).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(date, -weekday);
}

/** The first date of the bucket after the one starting at `start`. */
export function nextBucket(start: string, period: ResultPeriod): string {
  if (period === 'day') return addDays(start, 1);
  if (period === 'week') return addDays(start, 7);
  const [year, month] = start.split('-').map(Number) as [number, number];
  return fromUtcMs(Date.UTC(year, month, 1));
}

/** Every bucket touching [from, to] in order; the first may start before `from` (a week or month cut by the range). */
export function bucketStarts(from: string, to: string, period: ResultPeriod): string[] {
  const starts: string[] = [];
  for (let start = bucketOf(from, period); start <= to; start = nextBucket(start, period)) starts.push(start);
  return starts;
}

/** The last date of the bucket starting at `start`, cut at `to`. */
export function bucketEnd(start: string, period: ResultPeriod, to: string): string {
  const last = addDays(nextBucket(start, period), -1);
  return last < to ? last : to;
}

/** Today's date in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}
