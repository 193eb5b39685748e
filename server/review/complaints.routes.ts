// Complaints (投诉) for supervisors and admins, team-scoped like the review.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  assignableSupervisor,
  complaint,
  complaintIdParams,
  complaintListQuery,
  complaintListResponse,
  createComplaintRequest,
  updateComplaintRequest,
} from '../../shared/schemas/complaints.js';
import { apiError } from '../../shared/schemas/errors.js';
import { currentSession } from '../auth/auth.plugin.js';
import { type DispatchTeamScope, visibleTeam } from '../dispatch/team-scope.js';
import { assignableSupervisors } from './complaints.repository.js';
import { changeComplaint, createComplaint, readComplaint, searchComplaints } from './complaints.service.js';

export async function complaintsRoutes(app: FastifyInstance, options: { teamScope: DispatchTeamScope }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: apiError, 401: apiError, 403: apiError, 404: apiError } as const;
  const scopeOf = (request: FastifyRequest) => visibleTeam(currentSession(request).user, options.teamScope);

  api.post(
    '/api/review/complaints',
    {
      schema: {
        tags: ['complaints'],
        summary: 'Record a complaint from a debtor or a creditor about a visit or a collector',
        body: createComplaintRequest,
        response: { 201: complaint, 422: apiError, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createComplaint(app.db, currentSession(request).user, request.body, scopeOf(request))),
  );

  api.get(
    '/api/review/complaints',
    {
      schema: {
        tags: ['complaints'],
        summary: 'Complaints, newest first, by status, visit, collector or assignee (me: your own)',
        querystring: complaintListQuery,
        response: { 200: complaintListResponse, ...errors },
      },
    },
    async (request) => searchComplaints(app.db, currentSession(request).user, request.query, scopeOf(request)),
  );

  api.get(
    '/api/review/complaints/:id',
    {
      schema: { tags: ['complaints'], summary: 'One complaint', params: complaintIdParams, response: { 200: complaint, ...errors } },
    },
    async (request) => readComplaint(app.db, request.params.id, scopeOf(request)),
  );

  api.patch(
    '/api/review/complaints/:id',
    {
      schema: {
        tags: ['complaints'],
        summary: 'Assign a complaint, start investigating it (needs an assignee), or resolve it (with the resolution)',
        description: 'Status moves forward only: open → investigating → resolved; a resolved complaint no longer changes (409).',
        params: complaintIdParams,
        body: updateComplaintRequest,
        response: { 200: complaint, 409: apiError, 422: apiError, ...errors },
      },
    },
    async (request) => changeComplaint(app.db, currentSession(request).user, request.params.id, request.body, scopeOf(request)),
  );

  api.get(
    '/api/review/supervisors',
    {
      schema: {
        tags: ['complaints'],
        summary: 'Supervisors a complaint can be assigned to',
        response: { 200: z.array(assignableSupervisor), ...errors },
      },
    },
    async (request) => assignableSupervisors(app.db, scopeOf(request)),
  );
}
