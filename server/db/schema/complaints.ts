import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases.js';
import { users } from './users.js';
import { visits } from './visits.js';
import { instant } from './columns.js';

/** A complaint (投诉) from a debtor or a creditor about a visit or a collector, tracked to resolution. */
export const complaints = pgTable(
  'complaints',
  {
    id: uuid('id').primaryKey(),
    /** Set when the complaint is about one visit; the collector and case are then that visit's. */
    visitId: uuid('visit_id').references(() => visits.id),
    collectorId: uuid('collector_id')
      .notNull()
      .references(() => users.id),
    caseId: uuid('case_id').references(() => cases.id),
    source: text('source', { enum: ['debtor', 'creditor'] }).notNull(),
    channel: text('channel', { enum: ['phone', 'letter', 'email', 'in_person', 'online', 'regulator'] }).notNull(),
    body: text('body').notNull(),
    receivedAt: instant('received_at').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    assigneeId: uuid('assignee_id').references(() => users.id),
    status: text('status', { enum: ['open', 'investigating', 'resolved'] }).notNull().default('open'),
    resolution: text('resolution'),
    resolvedAt: instant('resolved_at'),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('complaints_visit_idx').on(t.visitId),
    index('complaints_collector_idx').on(t.collectorId, t.createdAt),
    index('complaints_status_idx').on(t.status, t.createdAt),
    check('complaints_resolution_check', sql`${t.status} <> 'resolved' or (length(trim(coalesce(${t.resolution}, ''))) > 0 and ${t.resolvedAt} is not null)`),
  ],
);
