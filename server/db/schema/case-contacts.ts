import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases.js';

export const caseContacts = pgTable(
  'case_contacts',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    relation: text('relation').notNull(),
    phone: text('phone'),
  },
  (t) => [index('case_contacts_case_idx').on(t.caseId)],
);
