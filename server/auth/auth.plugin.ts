// Resolves the session on every request (bearer token or cookie) and offers a role guard.
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { Role } from '../../shared/roles.js';
import { DomainError } from '../http/errors.js';
import type { AuthenticatedSession } from './auth.service.js';
import { authenticate } from './auth.service.js';

export const sessionCookie = 'fv_session';

declare module 'fastify' {
  interface FastifyRequest {
    session: AuthenticatedSession | undefined;
  }
  interface FastifyInstance {
    /** preHandler: 401 without a live session, 403 when the role is not among `allowed`. */
    requireRole(allowed: readonly Role[]): preHandlerAsyncHookHandler;
  }
}

function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || undefined;
  return request.cookies[sessionCookie];
}

export const authPlugin = fp(
  async (app: FastifyInstance, options: { sessionTtlHours: number }) => {
    app.decorateRequest('session', undefined);
    app.addHook('onRequest', async (request) => {
      if (!request.url.startsWith('/api/')) return;
      const token = tokenOf(request);
      if (token === undefined || token.length > 256) return;
      request.session = await authenticate(app.db, token, options.sessionTtlHours);
    });
    app.decorate('requireRole', (allowed: readonly Role[]): preHandlerAsyncHookHandler => {
      return async (request) => {
        if (!request.session) {
          throw new DomainError(401, 'You are not signed in, or your session has ended. Sign in again.');
        }
        if (!allowed.includes(request.session.user.role)) {
          throw new DomainError(403, 'Your role does not allow this. Ask an administrator if you need it.');
        }
      };
    });
  },
  { name: 'auth', dependencies: ['@fastify/cookie'] },
);

/** The session of a request that passed `requireRole`. */
export function currentSession(request: FastifyRequest): AuthenticatedSession {
  if (!request.session) throw new DomainError(401, 'You are not signed in, or your session has ended. Sign in again.');
  return request.session;
}
