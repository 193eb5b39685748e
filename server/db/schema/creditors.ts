import { boolean, pgTable, text, time, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A creditor's conduct settings override the defaults for its cases. */
export const creditors = pgTable('creditors', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  visitingHoursStart: time('visiting_hours_start').notNull().default('08:00'),
  visitingHoursEnd: time('visiting_hours_end').notNull().default('21:00'),
  timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
  recordAudio: boolean('record_audio').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});
