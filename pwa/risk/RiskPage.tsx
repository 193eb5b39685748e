// Risk monitoring (supervisors, admins): open risk signals on a map and in a list, live.
import type { SessionUser } from '../../shared/schemas/auth.js';

export default function RiskPage(_props: { user: SessionUser }) {
  return <div data-testid="risk-page" />;
}
