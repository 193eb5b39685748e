import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { apiError } from '../../shared/schemas/errors.js';

const healthResponse = z.object({
  status: z.literal('ok'),
  db: z.enum(['pglite', 'postgres']),
  version: z.string(),
  uptimeS: z.number(),
});

export async function healthRoutes(app: FastifyInstance, options: { dbKind: 'pglite' | 'postgres'; version: string }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    { schema: { tags: ['health'], summary: 'Liveness and database reachability', response: { 200: healthResponse, 503: apiError } } },
    async (_request, response) => {
      try {
        await app.db.execute(sql`select 1`);
      } catch {
        return response.status(503).send({ statusCode: 503, error: 'Service Unavailable', message: 'The database is not reachable.' });
      }
      return { status: 'ok' as const, db: options.dbKind, version: options.version, uptimeS: Math.round(process.uptime()) };
    },
  );
}
