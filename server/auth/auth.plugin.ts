// Resolves the session on every request (bearer token or cookie); who may call what is decided by
// access-policy.ts, enforced on every route by access-policy.guard.ts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError } from '../http/errors.js';
import type { AuthenticatedSession } from './auth.service.js';
import { authenticate } from './auth.service.js';

export const sessionCookie = 'fv_session';

declare module 'fastify' {
  interface FastifyRequest {
    session: AuthenticatedSession | undefined;
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
  },
  { name: 'auth', dependencies: ['@fastify/cookie'] },
);

/** The session of a request that passed its route's access policy. */
export function currentSession(request: FastifyRequest): AuthenticatedSession {
  if (!request.session) throw new DomainError(401, 'You are not signed in, or your session has ended. Sign in again.');
  return request.session;
}
