// One error shape for every failure, with a message a person can act on.
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ApiError } from '../../shared/schemas/errors.js';

/** Thrown by services for an expected refusal; the route answers with its status. */
export class DomainError extends Error {
  constructor(
    readonly statusCode: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429,
    message: string,
    readonly issues?: ApiError['issues'],
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new DomainError(404, `${what} not found`);

const reasonPhrases: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function reply(statusCode: number, message: string, issues?: ApiError['issues']): ApiError {
  return { statusCode, error: reasonPhrases[statusCode] ?? 'Error', message, ...(issues ? { issues } : {}) };
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, response) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => ({
        path: [error.validationContext, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message ?? 'is invalid',
      }));
      const first = issues[0];
      const summary = first ? `${first.path}: ${first.message}` : 'The request is invalid';
      return response.status(400).send(reply(400, `Invalid request. ${summary}`, issues));
    }
    if (error instanceof DomainError) {
      return response.status(error.statusCode).send(reply(error.statusCode, error.message, error.issues));
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return response.status(status).send(reply(status, 'Something went wrong on the server. Try again; if it keeps happening, tell your administrator.'));
    }
    const messages: Record<string, string> = {
      FST_ERR_CTP_INVALID_JSON_BODY: 'The body is not valid JSON. Check the quoting and commas.',
      FST_ERR_CTP_BODY_TOO_LARGE: 'The body is too large. Split it into smaller requests.',
      FST_ERR_CTP_INVALID_MEDIA_TYPE: 'This content type is not accepted here. Send application/json.',
      FST_REQ_FILE_TOO_LARGE: 'The uploaded file is too large. Split it into smaller files.',
      FST_ERR_CTP_EMPTY_JSON_BODY: 'The body is empty; send a JSON document.',
    };
    return response.status(status).send(reply(status, messages[error.code] ?? error.message));
  });

  app.setNotFoundHandler((request, response) => {
    response.status(404).send(reply(404, `No such endpoint: ${request.method} ${request.url.split('?')[0] ?? ''}`));
  });
}
