import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { deviceKeyResponse } from '../../shared/schemas/auth.js';
import { apiError } from '../../shared/schemas/errors.js';
import { currentSession } from './auth.plugin.js';
import { releaseDeviceKey } from './device-key.service.js';

export async function deviceKeyRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/session/device-key',
    {
      schema: {
        tags: ['auth'],
        summary: "This session's key for encrypting the debtor data its device keeps (a new session, a new key)",
        response: { 200: deviceKeyResponse, 401: apiError, 403: apiError },
      },
    },
    async (request, reply) => {
      // A key must never sit in a cache (the browser's, a proxy's) after the session ends.
      reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
      return releaseDeviceKey(app.db, currentSession(request));
    },
  );
}
