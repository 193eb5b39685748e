import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { apiError } from '../../shared/schemas/errors.js';
import {
  acknowledgeRequest,
  riskBoardItem,
  riskBoardQuery,
  riskBoardResponse,
  riskFeedQuery,
  riskFeedResponse,
  riskSignalParams,
} from '../../shared/schemas/risk.js';
import { currentSession } from '../auth/auth.plugin.js';
import { type DispatchTeamScope, visibleTeam } from '../dispatch/team-scope.js';
import { acknowledge, readBoard, readFeed } from './risk.service.js';

export async function riskRoutes(app: FastifyInstance, options: { teamScope: DispatchTeamScope }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: apiError, 401: apiError, 403: apiError } as const;
  const teamOf = (request: FastifyRequest) => visibleTeam(currentSession(request).user, options.teamScope);

  api.get(
    '/api/risk/signals',
    {
      schema: {
        tags: ['risk'],
        summary: 'Risk signals in a stable order, a page after the cursor (follow nextCursor; each signal comes once, none skipped)',
        querystring: riskFeedQuery,
        response: { 200: riskFeedResponse, ...errors },
      },
    },
    async (request) => readFeed(app.db, request.query, teamOf(request)),
  );

  api.get(
    '/api/risk/board',
    {
      schema: {
        tags: ['risk'],
        summary: 'Signals for the risk monitoring view (open by default), gravest first, with counts by team, type and severity',
        querystring: riskBoardQuery,
        response: { 200: riskBoardResponse, ...errors },
      },
    },
    async (request) => readBoard(app.db, request.query, teamOf(request)),
  );

  api.post(
    '/api/risk/signals/:id/acknowledge',
    {
      schema: {
        tags: ['risk'],
        summary: 'Acknowledge a signal (someone is handling it); repeating it changes nothing; audited',
        params: riskSignalParams,
        body: acknowledgeRequest,
        response: { 200: riskBoardItem, 404: apiError, 409: apiError, ...errors },
      },
    },
    async (request) => acknowledge(app.db, currentSession(request).user, request.params.id, request.body?.note, teamOf(request)),
  );
}
