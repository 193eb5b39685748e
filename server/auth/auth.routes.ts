import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loginRequest, loginResponse, sessionUser, type LoginRequest } from '../../shared/schemas/auth.js';
import { apiError } from '../../shared/schemas/errors.js';
import { currentSession, sessionCookie } from './auth.plugin.js';
import { login, logout } from './auth.service.js';

export async function authRoutes(app: FastifyInstance, options: { sessionTtlHours: number; cookieSecure: boolean; loginAttemptsPerMinute: number }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with username and password; the token is also set as a cookie',
        body: loginRequest,
        response: { 200: loginResponse, 400: apiError, 401: apiError, 429: apiError },
      },
      // A preHandler, not onRequest, so the key can include the username from the parsed body.
      preHandler: app.rateLimit({
        max: options.loginAttemptsPerMinute,
        timeWindow: 60_000,
        // Per address and username: guessing one account is slowed without locking out a shared office IP.
        keyGenerator: (request) => `${request.ip}|${(request.body as LoginRequest).username.toLowerCase()}`,
        errorResponseBuilder: (_request, context) => ({
          statusCode: 429,
          message: `Too many sign-in attempts for this account. Wait ${context.after} and try again.`,
        }),
      }),
    },
    async (request, response) => {
      const result = await login(
        app.db,
        { ...request.body, userAgent: request.headers['user-agent'] ?? null },
        options.sessionTtlHours,
      );
      response.setCookie(sessionCookie, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: options.cookieSecure,
        expires: result.expiresAt,
      });
      return { token: result.token, expiresAt: result.expiresAt.toISOString(), user: result.user };
    },
  );

  api.post(
    '/api/auth/logout',
    {
      schema: { tags: ['auth'], summary: 'End this session', response: { 204: z.null(), 401: apiError } },
    },
    async (request, response) => {
      await logout(app.db, currentSession(request));
      response.clearCookie(sessionCookie, { path: '/' });
      return response.status(204).send(null);
    },
  );

  api.get(
    '/api/auth/me',
    {
      schema: { tags: ['auth'], summary: 'Who is signed in', response: { 200: sessionUser, 401: apiError } },
    },
    async (request) => currentSession(request).user,
  );
}
