// 'dispatch:changed' to the staff watching the collectors concerned (their team's room when
// teams are restricted, see dispatch/team-scope.ts). Publication and reassignment start on one
// instance and go through the adapter; a visit starts in the database and arrives by NOTIFY.
import type { FastifyBaseLogger } from 'fastify';
import type { BroadcastOperator } from 'socket.io';
import { z } from 'zod';
import type { ServerToClientEvents } from '../../shared/events.js';
import type { DatabaseHandle } from '../db/client.js';
import { allWatcherRooms, watcherRooms } from '../dispatch/team-scope.js';
import { teamsOf } from '../dispatch/team.repository.js';
import type { RealtimeServer, SocketData } from './realtime.js';

export type DispatchSignal = Parameters<ServerToClientEvents['dispatch:changed']>[0];

export interface DispatchChange {
  signal: DispatchSignal;
  /** Teams of the collectors concerned (null: a collector without a team). */
  teams: (string | null)[];
  /** Cases left or joined the unassigned pool, which every dispatcher's map shows. */
  pool: boolean;
}

type Broadcaster = { to(room: string | string[]): BroadcastOperator<ServerToClientEvents, SocketData> };

/** `via` is the server (every instance, through the adapter) or `io.local` (this instance's sockets). */
export function emitDispatchChanged(via: Broadcaster, change: DispatchChange): void {
  const rooms = watcherRooms(change.teams);
  via.to(rooms).emit('dispatch:changed', change.signal);
  // Other teams only learn that pool cases changed, not whose they became.
  if (change.pool)
    via
      .to(allWatcherRooms)
      .except(rooms)
      .emit('dispatch:changed', { ...change.signal, collectorId: null });
}

/** NOTIFYed by the visits trigger (migration 0006) when a push writes visits: the collector and the cases. */
export const visitsChannel = 'fv_visits';
const visitsNotice = z.object({ collectorId: z.uuid(), caseIds: z.array(z.uuid()) });

/** Relays committed visits to the watchers on this instance; a burst from one push becomes one signal. */
export async function relayVisits(database: DatabaseHandle, io: RealtimeServer, log: FastifyBaseLogger): Promise<() => Promise<void>> {
  const pending = new Map<string, { caseIds: Set<string>; timer: NodeJS.Timeout }>();
  const flush = (collectorId: string) => {
    const batch = pending.get(collectorId);
    pending.delete(collectorId);
    if (!batch) return;
    teamsOf(database.db, [collectorId]).then(
      (teams) => {
        const signal: DispatchSignal = { reason: 'visit', caseIds: [...batch.caseIds], collectorId };
        emitDispatchChanged(io.local, { signal, teams: [teams.get(collectorId) ?? null], pool: false });
      },
      (error: unknown) => log.error({ err: error, collectorId }, 'could not relay visits'),
    );
  };
  const stop = await database.listen(visitsChannel, (payload) => {
    const notice = visitsNotice.safeParse(parseJson(payload));
    if (!notice.success) return log.warn({ payload }, 'ignored a malformed visits notice');
    const { collectorId, caseIds } = notice.data;
    const batch = pending.get(collectorId) ?? { caseIds: new Set<string>(), timer: setTimeout(() => flush(collectorId), 150) };
    for (const id of caseIds) batch.caseIds.add(id);
    pending.set(collectorId, batch);
  });
  return async () => {
    for (const batch of pending.values()) clearTimeout(batch.timer);
    pending.clear();
    await stop();
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
