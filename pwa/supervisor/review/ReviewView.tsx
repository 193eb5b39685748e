// Evidence review, loaded as its own chunk: the queue at /review, a visit at /review/visits/:id.
import type { SessionUser } from '../../../shared/schemas/auth.js';
import type { Route } from '../../app/router.js';
import { ReviewQueuePage } from './ReviewQueuePage.js';
import { VisitReviewPage } from './VisitReviewPage.js';

export type ReviewRoute = Extract<Route, { name: 'reviewQueue' | 'reviewVisit' }>;

export default function ReviewView({ route, search, user }: { route: ReviewRoute; search: string; user: SessionUser }) {
  return route.name === 'reviewQueue' ? <ReviewQueuePage search={search} /> : <VisitReviewPage id={route.id} user={user} />;
}
