// Risk monitoring's contract: the signal feed for the upstream risk system, the supervisors' board,
// acknowledgement, and the webhook body (the same signal shape everywhere).
import { z } from 'zod';
import { metPersons, outcomes } from '../outcomes.js';
import { riskActionNames, riskLevels, riskSeverities, riskSignalStatuses, riskSignalTypes } from '../risk.js';

/** Opaque to clients: the writing transaction and the row's sequence (see risk.repository.ts). */
export const riskCursor = z.string().regex(/^\d{1,19}-\d{1,19}$/, 'Not a cursor this server gave out; start again without `after`');

/** One fact of the visit that raised a signal, for the reader to word in their language (`reason` words them all in English). */
export const riskFinding = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('outcome'), outcome: z.enum(outcomes), metPerson: z.enum(metPersons).nullable() }),
  z.object({ kind: z.literal('newAddress') }),
  z.object({ kind: z.literal('words'), word: z.string() }),
  z.object({ kind: z.literal('health'), health: z.string() }),
  z.object({ kind: z.literal('dependants'), dependants: z.number().int() }),
  z.object({ kind: z.literal('promise'), amount: z.number().int(), dueDate: z.iso.date(), outstanding: z.number().int(), settlement: z.boolean() }),
  z.object({ kind: z.literal('payment'), amount: z.number().int(), outstanding: z.number().int(), channel: z.string(), reference: z.string() }),
  z.object({ kind: z.literal('brokenPromise'), amount: z.number().int().nullable(), dueDate: z.iso.date() }),
]);
export type RiskFinding = z.infer<typeof riskFinding>;

export const riskSignal = z.object({
  id: z.uuid(),
  /** Pass as `after` to read the signals that follow this one. */
  cursor: riskCursor,
  caseId: z.uuid(),
  creditor: z.string(),
  caseExternalId: z.string(),
  visitId: z.uuid(),
  type: z.enum(riskSignalTypes),
  severity: z.enum(riskSeverities),
  /** In words (English): what in the visit raised it. */
  reason: z.string(),
  /** The same, as facts. */
  findings: z.array(riskFinding),
  /** What the signal asks of the people handling the case. */
  action: z.enum(riskActionNames),
  status: z.enum(riskSignalStatuses),
  /** A promise's due date (promise_made, promise_broken), in the case's zone. */
  dueOn: z.iso.date().nullable(),
  createdAt: z.iso.datetime(),
  acknowledgedAt: z.iso.datetime().nullable(),
  closedAt: z.iso.datetime().nullable(),
});
export type RiskSignal = z.infer<typeof riskSignal>;

export const riskFeedQuery = z.strictObject({
  after: riskCursor.optional(),
  limit: z.coerce.number('Must be a number').int('Must be a whole number').min(1).max(500).default(100),
});
export const riskFeedResponse = z.object({
  signals: z.array(riskSignal),
  /** The cursor to send next time (the same one when nothing new has arrived). */
  nextCursor: riskCursor,
  /** More signals wait: read again at once with nextCursor. */
  hasMore: z.boolean(),
});
export type RiskFeedResponse = z.infer<typeof riskFeedResponse>;

/** A signal as the supervisors' board shows it: where the case is, whose visit, which team. */
export const riskBoardItem = riskSignal.extend({
  caseRiskLevel: z.enum(riskLevels).nullable(),
  debtorName: z.string(),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
  timeZone: z.string(),
  collectorId: z.uuid(),
  collectorName: z.string(),
  teamId: z.uuid().nullable(),
  teamName: z.string().nullable(),
});
export type RiskBoardItem = z.infer<typeof riskBoardItem>;

const listOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((value) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value), z.array(z.enum(values)).min(1));

export const riskBox = z.string().transform((value, ctx) => {
  const [minLng, minLat, maxLng, maxLat, ...rest] = value.split(',').map(Number);
  if (minLng === undefined || minLat === undefined || maxLng === undefined || maxLat === undefined || rest.length > 0) {
    ctx.addIssue({ code: 'custom', message: 'bbox must be minLng,minLat,maxLng,maxLat' });
    return z.NEVER;
  }
  const inWorld = [minLng, maxLng].every((n) => n >= -180 && n <= 180) && [minLat, maxLat].every((n) => n >= -90 && n <= 90);
  if (!inWorld || minLng > maxLng || minLat > maxLat) {
    ctx.addIssue({ code: 'custom', message: 'bbox must be minLng,minLat,maxLng,maxLat within the world, min before max' });
    return z.NEVER;
  }
  return { minLng, minLat, maxLng, maxLat };
});

export const riskBoardQuery = z.strictObject({
  status: listOf(riskSignalStatuses).default(['open']),
  type: listOf(riskSignalTypes).optional(),
  severity: listOf(riskSeverities).optional(),
  teamId: z.uuid().optional(),
  bbox: riskBox.optional(),
  limit: z.coerce.number('Must be a number').int('Must be a whole number').min(1).max(2000).default(500),
});
export type RiskBoardQueryInput = z.input<typeof riskBoardQuery>;

export const riskBoardResponse = z.object({
  /** Gravest first, then newest. */
  signals: z.array(riskBoardItem),
  /** Every signal matching the filters, counted by team, type and severity (not only those listed). */
  counts: z.array(
    z.object({
      teamId: z.uuid().nullable(),
      teamName: z.string().nullable(),
      type: z.enum(riskSignalTypes),
      severity: z.enum(riskSeverities),
      count: z.number().int(),
    }),
  ),
  total: z.number().int(),
});
export type RiskBoardResponse = z.infer<typeof riskBoardResponse>;

export const riskSignalParams = z.strictObject({ id: z.uuid('Not a signal id') });

/** Optional: a POST without a body acknowledges too. */
export const acknowledgeRequest = z
  .strictObject({ note: z.string().trim().max(500, 'A note may be at most 500 characters').optional() })
  .nullish();

/** The body of every webhook delivery (Standard Webhooks layout: type, timestamp, data). */
export const riskWebhookBody = z.object({
  type: z.literal('risk.signal.created'),
  timestamp: z.iso.datetime(),
  data: riskSignal,
});
export type RiskWebhookBody = z.infer<typeof riskWebhookBody>;
