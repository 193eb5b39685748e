// How long ago a collector's position was reported, in words a dispatcher reads at a glance.
export type Age = { unit: 'now' } | { unit: 'minutes' | 'hours' | 'days'; value: number };

export function ageOf(iso: string, now: number): Age {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return { unit: 'now' };
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return { unit: 'minutes', value: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { unit: 'hours', value: hours };
  return { unit: 'days', value: Math.floor(hours / 24) };
}

/** A position older than this is shown as stale (greyed) on the map. */
export const staleAfterMs = 30 * 60_000;
