import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { MutationResult } from '../../../shared/schemas/sync.js';
import { users } from './users.js';

/** One row per mutation ever applied or refused: the dedupe record, written with its effect. */
export const syncMutations = pgTable(
  'sync_mutations',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    deviceId: text('device_id').notNull(),
    type: text('type').notNull(),
    payloadHash: text('payload_hash').notNull(),
    result: jsonb('result').$type<MutationResult>().notNull(),
    deviceCreatedAt: timestamp('device_created_at', { withTimezone: true, precision: 3 }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index('sync_mutations_user_idx').on(t.userId, t.receivedAt)],
);
