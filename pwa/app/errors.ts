// Turns a failure into words for a person: what happened (in their language) and the server's own message.
import { ApiRequestError } from './api.js';
import type { Messages } from './i18n/zh-CN.js';

export interface ErrorDescription {
  title: string;
  /** The server's message when it adds something to the title. */
  detail: string | null;
}

export function describeError(error: unknown, t: Messages): ErrorDescription {
  if (!(error instanceof ApiRequestError)) return { title: t.errors.server, detail: error instanceof Error ? error.message : null };
  const { status } = error;
  const title =
    status === 0
      ? t.errors.network
      : status === 401
        ? t.errors.unauthorized
        : status === 403
          ? t.errors.forbidden
          : status === 404
            ? t.errors.notFound
            : status === 409
              ? t.errors.conflict
              : status === 429
                ? t.errors.tooMany
                : status >= 500
                  ? t.errors.server
                  : t.errors.badRequest;
  const detail = status === 0 || error.message === title ? null : error.message;
  return { title, detail };
}

/** Trying again helps only when the failure was the network or the server, not the request itself. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiRequestError)) return true;
  return error.status === 0 || error.status === 429 || error.status >= 500;
}
