import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiError } from '../../shared/schemas/errors.js';
import { createUserRequest, updateUserRequest, userIdParams, userSummary } from '../../shared/schemas/users.js';
import { currentSession } from '../auth/auth.plugin.js';
import { allUsers, changeUser, createUser } from './users.service.js';

export async function usersRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: apiError, 401: apiError, 403: apiError } as const;

  api.get(
    '/api/users',
    { schema: { tags: ['users'], summary: 'All users', response: { 200: z.array(userSummary), ...errors } } },
    async () => allUsers(app.db),
  );

  api.post(
    '/api/users',
    {
      schema: { tags: ['users'], summary: 'Create a user', body: createUserRequest, response: { 201: userSummary, 409: apiError, ...errors } },
    },
    async (request, response) => response.status(201).send(await createUser(app.db, currentSession(request).user, request.body)),
  );

  api.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Rename, disable, enable or reset the password of a user; disabling ends their sessions',
        params: userIdParams,
        body: updateUserRequest,
        response: { 200: userSummary, 404: apiError, 409: apiError, ...errors },
      },
    },
    async (request) => changeUser(app.db, currentSession(request).user, request.params.id, request.body),
  );
}
