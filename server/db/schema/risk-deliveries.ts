import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { riskSignals } from './risk-signals.js';
import { instant } from './columns.js';

/**
 * The webhook outbox: one row per signal to deliver, written in the same statement as the signal
 * (so neither exists without the other) and worked off by the delivery poller in each server
 * instance. `next_attempt_at` is also the lease: a claimed row is pushed ahead while it is being
 * delivered, so a crashed instance's rows come due again by themselves.
 */
export const riskDeliveries = pgTable(
  'risk_deliveries',
  {
    signalId: uuid('signal_id')
      .primaryKey()
      .references(() => riskSignals.id),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: instant('next_attempt_at').notNull().defaultNow(),
    deliveredAt: instant('delivered_at'),
    lastError: text('last_error'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [index('risk_deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.deliveredAt} is null`)],
);
