// Conduct rules the software enforces, as pure functions shared by the PWA (to warn early)
// and the server (to refuse).

export interface VisitingHours {
  start: string; // HH:MM, debtor's local time
  end: string;
}

// Building a formatter costs far more than using one; a server sees few distinct zones.
const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time HH:MM of `instant` in `timeZone`. */
export function localClock(instant: Date, timeZone: string): string {
  let format = clockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    clockFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(instant);
  const hour = parts.find((p) => p.type === 'hour')?.value ?? '00';
  const minute = parts.find((p) => p.type === 'minute')?.value ?? '00';
  return `${hour}:${minute}`;
}

/** Visits are allowed from `start` up to, not including, `end` in the debtor's zone (never the device's). */
export function isWithinVisitingHours(instant: Date, timeZone: string, hours: VisitingHours): boolean {
  const clock = localClock(instant, timeZone);
  return clock >= hours.start && clock < hours.end;
}

/** A promise or payment can never exceed the total outstanding; below it, it is a settlement request. */
export function classifyPromise(amount: number, totalOutstanding: number): 'exceeds_outstanding' | 'promise' | 'settlement_requested' {
  if (amount > totalOutstanding) return 'exceeds_outstanding';
  return amount === totalOutstanding ? 'promise' : 'settlement_requested';
}
