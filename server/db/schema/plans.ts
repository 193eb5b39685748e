import { date, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { PlanView } from '../../../shared/schemas/dispatch.js';
import { users } from './users.js';
import { instant } from './columns.js';

/** A dispatcher's plan for a day: a draft of routes until it is published into `routes`. */
export const plans = pgTable('plans', {
  id: uuid('id').primaryKey(),
  serviceDate: date('service_date').notNull(),
  status: text('status', { enum: ['draft', 'published'] }).notNull(),
  createdBy: uuid('created_by')
    .notNull()
    .references(() => users.id),
  view: jsonb('view').$type<PlanView>().notNull(),
  createdAt: instant('created_at').notNull().defaultNow(),
  publishedAt: instant('published_at'),
});
