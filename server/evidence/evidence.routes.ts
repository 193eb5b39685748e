import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiError } from '../../shared/schemas/errors.js';
import { visitEvidence as visitEvidenceResponse } from '../../shared/schemas/evidence.js';
import { sha256Hex } from '../../shared/schemas/sync.js';
import { currentSession } from '../auth/auth.plugin.js';
import { type DispatchTeamScope, visibleTeam } from '../dispatch/team-scope.js';
import { evidenceHeaders } from './evidence-headers.js';
import type { PhotoStore } from './photo-store.js';
import { readablePhoto } from './photos.service.js';
import { visitEvidence } from './visit-evidence.service.js';

export async function evidenceRoutes(app: FastifyInstance, options: { photoStore: PhotoStore; teamScope: DispatchTeamScope }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const teamOf = (request: FastifyRequest) => visibleTeam(currentSession(request).user, options.teamScope);
  const params = z.strictObject({ sha256: sha256Hex });

  // HEAD answers whether the bytes are already here, so a device can skip the upload.
  api.get(
    '/api/photos/:sha256',
    {
      schema: {
        tags: ['evidence'],
        summary: 'A stored photo or recording, by its SHA-256 (HEAD: whether it has arrived)',
        description: 'Answers the bytes with their content type; 404 when it has not arrived or is not yours to see.',
        params,
      },
      exposeHeadRoute: true,
    },
    async (request, reply) => {
      const photo = await readablePhoto(app.db, currentSession(request).user, request.params.sha256, teamOf(request));
      return reply.headers(evidenceHeaders(photo)).send(options.photoStore.open(photo.storageKey));
    },
  );

  api.get(
    '/api/visits/:id',
    {
      schema: {
        tags: ['evidence'],
        summary: 'A visit’s evidence: check-in, flags, and which of its photos and audio have arrived',
        description: 'Staff see any visit (their team’s when DISPATCH_TEAM_SCOPE=team); a collector only their own (404 otherwise).',
        params: z.strictObject({ id: z.uuid('Not a visit id') }),
        response: { 200: visitEvidenceResponse, 401: apiError, 403: apiError, 404: apiError },
      },
    },
    async (request) => visitEvidence(app.db, currentSession(request).user, request.params.id, teamOf(request)),
  );
}
