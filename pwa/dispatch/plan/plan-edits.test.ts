import { describe, expect, it } from 'vitest';
import type { PlanView } from '../../../shared/schemas/dispatch.js';
import { applyEdit, lateStops, nudge, shownPlan, stopCount } from './plan-edits.js';

const a = '0193a7e2-0000-7000-8000-00000000000a';
const b = '0193a7e2-0000-7000-8000-00000000000b';
const caseId = (n: number) => `0193a7e2-0000-7000-8000-0000000001${String(n).padStart(2, '0')}`;

function stop(n: number, lateSeconds = 0) {
  return {
    caseId: caseId(n),
    addressId: caseId(n),
    debtorName: `debtor ${n}`,
    address: 'addr',
    lat: 41.8,
    lng: 123.4,
    arrival: '2026-11-24T01:00:00.000Z',
    departure: '2026-11-24T01:30:00.000Z',
    windowStart: '2026-11-24T00:00:00.000Z',
    windowEnd: '2026-11-24T13:00:00.000Z',
    pinned: false,
    lateSeconds,
  };
}

const plan: PlanView = {
  id: '0193a7e2-0000-7000-8000-0000000000ff',
  serviceDate: '2026-11-24',
  status: 'draft',
  timeZone: 'Asia/Shanghai',
  routes: [
    { collectorId: a, collectorName: 'A', stops: [stop(1), stop(2), stop(3)], travelSeconds: 100, distanceM: 1000 },
    { collectorId: b, collectorName: 'B', stops: [stop(4)], travelSeconds: 50, distanceM: 500 },
  ],
  unserved: [{ caseId: caseId(9), reason: 'no_time_left' }],
  servedValuePct: 80,
  travelSeconds: 150,
  search: { iterations: 10, elapsedMs: 1000 },
  createdAt: '2026-11-23T10:00:00.000Z',
  publishedAt: null,
};
const order = (p: PlanView) => p.routes.map((r) => r.stops.map((s) => s.debtorName.replace('debtor ', '')).join(','));

describe('hand edits of a draft plan, shown before the server answers', () => {
  it('moves a stop to another collector at a position, and reorders within a route', () => {
    expect(order(applyEdit(plan, { op: 'move', caseId: caseId(2), collectorId: b, position: 0 }))).toEqual(['1,3', '2,4']);
    expect(order(applyEdit(plan, { op: 'move', caseId: caseId(1), collectorId: a, position: 2 }))).toEqual(['2,3,1', '4']);
    expect(order(applyEdit(plan, { op: 'move', caseId: caseId(1), collectorId: b, position: 99 }))).toEqual(['2,3', '4,1']);
    expect(plan.routes[0]?.stops).toHaveLength(3);
  });

  it('takes an unserved case off the list when it is put back (the server places it)', () => {
    const next = applyEdit(plan, { op: 'move', caseId: caseId(9), collectorId: a, position: 0 });
    expect(next.unserved).toEqual([]);
    expect(stopCount(next)).toBe(4);
  });

  it('pins and removes; a removed stop is listed as unserved by the dispatcher', () => {
    const pinned = applyEdit(plan, { op: 'pin', caseId: caseId(3), pinned: true });
    expect(pinned.routes[0]?.stops[2]?.pinned).toBe(true);
    const removed = applyEdit(plan, { op: 'remove', caseId: caseId(4) });
    expect(order(removed)).toEqual(['1,2,3', '']);
    expect(removed.unserved).toContainEqual({ caseId: caseId(4), reason: 'removed_by_dispatcher' });
    expect(applyEdit(plan, { op: 'remove', caseId: caseId(42) })).toBe(plan);
  });

  it('applies pending edits in order on the confirmed plan', () => {
    const shown = shownPlan({
      confirmed: plan,
      pending: [
        { op: 'move', caseId: caseId(1), collectorId: b, position: 1 },
        { op: 'move', caseId: caseId(4), collectorId: a, position: 0 },
      ],
    });
    expect(order(shown)).toEqual(['4,2,3', '1']);
  });

  it('nudges a stop up or down within its route, not past either end', () => {
    expect(nudge(plan, caseId(2), -1)).toEqual({ op: 'move', caseId: caseId(2), collectorId: a, position: 0 });
    expect(nudge(plan, caseId(2), 1)).toEqual({ op: 'move', caseId: caseId(2), collectorId: a, position: 2 });
    expect(nudge(plan, caseId(1), -1)).toBeNull();
    expect(nudge(plan, caseId(3), 1)).toBeNull();
  });

  it('lists late stops, which keep a plan from being published', () => {
    expect(lateStops(plan)).toEqual([]);
    const withLate = { ...plan, routes: [{ ...plan.routes[0]!, stops: [stop(1, 600)] }] };
    expect(lateStops(withLate).map((s) => s.lateSeconds)).toEqual([600]);
  });
});
