import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { collectorSummary, creditorSummary, teamSummary } from '../../shared/schemas/directory.js';
import { apiError } from '../../shared/schemas/errors.js';
import { currentSession } from '../auth/auth.plugin.js';
import { type DispatchTeamScope, visibleTeam } from '../dispatch/team-scope.js';
import { listCollectors, listCreditors, listTeams } from './directory.repository.js';

/** Shift times come from PostgreSQL as HH:MM:SS; the app speaks HH:MM. */
const hhmm = (time: string) => time.slice(0, 5);

export async function directoryRoutes(app: FastifyInstance, options: { teamScope: DispatchTeamScope }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 401: apiError, 403: apiError } as const;

  api.get(
    '/api/collectors',
    { schema: { tags: ['directory'], summary: 'Field collectors with their home base, shift and skills', response: { 200: z.array(collectorSummary), ...errors } } },
    async (request) =>
      (await listCollectors(app.db, undefined, visibleTeam(currentSession(request).user, options.teamScope))).map(({ disabledAt, shiftStart, shiftEnd, ...collector }) => ({
        ...collector,
        disabled: disabledAt !== null,
        shiftStart: hhmm(shiftStart),
        shiftEnd: hhmm(shiftEnd),
      })),
  );

  api.get(
    '/api/teams',
    { schema: { tags: ['directory'], summary: 'Teams and their territories', response: { 200: z.array(teamSummary), ...errors } } },
    async () => listTeams(app.db),
  );

  api.get(
    '/api/creditors',
    { schema: { tags: ['directory'], summary: 'Creditors and their visiting hours', response: { 200: z.array(creditorSummary), ...errors } } },
    async () =>
      (await listCreditors(app.db)).map((creditor) => ({
        ...creditor,
        visitingHoursStart: hhmm(creditor.visitingHoursStart),
        visitingHoursEnd: hhmm(creditor.visitingHoursEnd),
      })),
  );
}
