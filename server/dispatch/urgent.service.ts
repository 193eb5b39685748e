// During the day: one urgent case into the best of today's published routes, the rest untouched.
import type { SessionUser } from '../../shared/schemas/auth.js';
import type { UrgentResponse } from '../../shared/schemas/dispatch.js';
import { secondsAfterLocalMidnight, zonedInstant } from '../../shared/zoned-time.js';
import { writeAudit } from '../audit/audit.repository.js';
import type { Database } from '../db/client.js';
import { DomainError } from '../http/errors.js';
import type { DispatchChange } from '../realtime/dispatch-signals.js';
import { newId } from '../ids.js';
import { insertUrgentTask } from '../routing/insert.js';
import { assignCases } from './assignment.repository.js';
import { insertRoute, planningCases, planningCollectors } from './dispatch.repository.js';
import { toPlanRequest, windowOfStop } from './plan-request.js';
import { localDate, publishedRoutesOn } from './routes.repository.js';
import { requireOwnTeamCases } from './team-access.js';
import { holdersOf, teamsOf } from './team.repository.js';

export interface UrgentOptions {
  timeZone: string;
  /** Only this team's routes take the case (DISPATCH_TEAM_SCOPE=team); null: every route. */
  team: string | null;
  notify?: (change: DispatchChange) => void;
  now?: Date;
}

export async function insertUrgentCase(db: Database, actor: SessionUser, caseId: string, options: UrgentOptions): Promise<UrgentResponse> {
  const { timeZone, team, now = new Date() } = options;
  const serviceDate = localDate(now, timeZone);
  const everyRoute = await publishedRoutesOn(db, serviceDate);
  const teams = await teamsOf(db, everyRoute.map((route) => route.collectorId));
  const published = everyRoute.filter((route) => team === null || teams.get(route.collectorId) === team);
  if (published.length === 0) throw new DomainError(422, 'No routes are published for today yet. Plan and publish the day first.');
  const [urgent] = await planningCases(db, [caseId]);
  if (!urgent) throw new DomainError(404, 'That case does not exist or is not open.');
  await requireOwnTeamCases(db, team, [caseId]);
  if (everyRoute.some((route) => route.stops.some((stop) => stop.caseId === caseId))) throw new DomainError(409, 'That case is already on one of today’s routes.');

  const onRoutes = await planningCases(db, published.flatMap((route) => route.stops.map((stop) => stop.caseId)));
  const collectors = await planningCollectors(db, published.map((route) => route.collectorId));
  const request = toPlanRequest([...onRoutes, urgent], collectors);
  const task = request.tasks.find((t) => t.id === caseId)!;
  const clock = secondsAfterLocalMidnight(now, timeZone);
  const result = await insertUrgentTask({
    tasks: request.tasks,
    collectors: request.collectors,
    task,
    now: clock,
    routes: published.map((route) => ({
      collectorId: route.collectorId,
      taskIds: route.stops.map((stop) => stop.caseId),
      // Stops due to have started are made or under way: the new visit comes after them.
      completedStops: route.stops.filter((stop) => stop.plannedArrival.getTime() <= now.getTime()).length,
    })),
  });
  if (!result.inserted) return { inserted: false, reason: result.reason };

  const caseById = new Map([...onRoutes, urgent].map((c) => [c.id, c]));
  const routeId = newId();
  const instant = (seconds: number) => zonedInstant(serviceDate, seconds, timeZone);
  const before = await db.transaction(async (tx) => {
    const holders = await holdersOf(tx, [caseId]);
    await insertRoute(
      tx,
      // Published when written, whatever clock the insertion was planned against: a collector's
      // newest version of the day is the one published last.
      { id: routeId, collectorId: result.collectorId, serviceDate, publishedAt: new Date(), travelSeconds: Math.round(result.route.travelSeconds), distanceM: Math.round(result.route.distanceMetres) },
      result.route.stops.map((stop, index) => {
        const target = caseById.get(stop.taskId)!;
        const window = windowOfStop(target.addressKind, stop);
        return {
          routeId,
          sequence: index + 1,
          caseId: target.id,
          addressId: target.addressId,
          plannedArrival: instant(stop.serviceStart),
          plannedDeparture: instant(stop.departure),
          windowStart: instant(window.start),
          windowEnd: instant(window.end),
        };
      }),
    );
    await assignCases(tx, [caseId], result.collectorId);
    await writeAudit(tx, { actorUserId: actor.id, actorRole: actor.role, action: 'route.urgent_insert', subjectType: 'case', subjectId: caseId, detail: { routeId, collectorId: result.collectorId, position: result.position } });
    return holders;
  });
  options.notify?.({
    signal: { reason: 'route', caseIds: [caseId], collectorId: result.collectorId },
    teams: [...before.teams, teams.get(result.collectorId) ?? null],
    pool: before.pool,
  });
  return { inserted: true, collectorId: result.collectorId, position: result.position, addedTravelSeconds: Math.round(result.addedTravelSeconds), routeId };
}
