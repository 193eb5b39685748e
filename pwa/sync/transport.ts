// The engine's only door to the server: base URL, token and fetch are injected, so tests and the
// fault-injection proxy can stand in for the network. Errors come out classified (see errors.ts).
import type { Mutation, PullResponse, PushResponse, VisitPhotoStatus } from '../../shared/schemas/sync.js';
import { syncProtocolVersion } from '../../shared/sync-limits.js';
import { isPhotoStatusResponse, isPullResponse, isPushResponse } from './answers.js';
import { RefusedRequestError, SignedOutError, TransientSyncError } from './errors.js';

export interface TransportOptions {
  /** Origin of the API, e.g. "https://visits.example.cn"; "" in the browser means this origin. */
  baseUrl: string;
  getToken(): string | null | Promise<string | null>;
  fetch?: typeof fetch;
  /** A request that has not answered by then is treated as a network failure. */
  timeoutMs?: number;
}

export interface RawRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'HEAD';
  /** A path on the API ("/api/...") or an absolute URL the server handed out (tus Location). */
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
  signal?: AbortSignal;
}

export interface Transport {
  /** Sends one request; any answer comes back, only a failure to get one throws. */
  send(request: RawRequest): Promise<Response>;
  /** Resolves an absolute URL for a server path, keeping only the path of URLs the server gave out. */
  resolve(url: string): string;
  push(deviceId: string, sentAt: string, mutations: Mutation[], signal?: AbortSignal): Promise<PushResponse>;
  pull(cursor: string | undefined, limit: number, signal?: AbortSignal): Promise<PullResponse>;
  photoStatus(visitIds: string[], signal?: AbortSignal): Promise<VisitPhotoStatus[]>;
  /** True when the server already holds this content. */
  hasPhoto(sha256: string, signal?: AbortSignal): Promise<boolean>;
}

export function createTransport(options: TransportOptions): Transport {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 30_000;
  const base = options.baseUrl.replace(/\/$/, '');

  function resolve(url: string): string {
    // The server may answer with its own idea of its host (behind a proxy it is wrong): keep the path.
    const path = /^https?:\/\//.test(url) ? new URL(url).pathname + new URL(url).search : url;
    return base + path;
  }

  async function send(request: RawRequest): Promise<Response> {
    const token = await options.getToken();
    const headers: Record<string, string> = { ...request.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new TransientSyncError(`No answer within ${timeoutMs} ms`)), timeoutMs);
    const signal = request.signal ? anySignal([request.signal, timeout.signal]) : timeout.signal;
    try {
      const response = await doFetch(resolve(request.url), {
        method: request.method,
        headers,
        body: request.body ?? null,
        signal,
        credentials: 'same-origin',
      });
      return response;
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason ?? error;
      throw new TransientSyncError(`The server cannot be reached (${error instanceof Error ? error.message : String(error)})`);
    } finally {
      clearTimeout(timer);
    }
  }

  async function json<T>(request: RawRequest, isAnswer: (payload: unknown) => payload is T): Promise<T> {
    const response = await send({ ...request, headers: { accept: 'application/json', ...request.headers } });
    await throwUnlessOk(response);
    let payload: unknown;
    try {
      payload = await response.json();
    } catch (error) {
      // The body was cut off on its way: the request may have been applied, so retrying is right.
      throw new TransientSyncError(`The answer was cut off (${error instanceof Error ? error.message : String(error)})`);
    }
    if (!isAnswer(payload)) throw new RefusedRequestError(response.status, 'The server answered in an unexpected shape');
    return payload;
  }

  return {
    send,
    resolve,
    push: (deviceId, sentAt, mutations, signal) =>
      json(
        {
          method: 'POST',
          url: '/api/sync/push',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ protocolVersion: syncProtocolVersion, deviceId, sentAt, mutations }),
          signal,
        },
        isPushResponse,
      ),
    pull: (cursor, limit, signal) => {
      const query = new URLSearchParams({ limit: String(limit) });
      if (cursor !== undefined) query.set('cursor', cursor);
      return json({ method: 'GET', url: `/api/sync/pull?${query.toString()}`, signal }, isPullResponse);
    },
    photoStatus: async (visitIds, signal) =>
      (await json({ method: 'GET', url: `/api/sync/photos?visitIds=${visitIds.join(',')}`, signal }, isPhotoStatusResponse)).visits,
    hasPhoto: async (sha256, signal) => {
      const response = await send({ method: 'HEAD', url: `/api/photos/${sha256}`, signal });
      if (response.status === 404) return false;
      await throwUnlessOk(response);
      return true;
    },
  };
}

/** Turns a non-2xx answer into the error that tells the syncer what to do. */
export async function throwUnlessOk(response: Response): Promise<void> {
  if (response.ok) return;
  const text = await response.text().catch(() => '');
  if (response.status === 401) throw new SignedOutError();
  if (response.status >= 500 || response.status === 408 || response.status === 429) {
    throw new TransientSyncError(`The server answered ${response.status}${text ? `: ${messageOf(text)}` : ''}`);
  }
  throw new RefusedRequestError(response.status, messageOf(text) || `The server answered ${response.status}`);
}

function messageOf(text: string): string {
  try {
    const payload = JSON.parse(text) as { message?: unknown };
    return typeof payload.message === 'string' ? payload.message : text.slice(0, 200);
  } catch {
    return text.slice(0, 200);
  }
}

/** AbortSignal.any where the browser has it (Safari < 17.4 does not). */
function anySignal(signals: AbortSignal[]): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any(signals);
  const controller = new AbortController();
  for (const signal of signals) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  }
  return controller.signal;
}
