import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  assignmentRequest,
  assignmentResponse,
  createPlanRequest,
  dispatchDay,
  dispatchDayQuery,
  mapMarkers,
  mapMarkersQuery,
  planEdit,
  planIdParams,
  planView,
  publishResponse,
  urgentRequest,
  urgentResponse,
} from '../../shared/schemas/dispatch.js';
import { apiError } from '../../shared/schemas/errors.js';
import { currentSession } from '../auth/auth.plugin.js';
import { type DispatchChange, emitDispatchChanged } from '../realtime/dispatch-signals.js';
import { userRoom } from '../realtime/realtime.js';
import { reassign } from './assignment.service.js';
import { dispatchDayOf } from './day.service.js';
import { createPlan, publishPlan, readPlan } from './dispatch.service.js';
import { mapMarkersIn } from './map.service.js';
import { editPlan } from './plan-edit.service.js';
import { type DispatchTeamScope, visibleTeam } from './team-scope.js';
import { insertUrgentCase } from './urgent.service.js';

export async function dispatchRoutes(app: FastifyInstance, options: { timeZone: string; teamScope: DispatchTeamScope }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: apiError, 401: apiError, 403: apiError, 404: apiError } as const;
  /** The team whose collectors the signed-in user may see and plan (null: everyone's). */
  const teamOf = (request: FastifyRequest) => visibleTeam(currentSession(request).user, options.teamScope);
  // Through the adapter, after the change committed: watchers on every instance hear it.
  const notify = (change: DispatchChange) => emitDispatchChanged(app.realtime, change);

  api.post(
    '/api/dispatch/plans',
    {
      schema: {
        tags: ['dispatch'],
        summary: "Plan a day's routes for the chosen collectors; progress arrives over socket.io as plan:progress",
        body: createPlanRequest,
        response: { 201: planView, 422: apiError, ...errors },
      },
    },
    async (request, response) => {
      const user = currentSession(request).user;
      // A dispatcher who gives up (closes the tab) stops the search.
      const abort = new AbortController();
      request.raw.once('close', () => {
        if (!response.sent) abort.abort();
      });
      const requestId = request.id;
      const view = await createPlan(app.db, user, request.body, {
        timeZone: options.timeZone,
        team: teamOf(request),
        signal: abort.signal,
        onProgress: (progress) => app.realtime.to(userRoom(user.id)).emit('plan:progress', { requestId, ...progress }),
      });
      return response.status(201).send(view);
    },
  );

  api.get(
    '/api/dispatch/plans/:id',
    { schema: { tags: ['dispatch'], summary: 'A plan and its routes', params: planIdParams, response: { 200: planView, ...errors } } },
    async (request) => readPlan(app.db, request.params.id, teamOf(request)),
  );

  api.patch(
    '/api/dispatch/plans/:id',
    {
      schema: {
        tags: ['dispatch'],
        summary: 'Edit a draft by hand (move, reorder, pin, remove a stop); the touched routes are re-timed and the whole plan answered',
        params: planIdParams,
        body: planEdit,
        response: { 200: planView, 409: apiError, 422: apiError, ...errors },
      },
    },
    async (request) => editPlan(app.db, currentSession(request).user, request.params.id, request.body, { team: teamOf(request) }),
  );

  api.post(
    '/api/dispatch/plans/:id/publish',
    {
      schema: {
        tags: ['dispatch'],
        summary: 'Send each collector their route; their devices are told to pull',
        params: planIdParams,
        response: { 200: publishResponse, 409: apiError, ...errors },
      },
    },
    async (request) => publishPlan(app.db, currentSession(request).user, request.params.id, { team: teamOf(request), notify }),
  );

  api.post(
    '/api/dispatch/assignments',
    {
      schema: {
        tags: ['dispatch'],
        summary: 'Assign cases to a collector, or return them to the pool; the previous collector’s device drops them at its next sync',
        body: assignmentRequest,
        response: { 200: assignmentResponse, ...errors },
      },
    },
    async (request) => reassign(app.db, currentSession(request).user, request.body.caseIds, request.body.collectorId, { team: teamOf(request), notify }),
  );

  api.post(
    '/api/dispatch/urgent',
    {
      schema: {
        tags: ['dispatch'],
        summary: 'Insert one urgent case into the best of today’s published routes, leaving the others as they are',
        body: urgentRequest,
        response: { 200: urgentResponse, 409: apiError, 422: apiError, ...errors },
      },
    },
    async (request) => insertUrgentCase(app.db, currentSession(request).user, request.body.caseId, { timeZone: options.timeZone, team: teamOf(request), notify }),
  );

  api.get(
    '/api/map/cases',
    {
      schema: { tags: ['dispatch'], summary: 'Open cases in a box passing the case table’s filters, as map markers (only what a marker needs)', querystring: mapMarkersQuery, response: { 200: mapMarkers, ...errors } },
    },
    async (request) => mapMarkersIn(app.db, request.query, teamOf(request)),
  );

  api.get(
    '/api/dispatch/day',
    {
      schema: {
        tags: ['dispatch'],
        summary: "Each collector's home base, last position and published route for a date, with every stop's progress",
        querystring: dispatchDayQuery,
        response: { 200: dispatchDay, ...errors },
      },
    },
    async (request) => dispatchDayOf(app.db, request.query.date, { timeZone: options.timeZone, team: teamOf(request) }),
  );
}
