import { z } from 'zod';
import {
  addressKinds,
  buckets,
  caseSortFields,
  caseStatuses,
  escalationReasons,
  noteChannels,
  products,
} from '../cases.js';
import { coordinateSystems } from '../geo.js';
import { maxMinorUnits } from '../money.js';

export const minorUnits = z
  .number('Must be a number of fen (integer minor units)')
  .int('Must be a whole number of fen, not a fraction')
  .min(0, 'Must not be negative')
  .max(maxMinorUnits, 'Is larger than any real debt');

export const latitude = z.number().min(-90, 'Latitude must be between -90 and 90').max(90, 'Latitude must be between -90 and 90');
export const longitude = z
  .number()
  .min(-180, 'Longitude must be between -180 and 180')
  .max(180, 'Longitude must be between -180 and 180');

export const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'Not an IANA time zone (for example Asia/Shanghai)');

/** One row pushed by an upstream system; the same shape is built from each CSV line. */
export const caseImportRow = z.strictObject({
  creditor: z.string().trim().min(1).max(64),
  externalId: z.string().trim().min(1).max(128),
  product: z.enum(products),
  debtor: z.strictObject({
    name: z.string().trim().min(1).max(128),
    idNumber: z.string().trim().min(6).max(32),
    phone: z.string().trim().max(32).optional(),
  }),
  amounts: z
    .strictObject({
      principal: minorUnits,
      interest: minorUnits,
      fees: minorUnits,
      totalOutstanding: minorUnits.optional(),
    })
    .refine(
      (a) => a.totalOutstanding === undefined || a.totalOutstanding === a.principal + a.interest + a.fees,
      { message: 'totalOutstanding must equal principal + interest + fees', path: ['totalOutstanding'] },
    ),
  daysPastDue: z.number().int('Days past due must be a whole number').min(0).max(36_500),
  status: z.enum(['received', 'closed', 'returned']).optional(),
  escalationReason: z.enum(escalationReasons).default('other'),
  priority: z.number().int().min(1).max(5).default(3),
  timeZone: timeZone.optional(),
  addresses: z
    .array(
      z.strictObject({
        kind: z.enum(addressKinds),
        address: z.string().trim().min(1).max(256),
        lat: latitude,
        lng: longitude,
        coordinateSystem: z.enum(coordinateSystems).default('WGS84'),
      }),
    )
    .min(1, 'A case needs at least one address to visit')
    .max(10),
  contacts: z
    .array(
      z.strictObject({
        name: z.string().trim().min(1).max(128),
        relation: z.string().trim().min(1).max(32),
        phone: z.string().trim().max(32).optional(),
      }),
    )
    .max(20)
    .default([]),
  notes: z
    .array(
      z.strictObject({
        writtenAt: z.iso.datetime({ offset: true }),
        author: z.string().trim().min(1).max(64),
        channel: z.enum(noteChannels).default('phone'),
        body: z.string().trim().min(1).max(4000),
      }),
    )
    .max(200)
    .default([]),
});
export type CaseImportRowInput = z.input<typeof caseImportRow>;
export type CaseImportRow = z.output<typeof caseImportRow>;

/** The JSON import body: rows are validated one by one so a bad row rejects only itself. */
export const caseImportRequest = z.array(z.unknown()).min(1, 'Send at least one case').max(10_000, 'Send at most 10,000 cases per request');

export const caseImportResult = z.object({
  received: z.number().int(),
  accepted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.array(z.object({ row: z.number().int(), externalId: z.string().nullable(), reason: z.string() })),
});
export type CaseImportResult = z.infer<typeof caseImportResult>;


const intParam = z.coerce.number('Must be a number').int('Must be a whole number');
const listParam = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value),
    z.array(z.enum(values)).min(1),
  );

/** minLng,minLat,maxLng,maxLat within the world, min before max. */
export const boundingBox = z.string().transform((value, ctx) => {
  const parts = value.split(',').map(Number);
  const [minLng, minLat, maxLng, maxLat] = parts;
  if (
    parts.length !== 4 ||
    minLng === undefined || minLat === undefined || maxLng === undefined || maxLat === undefined ||
    parts.some((n) => !Number.isFinite(n)) ||
    minLat < -90 || maxLat > 90 || minLng < -180 || maxLng > 180 ||
    minLat > maxLat || minLng > maxLng
  ) {
    ctx.addIssue({ code: 'custom', message: 'bbox must be minLng,minLat,maxLng,maxLat within the world' });
    return z.NEVER;
  }
  return { minLng, minLat, maxLng, maxLat };
});

/** The filters the case table and the dispatcher's map markers share (one condition builder on the server). */
export const caseFilterQuery = z.strictObject({
  status: listParam(caseStatuses).optional(),
  bucket: listParam(buckets).optional(),
  creditor: z.string().max(64).optional(),
  escalationReason: listParam(escalationReasons).optional(),
  minDaysPastDue: intParam.min(0).max(36_500, 'Days past due are at most 36500').optional(),
  maxDaysPastDue: intParam.min(0).max(36_500, 'Days past due are at most 36500').optional(),
  minAmount: intParam.min(0).max(maxMinorUnits, 'Is larger than any real debt').optional(),
  maxAmount: intParam.min(0).max(maxMinorUnits, 'Is larger than any real debt').optional(),
  assignedCollectorId: z.union([z.uuid(), z.literal('none')]).optional(),
  search: z.string().trim().max(64).optional(),
  bbox: boundingBox.optional(),
});
export type CaseFilterQuery = z.output<typeof caseFilterQuery>;

/** A lower bound above its upper bound is refused rather than answered with nothing. */
export function rangesInOrder(query: CaseFilterQuery, ctx: z.RefinementCtx<CaseFilterQuery>): void {
  if (query.minDaysPastDue !== undefined && query.maxDaysPastDue !== undefined && query.minDaysPastDue > query.maxDaysPastDue) {
    ctx.addIssue({ code: 'custom', message: 'minDaysPastDue must not exceed maxDaysPastDue' });
  }
  if (query.minAmount !== undefined && query.maxAmount !== undefined && query.minAmount > query.maxAmount) {
    ctx.addIssue({ code: 'custom', message: 'minAmount must not exceed maxAmount' });
  }
}

export const caseListQuery = caseFilterQuery
  .extend({
    sort: z.enum(caseSortFields).default('priority'),
    order: z.enum(['asc', 'desc']).default('desc'),
    limit: intParam.min(1).max(500).default(50),
    cursor: z.string().max(512).optional(),
  })
  .superRefine(rangesInOrder);
export type CaseListQuery = z.output<typeof caseListQuery>;
export type CaseListQueryInput = z.input<typeof caseListQuery>;

export const caseSummary = z.object({
  id: z.uuid(),
  creditor: z.string(),
  externalId: z.string(),
  product: z.enum(products),
  debtorName: z.string(),
  debtorIdNumberMasked: z.string(),
  totalOutstanding: z.number().int(),
  daysPastDue: z.number().int(),
  bucket: z.enum(buckets),
  status: z.enum(caseStatuses),
  escalationReason: z.enum(escalationReasons),
  priority: z.number().int(),
  lat: z.number(),
  lng: z.number(),
  address: z.string(),
  assignedCollectorId: z.uuid().nullable(),
  receivedAt: z.iso.datetime(),
  /** A supervisor sent the case back for another visit (evidence review), until it is checked in again. Optional for older clients' fixtures; the server always sends it. */
  revisit: z.object({ reason: z.string(), requestedAt: z.iso.datetime(), visitId: z.uuid() }).nullable().optional(),
});
export type CaseSummary = z.infer<typeof caseSummary>;

export const caseListResponse = z.object({
  cases: z.array(caseSummary),
  nextCursor: z.string().nullable(),
});
export type CaseListResponse = z.infer<typeof caseListResponse>;

export const caseDetail = caseSummary.extend({
  timeZone: z.string(),
  debtorPhone: z.string().nullable(),
  amounts: z.object({
    principal: z.number().int(),
    interest: z.number().int(),
    fees: z.number().int(),
    totalOutstanding: z.number().int(),
  }),
  addresses: z.array(
    z.object({ id: z.uuid(), kind: z.enum(addressKinds), address: z.string(), lat: z.number(), lng: z.number() }),
  ),
  contacts: z.array(z.object({ id: z.uuid(), name: z.string(), relation: z.string(), phone: z.string().nullable() })),
  notes: z.array(
    z.object({ id: z.uuid(), writtenAt: z.iso.datetime(), author: z.string(), channel: z.string(), body: z.string() }),
  ),
  /** The creditor's permitted visiting hours, in the debtor's local time (timeZone). */
  visitingHours: z.object({ start: z.string(), end: z.string() }),
  /** The creditor asks for visits to be audio-recorded from check-in to check-out. */
  recordAudio: z.boolean(),
  /** Earlier visits to this case, newest first (at most 10). */
  previousVisits: z.array(
    z.object({
      id: z.uuid(),
      checkedInAt: z.iso.datetime().nullable(),
      outcome: z.string().nullable(),
      collectorName: z.string(),
      notes: z.string().nullable(),
    }),
  ),
  updatedAt: z.iso.datetime(),
});
export type CaseDetail = z.infer<typeof caseDetail>;

export const caseIdParams = z.strictObject({ id: z.uuid('Not a case id') });
