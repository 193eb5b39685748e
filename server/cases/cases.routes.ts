import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  caseDetail,
  caseIdParams,
  caseImportRequest,
  caseImportResult,
  caseListQuery,
  caseListResponse,
} from '../../shared/schemas/cases.js';
import { apiError } from '../../shared/schemas/errors.js';
import { currentSession } from '../auth/auth.plugin.js';
import { importRowsFromCsv } from './import.csv.js';
import { importCases } from './import.service.js';
import { readCase, searchCases } from './cases.service.js';

export const importBodyLimit = 32 * 1024 * 1024;

export async function casesRoutes(app: FastifyInstance, options: { defaultTimeZone: string }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: apiError, 401: apiError, 403: apiError } as const;

  // A CSV upload becomes the same array of rows as a JSON import, then meets the same schema.
  app.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'string', bodyLimit: importBodyLimit }, (_request, body, done) => {
    try {
      done(null, importRowsFromCsv(String(body)));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  api.get(
    '/api/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Escalated cases, filtered and sorted, a page at a time (a collector sees only their assigned cases)',
        querystring: caseListQuery,
        response: { 200: caseListResponse, ...errors },
      },
    },
    async (request) => searchCases(app.db, currentSession(request).user, request.query, app.config.dispatchTeamScope),
  );

  api.get(
    '/api/cases/:id',
    {
      schema: {
        tags: ['cases'],
        summary: "A case's details; every read is audited",
        params: caseIdParams,
        response: { 200: caseDetail, 404: apiError, ...errors },
      },
    },
    async (request) => readCase(app.db, currentSession(request).user, request.params.id, app.config.dispatchTeamScope),
  );

  api.post(
    '/api/cases/import',
    {
      bodyLimit: importBodyLimit,
      schema: {
        tags: ['cases'],
        summary: 'Import escalated cases (JSON array, or a CSV file sent as text/csv); idempotent on creditor and external id',
        description:
          'Each row is validated on its own; the answer lists accepted (new), updated and unchanged counts and every rejected row with its number (counting data rows from 1) and the reason.',
        body: caseImportRequest,
        response: { 200: caseImportResult, 413: apiError, 415: apiError, ...errors },
      },
    },
    async (request) => importCases(app.db, currentSession(request).user, request.body, { defaultTimeZone: options.defaultTimeZone }),
  );
}
