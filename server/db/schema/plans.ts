import { date, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { PlanView } from '../../../shared/schemas/dispatch.js';
import { users } from './users.js';

const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** A dispatcher's plan for a day: a draft of routes until it is published into `routes`. */
export const plans = pgTable('plans', {
  id: uuid('id').primaryKey(),
  serviceDate: date('service_date').notNull(),
  status: text('status', { enum: ['draft', 'published'] }).notNull(),
  createdBy: uuid('created_by')
    .notNull()
    .references(() => users.id),
  view: jsonb('view').$type<PlanView>().notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
  publishedAt: at('published_at'),
});
