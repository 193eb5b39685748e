// Planning a day: cases and collectors to the route planner (in a worker), the draft back to
// the dispatcher, and publication to the collectors' devices.
import type { SessionUser } from '../../shared/schemas/auth.js';
import type { PlanView } from '../../shared/schemas/dispatch.js';
import { writeAudit } from '../audit/audit.repository.js';
import type { Database } from '../db/client.js';
import { DomainError, notFound } from '../http/errors.js';
import { newId } from '../ids.js';
import { solveInWorker } from '../routing/worker/solve-in-worker.js';
import { assignCases } from './assignment.repository.js';
import { findPlan, insertPlan, insertRoute, markPublished, planningCases, planningCollectors } from './dispatch.repository.js';
import { toPlanRequest, toPlanView } from './plan-request.js';

export interface PlanInput {
  serviceDate: string;
  collectorIds: string[];
  caseIds?: string[] | undefined;
  timeLimitS: number;
  seed: number;
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
  options: { timeZone: string; onProgress?: (progress: PlanProgressSignal) => void; signal?: AbortSignal },
): Promise<PlanView> {
  const collectors = await planningCollectors(db, input.collectorIds);
  if (collectors.length !== new Set(input.collectorIds).size) {
    throw new DomainError(404, 'One of the chosen collectors does not exist, has no field profile or is disabled. Refresh the list and choose again.');
  }
  const cases = await planningCases(db, input.caseIds);
  if (cases.length === 0) throw new DomainError(422, 'There are no open cases to plan among those chosen.');
  const request = toPlanRequest(cases, collectors);
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
  const view = toPlanView(plan, { id, serviceDate: input.serviceDate, timeZone: options.timeZone, cases, collectors, createdAt });
  await insertPlan(db, { id, serviceDate: input.serviceDate, status: 'draft', createdBy: actor.id, view, createdAt });
  await writeAudit(db, { actorUserId: actor.id, actorRole: actor.role, action: 'plan.create', subjectType: 'plan', subjectId: id, detail: { cases: cases.length, collectors: collectors.length } });
  return view;
}

export async function readPlan(db: Database, id: string): Promise<PlanView> {
  const plan = await findPlan(db, id);
  if (!plan) throw notFound('Plan');
  return { ...plan.view, status: plan.status, publishedAt: plan.publishedAt?.toISOString() ?? null };
}

/** Sends each collector their route: routes written, cases assigned (the devices are nudged by the case trigger). */
export async function publishPlan(db: Database, actor: SessionUser, id: string): Promise<{ routes: number; cases: number }> {
  return db.transaction(async (tx) => {
    const plan = await findPlan(tx, id);
    if (!plan) throw notFound('Plan');
    if (!(await markPublished(tx, id, plan.view))) throw new DomainError(409, 'This plan was already published. Make a new plan to change the day.');
    let caseCount = 0;
    for (const route of plan.view.routes) {
      const routeId = newId();
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
      await assignCases(tx, route.stops.map((stop) => stop.caseId), route.collectorId);
      caseCount += route.stops.length;
    }
    await writeAudit(tx, { actorUserId: actor.id, actorRole: actor.role, action: 'plan.publish', subjectType: 'plan', subjectId: id, detail: { routes: plan.view.routes.length, cases: caseCount } });
    return { routes: plan.view.routes.length, cases: caseCount };
  });
}
