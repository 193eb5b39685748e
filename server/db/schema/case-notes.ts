import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases.js';

/** Prior collection notes (催记) that came with the case. */
export const caseNotes = pgTable(
  'case_notes',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    writtenAt: timestamp('written_at', { withTimezone: true, precision: 3 }).notNull(),
    author: text('author').notNull(),
    channel: text('channel').notNull(),
    body: text('body').notNull(),
  },
  (t) => [index('case_notes_case_idx').on(t.caseId, t.writtenAt)],
);
