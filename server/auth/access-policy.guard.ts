// Enforces access-policy.ts: an onRoute hook puts the policy's check first among the preHandlers
// of every /api/ route, and keeps the resulting route table for tests and for the log.
import type { FastifyInstance, preHandlerAsyncHookHandler, RouteOptions } from 'fastify';
import type { Role } from '../../shared/roles.js';
import { DomainError } from '../http/errors.js';
import { type Access, type AccessDecision, decide, refusalMessages, routeAccess, socketEventAccess } from './access-policy.js';

export interface RouteAccess {
  method: string;
  url: string;
  /** undefined: no entry in the policy, so refused to everyone. */
  access: Access | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every /api/ route registered so far, each with the policy it was given. */
    routeAccessTable: readonly RouteAccess[];
  }
}

const statusOf = { unauthenticated: 401, forbidden: 403, 'no-policy': 403 } as const satisfies Record<
  Exclude<AccessDecision, 'allowed'>,
  number
>;

const isApiRoute = (url: string) => url === '/api' || url.startsWith('/api/');

/**
 * Must run before any route is registered: a route added earlier would escape the policy.
 * Sessions are resolved by the auth plugin's onRequest hook, before any preHandler runs.
 */
export function registerAccessPolicy(app: FastifyInstance): void {
  const table: RouteAccess[] = [];
  app.decorate('routeAccessTable', table);
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!isApiRoute(route.url)) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const byMethod = new Map<string, Access | undefined>();
    for (const method of methods) {
      const access = routeAccess(method, route.url);
      byMethod.set(method, access);
      table.push({ method, url: route.url, access });
      if (access === undefined)
        app.log.error({ method, url: route.url }, 'route has no access policy: refused to everyone until it gets one');
    }
    if ([...byMethod.values()].every((access) => access?.who === 'public')) return;
    const guard: preHandlerAsyncHookHandler = async (request) => {
      const access = byMethod.get(request.method);
      const decision = decide(access, request.session?.user.role);
      if (decision === 'allowed') return;
      if (decision === 'no-policy')
        request.log.warn({ method: request.method, url: route.url }, 'refused a route without an access policy');
      throw new DomainError(statusOf[decision], refusalMessages[decision]);
    };
    const existing = route.preHandler;
    route.preHandler = [guard, ...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing])];
  });
}

/** Why a client event from `role` is refused, or undefined when it may be handled. */
export function socketEventRefusal(event: string, role: Role): string | undefined {
  const decision = decide(socketEventAccess(event), role);
  if (decision === 'allowed') return undefined;
  return decision === 'no-policy' ? 'The server does not take this event.' : refusalMessages[decision];
}
