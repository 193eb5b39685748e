// Evidence review: the supervisors' queue, a visit's review page, verdicts and settlement decisions.
import { z } from 'zod';
import { addressKinds, caseStatuses } from '../cases.js';
import { abilityWillingness, metPersons, outcomes } from '../outcomes.js';
import { complaint } from './complaints.js';
import { evidenceCodes, evidenceFlag } from './evidence.js';
import { familySituation, sha256Hex } from './sync.js';

export const reviewStatuses = ['pending', 'accepted', 'rejected', 'revisit'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];
export const riskLevels = ['none', 'info', 'warning', 'high'] as const;
export type RiskLevel = (typeof riskLevels)[number];
export const reviewDecisions = ['accepted', 'rejected', 'revisit', 'approved', 'refused'] as const;
export const settlementStatuses = ['pending', 'approved', 'refused'] as const;

const intParam = z.coerce.number('Must be a number').int('Must be a whole number');
const listParam = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((value) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value), z.array(z.enum(values)).min(1));

export const reviewQueueQuery = z
  .strictObject({
    status: listParam(reviewStatuses).default(['pending']),
    teamId: z.uuid('Not a team id').optional(),
    collectorId: z.uuid('Not a collector id').optional(),
    outcome: listParam(outcomes).optional(),
    /** Visit dates (in the server's zone), both ends included. */
    from: z.iso.date('Use YYYY-MM-DD').optional(),
    to: z.iso.date('Use YYYY-MM-DD').optional(),
    limit: intParam.min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: 'from must not be after to', path: ['from'] });
export type ReviewQueueQuery = z.output<typeof reviewQueueQuery>;
export type ReviewQueueQueryInput = z.input<typeof reviewQueueQuery>;

const person = z.object({ id: z.uuid(), name: z.string() });
export type Person = z.infer<typeof person>;

export const reviewQueueItem = z.object({
  visitId: z.uuid(),
  caseId: z.uuid(),
  caseExternalId: z.string(),
  creditor: z.string(),
  debtorName: z.string(),
  collector: person.extend({ teamId: z.uuid().nullable(), teamName: z.string().nullable() }),
  checkedInAt: z.iso.datetime().nullable(),
  recordedAt: z.iso.datetime().nullable(),
  timeZone: z.string(),
  outcome: z.string().nullable(),
  evidenceScore: z.number().int(),
  risk: z.enum(riskLevels),
  flags: z.array(z.object({ code: z.enum(evidenceCodes), severity: evidenceFlag.shape.severity })),
  photos: z.number().int(),
  status: z.enum(reviewStatuses),
  settlement: z.enum(settlementStatuses).nullable(),
  openComplaints: z.number().int(),
});
export type ReviewQueueItem = z.infer<typeof reviewQueueItem>;

export const reviewQueueResponse = z.object({ visits: z.array(reviewQueueItem), nextCursor: z.string().nullable() });
export type ReviewQueueResponse = z.infer<typeof reviewQueueResponse>;

export const reviewDecision = z.object({
  id: z.uuid(),
  subject: z.enum(['evidence', 'settlement']),
  decision: z.enum(reviewDecisions),
  reason: z.string().nullable(),
  reviewer: person,
  decidedAt: z.iso.datetime(),
  /** The decision this one changed. */
  replacesId: z.uuid().nullable(),
  current: z.boolean(),
});
export type ReviewDecision = z.infer<typeof reviewDecision>;

export const revisitRequest = z.object({
  id: z.uuid(),
  visitId: z.uuid(),
  reason: z.string(),
  requestedBy: person,
  requestedAt: z.iso.datetime(),
  /** open: waiting for dispatch and a new check-in; done: the case was checked in again; cancelled: the verdict was changed. */
  status: z.enum(['open', 'done', 'cancelled']),
});
export type RevisitRequest = z.infer<typeof revisitRequest>;

const point = { lat: z.number(), lng: z.number() };

export const neighbourCheckIn = z.object({
  visitId: z.uuid(),
  caseId: z.uuid(),
  debtorName: z.string(),
  checkedInAt: z.iso.datetime(),
  ...point,
  /** Straight-line distance from this visit's check-in, and the time between the two. */
  distanceM: z.number(),
  minutesApart: z.number(),
});
export type NeighbourCheckIn = z.infer<typeof neighbourCheckIn>;

export const timelineKinds = ['planned_arrival', 'check_in', 'photo', 'record', 'audio', 'check_out'] as const;
export const timelineEvent = z.object({
  kind: z.enum(timelineKinds),
  /** The phone's clock (the plan's time for planned_arrival); serverAt: when the server received it. */
  deviceAt: z.iso.datetime({ offset: true }).nullable(),
  serverAt: z.iso.datetime().nullable(),
  /** The photo or recording's SHA-256. */
  ref: z.string().nullable(),
});
export type TimelineEvent = z.infer<typeof timelineEvent>;

export const anomaly = evidenceFlag.extend({ text: z.object({ 'zh-CN': z.string(), en: z.string() }) });
export type Anomaly = z.infer<typeof anomaly>;

export const visitReview = z.object({
  visit: z.object({
    id: z.uuid(),
    collector: person.extend({ teamName: z.string().nullable() }),
    outcome: z.string().nullable(),
    metPerson: z.enum(metPersons).nullable(),
    thirdPartyStatement: z.string().nullable(),
    abilityWillingness: z.enum(abilityWillingness).nullable(),
    familySituation: familySituation.nullable(),
    notes: z.string().nullable(),
    newPhone: z.string().nullable(),
    promise: z.object({ amount: z.number().int(), dueDate: z.string(), kind: z.enum(['promise', 'settlement_requested']) }).nullable(),
    payment: z.object({ amount: z.number().int(), reference: z.string(), channel: z.string() }).nullable(),
    evidenceScore: z.number().int(),
    risk: z.enum(riskLevels),
    deviceClockSkewS: z.number().nullable(),
  }),
  case: z.object({
    id: z.uuid(),
    externalId: z.string(),
    creditor: z.string(),
    debtorName: z.string(),
    debtorIdNumberMasked: z.string(),
    totalOutstanding: z.number().int(),
    timeZone: z.string(),
    status: z.enum(caseStatuses),
  }),
  target: z.object({ addressId: z.uuid(), kind: z.enum(addressKinds), address: z.string(), ...point }),
  checkIn: z
    .object({ at: z.iso.datetime(), receivedAt: z.iso.datetime().nullable(), ...point, accuracyM: z.number(), distanceM: z.number() })
    .nullable(),
  checkOut: z
    .object({ at: z.iso.datetime(), receivedAt: z.iso.datetime().nullable(), lat: z.number().nullable(), lng: z.number().nullable() })
    .nullable(),
  photos: z.array(
    z.object({
      sha256: sha256Hex,
      sizeBytes: z.number().int(),
      takenAt: z.iso.datetime(),
      lat: z.number().nullable(),
      lng: z.number().nullable(),
      accuracyM: z.number().nullable(),
      caption: z.string().nullable(),
      arrived: z.boolean(),
      receivedAt: z.iso.datetime().nullable(),
    }),
  ),
  audio: z.array(
    z.object({
      sha256: sha256Hex,
      sizeBytes: z.number().int(),
      contentType: z.string(),
      durationS: z.number(),
      startedAt: z.iso.datetime({ offset: true }),
      complete: z.boolean(),
      arrived: z.boolean(),
    }),
  ),
  previousCheckIn: neighbourCheckIn.nullable(),
  nextCheckIn: neighbourCheckIn.nullable(),
  timeline: z.array(timelineEvent),
  anomalies: z.array(anomaly),
  review: z.object({ status: z.enum(reviewStatuses), history: z.array(reviewDecision), revisit: revisitRequest.nullable() }),
  settlement: z
    .object({ status: z.enum(settlementStatuses), amount: z.number().int(), totalOutstanding: z.number().int(), dueDate: z.string() })
    .nullable(),
  complaints: z.array(complaint),
  /** Whether the viewer may decide on this visit; nobody decides on a visit of their own. */
  mayDecide: z.boolean(),
});
export type VisitReview = z.infer<typeof visitReview>;

const reason = z.string().trim().max(1000, 'Keep the reason under 1,000 characters');

/** accept, reject (reason required) or revisit (reason required); `replaces` changes a standing verdict explicitly. */
export const verdictRequest = z
  .strictObject({
    verdict: z.enum(['accept', 'reject', 'revisit']),
    reason: reason.optional(),
    /** The id of the standing verdict this one replaces; without it a decided visit answers 409. */
    replaces: z.uuid('Not a verdict id').optional(),
  })
  .refine((v) => v.verdict === 'accept' || (v.reason ?? '').length > 0, {
    message: 'Give a reason: the collector and the dispatcher read it',
    path: ['reason'],
  })
  .refine((v) => v.replaces === undefined || (v.reason ?? '').length > 0, { message: 'Say why the verdict is changed', path: ['reason'] });
export type VerdictRequest = z.infer<typeof verdictRequest>;

export const settlementRequest = z
  .strictObject({
    decision: z.enum(['approve', 'refuse']),
    reason: reason.optional(),
    replaces: z.uuid('Not a decision id').optional(),
  })
  .refine((v) => v.decision === 'approve' || (v.reason ?? '').length > 0, { message: 'Give the reason for refusing', path: ['reason'] })
  .refine((v) => v.replaces === undefined || (v.reason ?? '').length > 0, { message: 'Say why the decision is changed', path: ['reason'] });
export type SettlementRequest = z.infer<typeof settlementRequest>;

export const decisionResponse = z.object({ decision: reviewDecision, revisit: revisitRequest.nullable() });
export type DecisionResponse = z.infer<typeof decisionResponse>;

export const visitIdParams = z.strictObject({ id: z.uuid('Not a visit id') });
