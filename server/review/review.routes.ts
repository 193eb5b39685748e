// Evidence review for supervisors and admins (team-scoped when DISPATCH_TEAM_SCOPE=team): the
// queue, a visit's review, verdicts, settlement decisions and evidence packs.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { caseIdParams } from '../../shared/schemas/cases.js';
import { apiError } from '../../shared/schemas/errors.js';
import {
  decisionResponse,
  reviewQueueQuery,
  reviewQueueResponse,
  settlementRequest,
  verdictRequest,
  visitIdParams,
  visitReview,
} from '../../shared/schemas/review.js';
import { currentSession } from '../auth/auth.plugin.js';
import { type DispatchTeamScope, visibleTeam } from '../dispatch/team-scope.js';
import type { PhotoStore } from '../evidence/photo-store.js';
import { emitDispatchChanged } from '../realtime/dispatch-signals.js';
import { decideSettlement, decideVerdict, type PoolChange } from './decisions.service.js';
import { caseEvidencePack, type EvidencePack, visitEvidencePack } from './evidence-pack.service.js';
import { reviewQueue } from './queue.service.js';
import { readVisitReview } from './visit-review.service.js';

export interface ReviewRoutesOptions {
  teamScope: DispatchTeamScope;
  timeZone: string;
  photoStore: PhotoStore;
}

export async function reviewRoutes(app: FastifyInstance, options: ReviewRoutesOptions) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: apiError, 401: apiError, 403: apiError, 404: apiError } as const;
  const scopeOf = (request: FastifyRequest) => visibleTeam(currentSession(request).user, options.teamScope);
  // A revisit put the case back in the pool: every dispatcher's map hears it, through the adapter.
  const onPoolChanged = (change: PoolChange) =>
    emitDispatchChanged(app.realtime, {
      signal: { reason: 'assignment', caseIds: change.caseIds, collectorId: change.previousCollectorId },
      teams: change.previousTeams,
      pool: true,
    });

  api.get(
    '/api/review/visits',
    {
      schema: {
        tags: ['review'],
        summary: 'The review queue: recorded visits, most suspicious first (evidence score), by keyset cursor',
        description: 'status defaults to pending; dates are days in TIME_ZONE, both ends included.',
        querystring: reviewQueueQuery,
        response: { 200: reviewQueueResponse, ...errors },
      },
    },
    async (request) => reviewQueue(app.db, request.query, { scopeTeam: scopeOf(request), timeZone: options.timeZone }),
  );

  api.get(
    '/api/review/visits/:id',
    {
      schema: {
        tags: ['review'],
        summary:
          'A visit’s review: target, check-in, photos, the collector’s check-ins around it, timeline, anomalies in words, decisions, complaints',
        params: visitIdParams,
        response: { 200: visitReview, ...errors },
      },
    },
    async (request) => readVisitReview(app.db, currentSession(request).user, request.params.id, scopeOf(request)),
  );

  api.post(
    '/api/review/visits/:id/verdict',
    {
      schema: {
        tags: ['review'],
        summary: 'Accept, reject (with a reason) or send for a revisit (with a reason: the case goes back to the dispatch pool)',
        description:
          'Nobody judges their own visit (403). A decided visit answers 409 unless the request names the standing verdict in `replaces` (an explicit change, with a reason); the old verdict stays in the history.',
        params: visitIdParams,
        body: verdictRequest,
        response: { 201: decisionResponse, 409: apiError, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await decideVerdict(app.db, currentSession(request).user, request.params.id, request.body, {
            scopeTeam: scopeOf(request),
            onPoolChanged,
          }),
        ),
  );

  api.post(
    '/api/review/visits/:id/settlement',
    {
      schema: {
        tags: ['review'],
        summary: 'Approve or refuse (with a reason) a settlement request: a promise below the outstanding amount',
        description: 'Never by the collector who asked (403); a decided request changes only with `replaces` (409 otherwise).',
        params: visitIdParams,
        body: settlementRequest,
        response: { 201: decisionResponse, 409: apiError, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await decideSettlement(app.db, currentSession(request).user, request.params.id, request.body, { scopeTeam: scopeOf(request) }),
        ),
  );

  const sendPack = (reply: FastifyReply, pack: EvidencePack) =>
    reply
      .header('content-type', 'application/zip')
      .header('content-length', pack.sizeBytes)
      .header('content-disposition', `attachment; filename="${pack.filename}"`)
      .header('cache-control', 'no-store')
      .send(pack.stream);
  const packDescription =
    'A zip: original photos and recordings, visit records (JSON), review history, complaints, manifest.json and SHA256SUMS (sha256sum -c).';

  api.get(
    '/api/review/visits/:id/evidence-pack',
    {
      schema: { tags: ['review'], summary: 'Evidence pack of one visit (zip)', description: packDescription, params: visitIdParams },
    },
    async (request, reply) =>
      sendPack(
        reply,
        await visitEvidencePack(app.db, currentSession(request).user, request.params.id, {
          scopeTeam: scopeOf(request),
          photoStore: options.photoStore,
        }),
      ),
  );

  api.get(
    '/api/review/cases/:id/evidence-pack',
    {
      schema: {
        tags: ['review'],
        summary: 'Evidence pack of every visit of a case (zip)',
        description: packDescription,
        params: caseIdParams,
      },
    },
    async (request, reply) =>
      sendPack(
        reply,
        await caseEvidencePack(app.db, currentSession(request).user, request.params.id, {
          scopeTeam: scopeOf(request),
          photoStore: options.photoStore,
        }),
      ),
  );
}
