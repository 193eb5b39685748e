// Team results (supervisors, admins): per team or collector, by day, week or month in the
// business time zone. The definitions of the figures are in server/results/README.md.
import { z } from 'zod';
import { daysBetween, resultPeriods } from '../periods.js';

export { resultPeriods, type ResultPeriod } from '../periods.js';

export const resultGroupings = ['team', 'collector'] as const;
export type ResultGrouping = (typeof resultGroupings)[number];

/** The longest range one request may cover (a leap year, both ends included). */
export const maxResultRangeDays = 366;

const resultsFilters = {
  period: z.enum(resultPeriods, { error: 'period is day, week or month' }).default('day'),
  from: z.iso.date('Use a date like 2026-10-01'),
  to: z.iso.date('Use a date like 2026-10-31'),
  teamId: z.uuid('teamId must be a team id').optional(),
  collectorId: z.uuid('collectorId must be a collector id').optional(),
  groupBy: z.enum(resultGroupings, { error: 'groupBy is team or collector' }).default('team'),
};

type RangeInput = { from: string; to: string };
const rangeIsOrdered = (q: RangeInput) => q.from <= q.to;
const rangeIsShort = (q: RangeInput) => daysBetween(q.from, q.to) < maxResultRangeDays;
const orderedMessage = { message: 'from must be on or before to', path: ['from'] };
const shortMessage = { message: `A range may cover at most ${maxResultRangeDays} days; ask for a shorter one`, path: ['to'] };

export const resultsQuery = z.strictObject(resultsFilters).refine(rangeIsOrdered, orderedMessage).refine(rangeIsShort, shortMessage);
export type ResultsQuery = z.output<typeof resultsQuery>;
export type ResultsQueryInput = z.input<typeof resultsQuery>;

export const csvLanguages = ['zh-CN', 'en'] as const;
export const resultsCsvQuery = z
  .strictObject({ ...resultsFilters, lang: z.enum(csvLanguages).default('zh-CN') })
  .refine(rangeIsOrdered, orderedMessage)
  .refine(rangeIsShort, shortMessage);
export type ResultsCsvQuery = z.output<typeof resultsCsvQuery>;

const count = z.number().int().min(0);
const ratio = z.number().min(0).nullable();

export const resultFigures = z.object({
  /** Stops on each collector's latest published route of each service date. */
  planned: count,
  /** Visits with a recorded outcome. */
  done: count,
  /** Done visits where the collector met the debtor or family. */
  contacts: count,
  contactRate: ratio,
  /** Done visits with a promise to pay (full, or a settlement request). */
  promises: count,
  promiseRate: ratio,
  /** Promises whose due date has passed in the business zone, or already kept. */
  promisesDue: count,
  /** Promises followed by a paid visit on the same case by the due date. */
  promisesKept: count,
  keptRate: ratio,
  /** Fen. */
  amountPromised: z.number().int().min(0),
  /** Fen: payments recorded on done visits (official channel, with its reference). */
  amountRecovered: z.number().int().min(0),
  /** Fen: current total outstanding of the distinct cases planned (on the latest published routes). */
  outstanding: z.number().int().min(0),
  recoveryRate: ratio,
  /** Done visits whose standing evidence verdict is accept, or reject (a revisit request is neither). */
  evidenceAccepted: count,
  evidenceRejected: count,
  /** Done visits with at least one evidence flag. */
  anomalies: count,
  /** Check-in to check-out, over visits with both. */
  avgOnSiteSeconds: z.number().min(0).nullable(),
  /** Planned travel of the routes divided by their stops. */
  travelSecondsPerStop: z.number().min(0).nullable(),
  travelMetresPerStop: z.number().min(0).nullable(),
});
export type ResultFigures = z.infer<typeof resultFigures>;

export const resultRow = resultFigures.extend({
  /** The first date of the day, week (Monday) or month. */
  bucket: z.iso.date(),
  teamId: z.uuid().nullable(),
  teamName: z.string().nullable(),
  /** Set when grouped by collector. */
  collectorId: z.uuid().nullable(),
  collectorName: z.string().nullable(),
});
export type ResultRow = z.infer<typeof resultRow>;

export const resultsResponse = z.object({
  period: z.enum(resultPeriods),
  groupBy: z.enum(resultGroupings),
  from: z.iso.date(),
  to: z.iso.date(),
  timeZone: z.string(),
  /** Every bucket touching the range, in order (the first may start before `from`). */
  buckets: z.array(z.iso.date()),
  /** One per bucket and group with any activity, by bucket then name. */
  rows: z.array(resultRow),
  /** Each bucket over all its groups (for the charts), in order. */
  bucketTotals: z.array(resultFigures.extend({ bucket: z.iso.date() })),
  /** The whole range and filter at once (not the sum of rows: a case visited in two buckets is outstanding once). */
  totals: resultFigures,
});
export type ResultsResponse = z.infer<typeof resultsResponse>;
