import type { SessionUser } from '../../../shared/schemas/auth.js';

export function VisitReviewPage({ id, user }: { id: string; user: SessionUser }) {
  return <h1 data-id={id} data-user={user.id}>外访复核</h1>;
}
