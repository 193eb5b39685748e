// Users listed as people look for them: by role (staff first), then username with numbers in numeric order.
import type { Role } from '../../shared/roles.js';
import type { UserSummary } from '../../shared/schemas/users.js';

const roleOrder: Record<Role, number> = { admin: 0, dispatcher: 1, supervisor: 2, collector: 3, api_client: 4 };
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function sortUsers(users: readonly UserSummary[]): UserSummary[] {
  return [...users].sort((a, b) => roleOrder[a.role] - roleOrder[b.role] || collator.compare(a.username, b.username));
}
