import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiError } from '../../shared/schemas/errors.js';
import { resultsCsvQuery, resultsQuery, resultsResponse } from '../../shared/schemas/results.js';
import { currentSession } from '../auth/auth.plugin.js';
import { resultsCsv } from './results.csv.js';
import { type ResultsOptions, teamResults } from './results.service.js';

export async function resultsRoutes(app: FastifyInstance, options: ResultsOptions) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: apiError, 401: apiError, 403: apiError, 404: apiError } as const;
  const viewer = (request: FastifyRequest) => currentSession(request).user;

  api.get(
    '/api/results',
    {
      schema: {
        tags: ['results'],
        summary: 'Team results per team or collector by day, week or month in the business time zone, with totals',
        description:
          'Definitions of every figure: server/results/README.md. A supervisor of a team sees only that team when DISPATCH_TEAM_SCOPE=team.',
        querystring: resultsQuery,
        response: { 200: resultsResponse, ...errors },
      },
    },
    async (request) => teamResults(app.db, viewer(request), request.query, options),
  );

  api.get(
    '/api/results.csv',
    {
      schema: {
        tags: ['results'],
        summary: 'The same figures as CSV for Excel (UTF-8 with a byte-order mark, a header row, the totals last)',
        querystring: resultsCsvQuery,
        produces: ['text/csv'],
        response: { 200: z.string().describe('CSV, UTF-8 with a byte-order mark'), ...errors },
      },
    },
    async (request, reply) => {
      const { lang, ...query } = request.query;
      const results = await teamResults(app.db, viewer(request), query, options);
      const name = `results-${results.period}-${results.from}-${results.to}.csv`;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(resultsCsv(results, lang));
    },
  );
}
