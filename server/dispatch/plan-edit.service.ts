// A dispatcher's hand edit of a draft plan: the stop moved, pinned or removed, the routes it
// touched re-timed, the plan's totals refreshed and the edit audited, in one transaction.
import type { SessionUser } from '../../shared/schemas/auth.js';
import type { PlanEdit, PlanView } from '../../shared/schemas/dispatch.js';
import { writeAudit } from '../audit/audit.repository.js';
import type { Database, Executor } from '../db/client.js';
import { DomainError, notFound } from '../http/errors.js';
import { createMatrixProvider } from '../routing/matrix/from-config.js';
import { listCollectors } from '../users/directory.repository.js';
import { addressesOfCases, lockPlan, planCaseTerms, savePlanView } from './plan-edit.repository.js';
import { applyEdit, findCase, notInPlan, type PlanStop } from './plan-edit.js';
import { visitValue } from './plan-request.js';
import { permittedStarts, type RouteOwner, retimeRoutes, withTotals } from './plan-retime.js';
import { requireOwnTeamCollectors, otherTeamsPlan } from './team-access.js';

// The planner's own travel model (straight-line by mode), so edited times match planned ones.
const travel = createMatrixProvider();

type CaseTerms = Awaited<ReturnType<typeof planCaseTerms>>[number];

export async function editPlan(
  db: Database,
  actor: SessionUser,
  id: string,
  edit: PlanEdit,
  options: { team: string | null },
): Promise<PlanView> {
  return db.transaction(async (tx) => {
    const plan = await lockPlan(tx, id);
    if (!plan) throw notFound('Plan');
    await requireOwnTeamCollectors(
      tx,
      options.team,
      plan.view.routes.map((r) => r.collectorId),
      otherTeamsPlan,
    );
    if (plan.status === 'published')
      throw new DomainError(
        409,
        'This plan is already published, so it can no longer be edited. Insert an urgent case or reassign cases instead, or make a new plan.',
      );
    const place = findCase(plan.view, edit.caseId);
    if (place === undefined) throw notInPlan();

    const caseIds = [...plan.view.routes.flatMap((r) => r.stops.map((s) => s.caseId)), ...plan.view.unserved.map((u) => u.caseId)];
    const terms = new Map((await planCaseTerms(tx, caseIds)).map((c) => [c.id, c]));
    if (edit.op === 'move') await requirePlanningCollector(tx, edit.collectorId);
    const incoming = edit.op === 'move' && place.kind === 'unserved' ? await stopFor(tx, terms.get(edit.caseId)) : undefined;
    const edited = applyEdit(plan.view, edit, incoming);

    const touchedStops = edited.view.routes.filter((r) => edited.touched.includes(r.collectorId)).flatMap((r) => r.stops);
    const kinds = new Map(
      (
        await addressesOfCases(
          tx,
          touchedStops.map((s) => s.caseId),
        )
      ).map((a) => [a.id, a.kind]),
    );
    const owners = new Map<string, RouteOwner>((await listCollectors(tx, edited.touched)).map((c) => [c.id, c]));
    const retimed = await retimeRoutes(
      edited.view,
      edited.touched,
      {
        ownerOf: (collectorId) => owners.get(collectorId)!,
        termsOf: (stop) => ({ ...hoursOf(terms.get(stop.caseId)), addressKind: kinds.get(stop.addressId) ?? 'other' }),
      },
      travel,
    );
    const view = withTotals(retimed, (caseId) => {
      const c = terms.get(caseId);
      return c ? visitValue(c.priority, c.totalOutstanding) : 0;
    });
    await savePlanView(tx, id, view);
    await writeAudit(tx, {
      actorUserId: actor.id,
      actorRole: actor.role,
      action: 'plan.edit',
      subjectType: 'plan',
      subjectId: id,
      detail: { ...edit },
    });
    return { ...view, status: plan.status, publishedAt: null };
  });
}

async function requirePlanningCollector(db: Executor, collectorId: string): Promise<void> {
  const [collector] = await listCollectors(db, [collectorId]);
  if (!collector || collector.disabledAt !== null) {
    throw new DomainError(422, 'That collector cannot take visits: they are disabled or have no field profile. Choose another collector.');
  }
}

function hoursOf(terms: CaseTerms | undefined) {
  // Conduct-rule defaults when the case is gone: the planner's own 08:00–21:00.
  return {
    visitingHoursStart: terms?.visitingHoursStart.slice(0, 5) ?? '08:00',
    visitingHoursEnd: terms?.visitingHoursEnd.slice(0, 5) ?? '21:00',
  };
}

/** An unserved case's stop at its first address, once it is still open and can be visited at all. */
async function stopFor(db: Executor, terms: CaseTerms | undefined): Promise<PlanStop> {
  if (!terms || (terms.status !== 'received' && terms.status !== 'assigned')) {
    throw new DomainError(409, 'That case is no longer open (visited, closed or returned), so it cannot be put on a route.');
  }
  const [address] = await addressesOfCases(db, [terms.id]);
  if (!address) throw new DomainError(422, 'That case has no address to visit.');
  if (permittedStarts({ addressKind: address.kind, ...hoursOf(terms) }).length === 0) {
    throw new DomainError(422, 'That case has no time window inside its creditor’s visiting hours, so no route can visit it.');
  }
  // Times are filled in when the route is re-timed.
  const placeholder = new Date(0).toISOString();
  return {
    caseId: terms.id,
    addressId: address.id,
    debtorName: terms.debtorName,
    address: address.address,
    lat: address.lat,
    lng: address.lng,
    arrival: placeholder,
    departure: placeholder,
    windowStart: placeholder,
    windowEnd: placeholder,
    pinned: false,
    lateSeconds: 0,
  };
}
