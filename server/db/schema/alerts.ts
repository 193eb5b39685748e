import { doublePrecision, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.js';

const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** Live alerts for supervisors: a collector's SOS (later also overdue visits and high-risk check-ins). */
export const alerts = pgTable(
  'alerts',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind', { enum: ['sos'] }).notNull(),
    collectorId: uuid('collector_id')
      .notNull()
      .references(() => users.id),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    accuracyM: doublePrecision('accuracy_m'),
    note: text('note'),
    raisedAt: at('raised_at').notNull(),
    receivedAt: at('received_at').notNull(),
    acknowledgedAt: at('acknowledged_at'),
    acknowledgedBy: uuid('acknowledged_by').references(() => users.id),
  },
  (t) => [index('alerts_open_idx').on(t.acknowledgedAt, t.raisedAt)],
);
