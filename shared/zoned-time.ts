// Wall-clock times in a named zone to instants and back, with Intl only (plans are made per
// day in the debtors' zone; storage is UTC).

const partFormats = new Map<string, Intl.DateTimeFormat>();

function offsetMs(instant: number, timeZone: string): number {
  let format = partFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    partFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant of `secondsAfterMidnight` on `date` (YYYY-MM-DD) in `timeZone`. */
export function zonedInstant(date: string, secondsAfterMidnight: number, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, day) + secondsAfterMidnight * 1000;
  // Two passes settle the offset even next to a daylight-saving change.
  const first = wall - offsetMs(wall, timeZone);
  return new Date(wall - offsetMs(first, timeZone));
}

/** Seconds since local midnight of `instant` in `timeZone`. */
export function secondsAfterLocalMidnight(instant: Date, timeZone: string): number {
  const local = instant.getTime() + offsetMs(instant.getTime(), timeZone);
  return Math.floor((((local / 1000) % 86_400) + 86_400) % 86_400);
}

/** HH:MM to seconds after midnight. */
export function clockSeconds(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number) as [number, number];
  return hours * 3600 + minutes * 60;
}
