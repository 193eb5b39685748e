import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases.js';
import { users } from './users.js';

/** Prior collection notes (催记) that came with the case, and the notes collectors add to it. */
export const caseNotes = pgTable(
  'case_notes',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    writtenAt: timestamp('written_at', { withTimezone: true, precision: 3 }).notNull(),
    author: text('author').notNull(),
    /** The collector who wrote it in the app; null for notes that came with the case. Other collectors never receive it. */
    authorId: uuid('author_id').references(() => users.id),
    channel: text('channel').notNull(),
    body: text('body').notNull(),
  },
  (t) => [index('case_notes_case_idx').on(t.caseId, t.writtenAt)],
);
