import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { caseAddresses } from './case-addresses.js';
import { cases } from './cases.js';
import { users } from './users.js';
import { visitReviews } from './visit-reviews.js';
import { visits } from './visits.js';
import { instant } from './columns.js';

/**
 * A supervisor's request to visit a case again: the case went back to the dispatch pool with
 * this reason. Outstanding until the case is checked in again after it was asked, or cancelled
 * when the verdict that asked is changed.
 */
export const revisitRequests = pgTable(
  'revisit_requests',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    addressId: uuid('address_id')
      .notNull()
      .references(() => caseAddresses.id),
    visitId: uuid('visit_id')
      .notNull()
      .references(() => visits.id),
    reviewId: uuid('review_id')
      .notNull()
      .references(() => visitReviews.id),
    reason: text('reason').notNull(),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: instant('requested_at').notNull().defaultNow(),
    cancelledAt: instant('cancelled_at'),
  },
  (t) => [index('revisit_requests_case_idx').on(t.caseId, t.requestedAt), index('revisit_requests_review_idx').on(t.reviewId)],
);
