import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { apiError } from '../../shared/schemas/errors.js';
import { photoStatusQuery, photoStatusResponse, pullQuery, pullResponse, pushRequest, pushResponse } from '../../shared/schemas/sync.js';
import { currentSession } from '../auth/auth.plugin.js';
import { defaultThresholds } from '../evidence/evidence.checks.js';
import { photoStatus } from '../evidence/photos.service.js';
import { pull } from './pull.service.js';
import type { RiskRules } from '../risk/risk.rules.js';
import { applyPush } from './push.service.js';

export async function syncRoutes(app: FastifyInstance, options: { geofenceRadiusM: number; timeZone: string; risk: { rules: RiskRules; deliver: boolean } }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: apiError, 401: apiError, 403: apiError } as const;
  const thresholds = { ...defaultThresholds, geofenceRadiusM: options.geofenceRadiusM };

  api.post(
    '/api/sync/push',
    {
      // A full push of 200 visits with family notes stays well under 4 MiB.
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags: ['sync'],
        summary: "Apply a batch of the device's offline mutations; each is answered applied, rejected or conflict",
        body: pushRequest,
        response: { 200: pushResponse, 413: apiError, ...errors },
      },
    },
    async (request) => applyPush(app.db, currentSession(request).user, request.body, { thresholds, risk: options.risk }),
  );

  api.get(
    '/api/sync/pull',
    {
      schema: {
        tags: ['sync'],
        summary: 'What the device must hold since its cursor: assigned cases, removals, today’s route',
        querystring: pullQuery,
        response: { 200: pullResponse, ...errors },
      },
    },
    async (request) =>
      pull(app.db, currentSession(request).user, request.query, { timeZone: options.timeZone, geofenceRadiusM: thresholds.geofenceRadiusM, poorAccuracyM: thresholds.poorAccuracyM }),
  );

  api.get(
    '/api/sync/photos',
    {
      schema: {
        tags: ['sync'],
        summary: 'Which of the photos each visit listed have arrived',
        querystring: photoStatusQuery,
        response: { 200: photoStatusResponse, ...errors },
      },
    },
    async (request) => ({ visits: await photoStatus(app.db, currentSession(request).user, request.query.visitIds) }),
  );
}
