import { z } from 'zod';
import { boundingBox, caseFilterQuery, rangesInOrder } from './cases.js';

export const createPlanRequest = z.strictObject({
  serviceDate: z.iso.date('Use a date like 2026-11-24'),
  collectorIds: z.array(z.uuid()).min(1, 'Choose at least one collector').max(300),
  /** The cases to plan; absent: every open case (received or assigned). */
  caseIds: z.array(z.uuid()).min(1).max(5_000).optional(),
  timeLimitS: z.number().int().min(1).max(60).default(10),
  seed: z.number().int().min(0).max(2 ** 31).default(1),
  /** Re-planning a draft: each of these cases goes only to its collector (unserved 'pinned_collector_unavailable' when that collector is not chosen). */
  pins: z.array(z.strictObject({ caseId: z.uuid(), collectorId: z.uuid() })).max(5_000).optional(),
});
export type CreatePlanRequest = z.input<typeof createPlanRequest>;

export const planStop = z.object({
  caseId: z.uuid(),
  addressId: z.uuid(),
  debtorName: z.string(),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
  arrival: z.iso.datetime(),
  departure: z.iso.datetime(),
  windowStart: z.iso.datetime(),
  windowEnd: z.iso.datetime(),
  /** Kept with this collector when the dispatcher re-plans the draft. */
  pinned: z.boolean().default(false),
  /** Seconds the visit would end after its window closes (0 inside it); hand edits can make it positive, and such a plan is not published. */
  lateSeconds: z.number().int().min(0).default(0),
});

export const planRoute = z.object({
  collectorId: z.uuid(),
  collectorName: z.string(),
  stops: z.array(planStop),
  travelSeconds: z.number(),
  distanceM: z.number(),
});

export const unservedReasons = [
  'no_time_window',
  'no_collector_with_skill',
  'pinned_collector_unavailable',
  'outside_shifts',
  'max_visits_reached',
  'capacity',
  'no_time_left',
  'removed_by_dispatcher',
] as const;

export const planView = z.object({
  id: z.uuid(),
  serviceDate: z.iso.date(),
  status: z.enum(['draft', 'published']),
  timeZone: z.string(),
  routes: z.array(planRoute),
  unserved: z.array(z.object({ caseId: z.uuid(), reason: z.enum(unservedReasons) })),
  servedValuePct: z.number(),
  travelSeconds: z.number(),
  search: z.object({ iterations: z.number(), elapsedMs: z.number() }),
  createdAt: z.iso.datetime(),
  publishedAt: z.iso.datetime().nullable(),
});
export type PlanView = z.infer<typeof planView>;

/**
 * A dispatcher's hand edit of a draft plan; the server re-times the routes it touches and
 * answers with the whole plan. `move` also reorders (same collector) and puts an unserved
 * case back into a route; `position` is the stop's index in the target route after the move.
 */
export const planEdit = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('move'), caseId: z.uuid(), collectorId: z.uuid(), position: z.number().int().min(0).max(500) }),
  z.strictObject({ op: z.literal('pin'), caseId: z.uuid(), pinned: z.boolean() }),
  z.strictObject({ op: z.literal('remove'), caseId: z.uuid() }),
]);
export type PlanEdit = z.infer<typeof planEdit>;

/** What the dispatcher's map shows of each collector on a day. */
export const dayStop = z.object({
  sequence: z.number().int(),
  caseId: z.uuid(),
  debtorName: z.string(),
  lat: z.number(),
  lng: z.number(),
  plannedArrival: z.iso.datetime(),
  windowStart: z.iso.datetime(),
  windowEnd: z.iso.datetime(),
  state: z.enum(['done', 'current', 'remaining']),
  /** Where and when the collector checked in, once they have. */
  checkIn: z.object({ lat: z.number(), lng: z.number(), at: z.iso.datetime() }).nullable(),
  outcome: z.string().nullable(),
});
export const dayCollector = z.object({
  id: z.uuid(),
  displayName: z.string(),
  teamId: z.uuid().nullable(),
  home: z.object({ lat: z.number(), lng: z.number() }),
  lastPosition: z.object({ lat: z.number(), lng: z.number(), accuracyM: z.number(), at: z.iso.datetime() }).nullable(),
  route: z.object({ id: z.uuid(), publishedAt: z.iso.datetime().nullable(), stops: z.array(dayStop) }).nullable(),
});
export const dispatchDayQuery = z.strictObject({ date: z.iso.date('Use a date like 2026-11-24') });
export const dispatchDay = z.object({ serviceDate: z.iso.date(), collectors: z.array(dayCollector) });
export type DispatchDay = z.infer<typeof dispatchDay>;

export const planIdParams = z.strictObject({ id: z.uuid('Not a plan id') });

export const publishResponse = z.object({ routes: z.number().int(), cases: z.number().int() });

export const assignmentRequest = z.strictObject({
  caseIds: z.array(z.uuid()).min(1).max(5_000),
  /** null returns the cases to the unassigned pool. */
  collectorId: z.uuid().nullable(),
});
export const assignmentResponse = z.object({ assigned: z.number().int(), unassigned: z.number().int() });

export const urgentRequest = z.strictObject({ caseId: z.uuid() });
export const urgentResponse = z.discriminatedUnion('inserted', [
  z.object({ inserted: z.literal(true), collectorId: z.uuid(), position: z.number().int(), addedTravelSeconds: z.number(), routeId: z.uuid() }),
  z.object({ inserted: z.literal(false), reason: z.enum(unservedReasons) }),
]);
export type UrgentResponse = z.infer<typeof urgentResponse>;

/** The case table's filters, narrowing the open cases in a box. */
export const mapMarkersQuery = caseFilterQuery
  .extend({
    bbox: boundingBox,
    limit: z.coerce.number().int().min(1).max(20_000).default(20_000),
  })
  .superRefine(rangesInOrder);
export type MapMarkersQuery = z.output<typeof mapMarkersQuery>;
export type MapMarkersQueryInput = z.input<typeof mapMarkersQuery>;

/** Only what a marker needs, as parallel arrays: 20,000 markers stay a small answer. */
export const mapMarkers = z.object({
  ids: z.array(z.string()),
  lat: z.array(z.number()),
  lng: z.array(z.number()),
  priority: z.array(z.number()),
  bucket: z.array(z.string()),
  status: z.array(z.string()),
  assignedCollectorId: z.array(z.string().nullable()),
  truncated: z.boolean(),
});
export type MapMarkers = z.infer<typeof mapMarkers>;
