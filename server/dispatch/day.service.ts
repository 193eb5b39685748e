// The dispatcher's picture of a day: each collector's home base, last position and published
// route, with every stop's progress from the visits synced so far.
import type { DispatchDay } from '../../shared/schemas/dispatch.js';
import { zonedInstant } from '../../shared/zoned-time.js';
import type { Database } from '../db/client.js';
import { collectorsOnDuty, type DayStopRow, dayStops } from './day.repository.js';

export type StopState = 'done' | 'current' | 'remaining';

/**
 * Done once recorded or checked out; current while checked in; when nobody is at a door, the
 * first stop not done is where the collector is heading.
 */
export function stopStates(visits: readonly { done: boolean; checkedIn: boolean }[]): StopState[] {
  const states = visits.map((v): StopState => (v.done ? 'done' : v.checkedIn ? 'current' : 'remaining'));
  if (!states.includes('current')) {
    const next = states.indexOf('remaining');
    if (next >= 0) states[next] = 'current';
  }
  return states;
}

export async function dispatchDayOf(
  db: Database,
  serviceDate: string,
  options: { timeZone: string; team: string | null },
): Promise<DispatchDay> {
  const people = await collectorsOnDuty(db, options.team);
  const from = zonedInstant(serviceDate, 0, options.timeZone);
  const until = zonedInstant(serviceDate, 86_400, options.timeZone);
  const rows = await dayStops(
    db,
    serviceDate,
    people.map((p) => p.id),
    from,
    until,
  );
  const stopsOf = new Map<string, DayStopRow[]>();
  for (const row of rows) stopsOf.set(row.collectorId, [...(stopsOf.get(row.collectorId) ?? []), row]);
  return {
    serviceDate,
    collectors: people.map((person) => {
      const stops = stopsOf.get(person.id) ?? [];
      const states = stopStates(
        stops.map((s) => ({ done: s.recordedAt !== null || s.checkedOutAt !== null, checkedIn: s.checkedInAt !== null })),
      );
      const first = stops[0];
      return {
        id: person.id,
        displayName: person.displayName,
        teamId: person.teamId,
        home: { lat: person.homeLat, lng: person.homeLng },
        lastPosition:
          person.lastLat !== null && person.lastLng !== null && person.lastPositionAt !== null
            ? { lat: person.lastLat, lng: person.lastLng, accuracyM: person.lastAccuracyM ?? 0, at: person.lastPositionAt.toISOString() }
            : null,
        route: first
          ? {
              id: first.routeId,
              publishedAt: first.publishedAt?.toISOString() ?? null,
              stops: stops.map((s, i) => ({
                sequence: s.sequence,
                caseId: s.caseId,
                debtorName: s.debtorName,
                lat: s.lat,
                lng: s.lng,
                plannedArrival: s.plannedArrival.toISOString(),
                windowStart: s.windowStart.toISOString(),
                windowEnd: s.windowEnd.toISOString(),
                state: states[i]!,
                checkIn:
                  s.checkedInAt && s.checkInLat !== null && s.checkInLng !== null
                    ? { lat: s.checkInLat, lng: s.checkInLng, at: s.checkedInAt.toISOString() }
                    : null,
                outcome: s.outcome,
              })),
            }
          : null,
      };
    }),
  };
}
