import { doublePrecision, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.js';
import { instant } from './columns.js';

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
    raisedAt: instant('raised_at').notNull(),
    receivedAt: instant('received_at').notNull(),
    acknowledgedAt: instant('acknowledged_at'),
    acknowledgedBy: uuid('acknowledged_by').references(() => users.id),
  },
  (t) => [index('alerts_open_idx').on(t.acknowledgedAt, t.raisedAt)],
);
