// Who may call what: one entry per API route and per client socket event, the single source of
// truth. access-policy.guard.ts attaches the check to every /api/ route as it is registered; a
// route or event without an entry here is refused to everyone (deny by default).
import type { ClientEvent } from '../../shared/events.js';
import { caseImporters, caseReaders, humanRoles, type Role } from '../../shared/roles.js';
import { riskHandlers, riskReaders } from '../../shared/risk.js';

export type Access =
  { readonly who: 'public' } | { readonly who: 'signed-in' } | { readonly who: 'roles'; readonly roles: readonly Role[] };

/** No session needed. */
export const open: Access = { who: 'public' };
/** Any live session, whatever the role. */
export const signedIn: Access = { who: 'signed-in' };
export const only = (roles: readonly Role[]): Access => ({ who: 'roles', roles });

const admins = only(['admin']);
const collectors = only(['collector']);
const staff = only(['dispatcher', 'supervisor', 'admin']);
const planners = only(['dispatcher', 'admin']);
const reviewers = only(['supervisor', 'admin']);
/** Visit evidence and photos: people who work the cases, never an upstream system. */
const evidenceReaders = only(humanRoles);

/**
 * Keys are `METHOD url` as Fastify names the route. A HEAD route without an entry of its own
 * takes its GET's (Fastify adds one beside every GET).
 */
export const routePolicy: Readonly<Record<string, Access>> = {
  'GET /api/health': open,
  // The OpenAPI document and its browser (@fastify/swagger-ui): the contract is public, the data behind it is not.
  'GET /api/docs': open,
  'GET /api/docs/': open,
  'GET /api/docs/static/index.html': open,
  'GET /api/docs/static/swagger-initializer.js': open,
  'GET /api/docs/static/*': open,
  'GET /api/docs/json': open,
  'GET /api/docs/yaml': open,

  'POST /api/auth/login': open,
  'POST /api/auth/logout': signedIn,
  'GET /api/auth/me': signedIn,
  // Only collectors' devices keep debtor data; the key goes to the session that asks, no one else's.
  'GET /api/session/device-key': collectors,

  'GET /api/users': admins,
  'POST /api/users': admins,
  'PATCH /api/users/:id': admins,
  'GET /api/collectors': staff,
  'GET /api/teams': staff,
  'GET /api/creditors': only(['dispatcher', 'supervisor', 'admin', 'api_client']),

  'GET /api/cases': only(caseReaders),
  'GET /api/cases/:id': only(caseReaders),
  'POST /api/cases/import': only(caseImporters),

  'POST /api/sync/push': collectors,
  'GET /api/sync/pull': collectors,
  'GET /api/sync/photos': collectors,
  // tus: create, then resume (HEAD), send (PATCH) or abandon (DELETE) one's own upload.
  'POST /api/uploads': collectors,
  'HEAD /api/uploads/:id': collectors,
  'PATCH /api/uploads/:id': collectors,
  'DELETE /api/uploads/:id': collectors,
  'GET /api/photos/:sha256': evidenceReaders,
  'GET /api/visits/:id': evidenceReaders,

  'POST /api/dispatch/plans': planners,
  'GET /api/dispatch/plans/:id': planners,
  'PATCH /api/dispatch/plans/:id': planners,
  'POST /api/dispatch/plans/:id/publish': planners,
  'POST /api/dispatch/assignments': planners,
  'POST /api/dispatch/urgent': planners,
  'GET /api/dispatch/day': staff,
  'GET /api/map/cases': staff,

  'GET /api/results': reviewers,
  'GET /api/results.csv': reviewers,

  'GET /api/review/visits': reviewers,
  'GET /api/review/visits/:id': reviewers,
  'POST /api/review/visits/:id/verdict': reviewers,
  'POST /api/review/visits/:id/settlement': reviewers,
  'GET /api/review/visits/:id/evidence-pack': reviewers,
  'GET /api/review/cases/:id/evidence-pack': reviewers,
  'POST /api/review/complaints': reviewers,
  'GET /api/review/complaints': reviewers,
  'GET /api/review/complaints/:id': reviewers,
  'PATCH /api/review/complaints/:id': reviewers,
  'GET /api/review/supervisors': reviewers,

  'GET /api/risk/signals': only(riskReaders),
  'GET /api/risk/board': only(riskHandlers),
  'POST /api/risk/signals/:id/acknowledge': only(riskHandlers),
};

/** One entry per event a client may send (the compiler insists on every one); any other name is refused. */
export const socketEventPolicy: Readonly<Record<ClientEvent, Access>> = {
  'position:update': collectors,
};

/** The policy of a route, or undefined when it has none (and so is refused to everyone). */
export function routeAccess(method: string, url: string): Access | undefined {
  return routePolicy[`${method} ${url}`] ?? (method === 'HEAD' ? routePolicy[`GET ${url}`] : undefined);
}

export function socketEventAccess(event: string): Access | undefined {
  return Object.hasOwn(socketEventPolicy, event) ? socketEventPolicy[event as ClientEvent] : undefined;
}

export type AccessDecision = 'allowed' | 'unauthenticated' | 'forbidden' | 'no-policy';

/** The decision for a caller with `role` (undefined: no live session). */
export function decide(access: Access | undefined, role: Role | undefined): AccessDecision {
  if (access === undefined) return 'no-policy';
  if (access.who === 'public') return 'allowed';
  if (role === undefined) return 'unauthenticated';
  if (access.who === 'signed-in' || access.roles.includes(role)) return 'allowed';
  return 'forbidden';
}

export const refusalMessages = {
  unauthenticated: 'You are not signed in, or your session has ended. Sign in again.',
  forbidden: 'Your role does not allow this. Ask an administrator if you need it.',
  'no-policy': 'This endpoint has no access policy yet, so it is closed to everyone. Tell the developers.',
} as const satisfies Record<Exclude<AccessDecision, 'allowed'>, string>;
