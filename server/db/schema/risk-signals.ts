import { sql } from 'drizzle-orm';
import { bigint, check, date, index, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { riskSeverities, riskSignalStatuses, riskSignalTypes } from '../../../shared/risk.js';
import type { RiskFinding } from '../../../shared/schemas/risk.js';
import { cases } from './cases.js';
import { users } from './users.js';
import { visits } from './visits.js';
import { instant } from './columns.js';

/**
 * Risk signals the rules raised from visits (server/risk/risk.rules.ts). The id is derived from
 * (visit, type), so a replayed or re-recorded visit can never raise the same signal twice. `xid`
 * (the writing transaction) and `seq` order the feed: it reads only finished transactions, so a
 * signal committed late never falls behind a cursor that has passed it.
 */
export const riskSignals = pgTable(
  'risk_signals',
  {
    id: uuid('id').primaryKey(),
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    xid: bigint('xid', { mode: 'number' })
      .notNull()
      .default(sql`(pg_current_xact_id()::text)::bigint`),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    visitId: uuid('visit_id')
      .notNull()
      .references(() => visits.id),
    type: text('type', { enum: riskSignalTypes }).notNull(),
    severity: text('severity', { enum: riskSeverities }).notNull(),
    reason: text('reason').notNull(),
    /** The facts behind the reason, for readers in other languages. */
    findings: jsonb('findings').$type<RiskFinding[]>().notNull().default([]),
    status: text('status', { enum: riskSignalStatuses }).notNull().default('open'),
    /** A promise's due date, in the case's zone. */
    dueOn: date('due_on'),
    /** When the visit was recorded (device clock): a later record supersedes an earlier promise. */
    occurredAt: instant('occurred_at').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    acknowledgedAt: instant('acknowledged_at'),
    acknowledgedBy: uuid('acknowledged_by').references(() => users.id),
    acknowledgementNote: text('acknowledgement_note'),
    closedAt: instant('closed_at'),
    /** Why the system closed it: paid, superseded by a newer promise, broken. */
    closedReason: text('closed_reason'),
  },
  (t) => [
    unique('risk_signals_visit_type_key').on(t.visitId, t.type),
    index('risk_signals_feed_idx').on(t.xid, t.seq),
    index('risk_signals_board_idx').on(t.status, t.severity, t.createdAt),
    index('risk_signals_case_idx').on(t.caseId, t.type),
    check('risk_signals_status_check', sql`${t.status} in ('open', 'acknowledged', 'closed')`),
  ],
);
