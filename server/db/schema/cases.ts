import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  doublePrecision,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { creditors } from './creditors.js';
import { users } from './users.js';

const money = (name: string) => bigint(name, { mode: 'number' }).notNull();

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey(),
    creditorId: uuid('creditor_id')
      .notNull()
      .references(() => creditors.id),
    externalId: text('external_id').notNull(),
    product: text('product', { enum: ['credit_card', 'consumer_instalment', 'cash_loan'] }).notNull(),
    debtorName: text('debtor_name').notNull(),
    debtorIdNumber: text('debtor_id_number').notNull(),
    debtorPhone: text('debtor_phone'),
    principal: money('principal'),
    interest: money('interest'),
    fees: money('fees'),
    totalOutstanding: money('total_outstanding'),
    daysPastDue: integer('days_past_due').notNull(),
    bucket: text('bucket', { enum: ['M1', 'M2', 'M3+'] }).notNull(),
    status: text('status', { enum: ['received', 'assigned', 'visited', 'closed', 'returned'] }).notNull(),
    escalationReason: text('escalation_reason', {
      enum: ['unreachable', 'broken_promise', 'refused', 'high_balance', 'other'],
    }).notNull(),
    priority: smallint('priority').notNull(),
    timeZone: text('time_zone').notNull(),
    // The first address, kept on the case so the map and bounding-box queries need no join.
    address: text('address').notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    assignedCollectorId: uuid('assigned_collector_id').references(() => users.id),
    assignedAt: timestamp('assigned_at', { withTimezone: true, precision: 3 }),
    receivedAt: timestamp('received_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    /** When the case was closed or returned to the creditor (kept by a trigger); its retention counts from here. */
    closedAt: timestamp('closed_at', { withTimezone: true, precision: 3 }),
    /** When the retention job removed the debtor's personal data (amounts and ids stay, for figures). */
    anonymisedAt: timestamp('anonymised_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    unique('cases_creditor_external_id_key').on(t.creditorId, t.externalId),
    index('cases_position_gist').using('gist', sql`point(${t.lng}, ${t.lat})`),
    index('cases_assigned_collector_idx').on(t.assignedCollectorId),
    index('cases_priority_idx').on(t.priority, t.id),
    // The retention job's walk over closed cases still holding personal data.
    index('cases_closed_idx').on(t.closedAt).where(sql`${t.closedAt} is not null`),
    check('cases_amounts_check', sql`${t.totalOutstanding} = ${t.principal} + ${t.interest} + ${t.fees} and ${t.principal} >= 0 and ${t.interest} >= 0 and ${t.fees} >= 0`),
    check('cases_position_check', sql`${t.lat} between -90 and 90 and ${t.lng} between -180 and 180`),
  ],
);
