import { date, doublePrecision, index, integer, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { caseAddresses } from './case-addresses.js';
import { cases } from './cases.js';
import { users } from './users.js';
import { instant } from './columns.js';

/** One collector's ordered day; the device holds the latest published one for today. */
export const routes = pgTable(
  'routes',
  {
    id: uuid('id').primaryKey(),
    collectorId: uuid('collector_id')
      .notNull()
      .references(() => users.id),
    serviceDate: date('service_date').notNull(),
    publishedAt: instant('published_at'),
    travelSeconds: integer('travel_seconds').notNull().default(0),
    distanceM: doublePrecision('distance_m').notNull().default(0),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [index('routes_collector_date_idx').on(t.collectorId, t.serviceDate)],
);

export const routeStops = pgTable(
  'route_stops',
  {
    routeId: uuid('route_id')
      .notNull()
      .references(() => routes.id, { onDelete: 'cascade' }),
    sequence: integer('sequence').notNull(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    addressId: uuid('address_id')
      .notNull()
      .references(() => caseAddresses.id),
    plannedArrival: instant('planned_arrival').notNull(),
    plannedDeparture: instant('planned_departure').notNull(),
    windowStart: instant('window_start').notNull(),
    windowEnd: instant('window_end').notNull(),
  },
  (t) => [primaryKey({ columns: [t.routeId, t.sequence] })],
);
