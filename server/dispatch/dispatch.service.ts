// Planning a day: cases and collectors to the route planner (in a worker), the draft back to
// the dispatcher, and publication to the collectors' devices.
import type { SessionUser } from '../../shared/schemas/auth.js';
import type { PlanView } from '../../shared/schemas/dispatch.js';
import { writeAudit } from '../audit/audit.repository.js';
import type { Database } from '../db/client.js';
import { DomainError, notFound } from '../http/errors.js';
import { newId } from '../ids.js';
import type { DispatchChange } from '../realtime/dispatch-signals.js';
import { solveInWorker } from '../routing/worker/solve-in-worker.js';
import { assignCases } from './assignment.repository.js';
import { findPlan, insertPlan, insertRoute, markPublished, planningCases, planningCollectors } from './dispatch.repository.js';
import { lockPlan } from './plan-edit.repository.js';
import { toPlanRequest, toPlanView } from './plan-request.js';
import { otherTeamsCollectors, otherTeamsPlan, requireOwnTeamCases, requireOwnTeamCollectors } from './team-access.js';
import { holdersOf, teamsOf } from './team.repository.js';

export interface PlanInput {
  serviceDate: string;
  collectorIds: string[];
  caseIds?: string[] | undefined;
  timeLimitS: number;
  seed: number;
  pins?: { caseId: string; collectorId: string }[] | undefined;
}

export interface PlanProgressSignal {
  elapsedMs: number;
  servedValuePct: number;
  travelSeconds: number;
}

export async function createPlan(
  db: Database,
  actor: SessionUser,
  input: PlanInput,
  options: { timeZone: string; team: string | null; onProgress?: (progress: PlanProgressSignal) => void; signal?: AbortSignal },
): Promise<PlanView> {
  const collectors = await planningCollectors(db, input.collectorIds);
  if (collectors.length !== new Set(input.collectorIds).size) {
    throw new DomainError(404, 'One of the chosen collectors does not exist, has no field profile or is disabled. Refresh the list and choose again.');
  }
  await requireOwnTeamCollectors(db, options.team, input.collectorIds, otherTeamsCollectors);
  if (input.caseIds) await requireOwnTeamCases(db, options.team, input.caseIds);
  const cases = await planningCases(db, input.caseIds, options.team);
  if (cases.length === 0) throw new DomainError(422, 'There are no open cases to plan among those chosen.');
  const pins = new Map((input.pins ?? []).map((pin) => [pin.caseId, pin.collectorId]));
  const request = toPlanRequest(cases, collectors, pins);
  const totalValue = request.tasks.reduce((sum, task) => sum + task.value, 0);
  const run = solveInWorker(request, {
    timeLimitMs: input.timeLimitS * 1000,
    seed: input.seed,
    progressIntervalMs: 500,
    ...(options.signal ? { signal: options.signal } : {}),
    onProgress: (progress) =>
      options.onProgress?.({
        elapsedMs: progress.elapsedMs,
        servedValuePct: totalValue > 0 ? Math.round((progress.servedValue / totalValue) * 1000) / 10 : 100,
        travelSeconds: Math.round(progress.travelSeconds),
      }),
  });
  const plan = await run.result;
  const id = newId();
  const createdAt = new Date();
  const view = toPlanView(plan, { id, serviceDate: input.serviceDate, timeZone: options.timeZone, cases, collectors, createdAt, pins });
  await insertPlan(db, { id, serviceDate: input.serviceDate, status: 'draft', createdBy: actor.id, view, createdAt });
  await writeAudit(db, { actorUserId: actor.id, actorRole: actor.role, action: 'plan.create', subjectType: 'plan', subjectId: id, detail: { cases: cases.length, collectors: collectors.length } });
  return view;
}

export async function readPlan(db: Database, id: string, team: string | null): Promise<PlanView> {
  const plan = await findPlan(db, id);
  if (!plan) throw notFound('Plan');
  await requireOwnTeamCollectors(db, team, plan.view.routes.map((r) => r.collectorId), otherTeamsPlan);
  return { ...plan.view, status: plan.status, publishedAt: plan.publishedAt?.toISOString() ?? null };
}

/**
 * Sends each collector their route: routes written, cases assigned (the devices are nudged by the
 * case trigger), then the watching dispatchers told. A plan with a late stop is refused: visiting
 * hours are a conduct rule.
 */
export async function publishPlan(
  db: Database,
  actor: SessionUser,
  id: string,
  options: { team: string | null; notify: (change: DispatchChange) => void },
): Promise<{ routes: number; cases: number }> {
  const changes: DispatchChange[] = [];
  const published = await db.transaction(async (tx) => {
    // Locked, so an edit in flight lands before the view is published, never after.
    const plan = await lockPlan(tx, id);
    if (!plan) throw notFound('Plan');
    await requireOwnTeamCollectors(tx, options.team, plan.view.routes.map((r) => r.collectorId), otherTeamsPlan);
    const alreadyPublished = new DomainError(409, 'This plan was already published. Make a new plan to change the day.');
    if (plan.status === 'published') throw alreadyPublished;
    refuseLateStops(plan.view);
    if (!(await markPublished(tx, id, plan.view))) throw alreadyPublished;
    const routes = plan.view.routes.filter((route) => route.stops.length > 0);
    for (const route of routes) {
      const routeId = newId();
      const caseIds = route.stops.map((stop) => stop.caseId);
      await insertRoute(
        tx,
        { id: routeId, collectorId: route.collectorId, serviceDate: plan.view.serviceDate, publishedAt: new Date(), travelSeconds: route.travelSeconds, distanceM: route.distanceM },
        route.stops.map((stop, index) => ({
          routeId,
          sequence: index + 1,
          caseId: stop.caseId,
          addressId: stop.addressId,
          plannedArrival: new Date(stop.arrival),
          plannedDeparture: new Date(stop.departure),
          windowStart: new Date(stop.windowStart),
          windowEnd: new Date(stop.windowEnd),
        })),
      );
      const before = await holdersOf(tx, caseIds);
      await assignCases(tx, caseIds, route.collectorId);
      const teams = await teamsOf(tx, [route.collectorId]);
      changes.push({ signal: { reason: 'route', caseIds, collectorId: route.collectorId }, teams: [...before.teams, teams.get(route.collectorId) ?? null], pool: before.pool });
    }
    const caseCount = routes.reduce((n, route) => n + route.stops.length, 0);
    await writeAudit(tx, { actorUserId: actor.id, actorRole: actor.role, action: 'plan.publish', subjectType: 'plan', subjectId: id, detail: { routes: routes.length, cases: caseCount } });
    return { routes: routes.length, cases: caseCount };
  });
  for (const change of changes) options.notify(change);
  return published;
}

function refuseLateStops(view: PlanView): void {
  const late = view.routes.flatMap((route) => route.stops.filter((stop) => stop.lateSeconds > 0));
  if (late.length === 0) return;
  const worst = Math.ceil(Math.max(...late.map((stop) => stop.lateSeconds)) / 60);
  throw new DomainError(
    409,
    `${late.length === 1 ? 'One stop ends' : `${late.length} stops end`} after the visiting window closes (by up to ${worst} min). Visiting hours are a conduct rule: move, reorder or remove the late stops, then publish.`,
  );
}
