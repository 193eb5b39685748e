import { doublePrecision, integer, pgTable, text, time, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.js';

/** The field profile of a user whose role is collector. */
export const collectors = pgTable('collectors', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  homeAddress: text('home_address').notNull(),
  homeLat: doublePrecision('home_lat').notNull(),
  homeLng: doublePrecision('home_lng').notNull(),
  shiftStart: time('shift_start').notNull().default('08:30'),
  shiftEnd: time('shift_end').notNull().default('20:30'),
  maxVisitsPerDay: integer('max_visits_per_day').notNull().default(12),
  travelMode: text('travel_mode', { enum: ['walk', 'ebike', 'car', 'transit'] }).notNull().default('ebike'),
  skills: text('skills').array().notNull().default([]),
  /** Last position the app reported while in the foreground, for the dispatcher's map. */
  lastLat: doublePrecision('last_lat'),
  lastLng: doublePrecision('last_lng'),
  lastAccuracyM: doublePrecision('last_accuracy_m'),
  lastPositionAt: timestamp('last_position_at', { withTimezone: true, precision: 3 }),
});
