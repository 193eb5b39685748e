// The one way the PWA talks to the server: JSON in and out (and file downloads with progress), the server's error message kept,
// and a single place that notices an ended session. A later sync engine sits beside it.
import type { ApiError } from '../../shared/schemas/errors.js';

/** A failed request. status 0 means the server was not reached at all. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: ApiError['issues'] = undefined,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.statusCode === 'number' && typeof candidate.message === 'string';
}

export type QueryValue = string | number | boolean | readonly string[] | undefined | null;

/** Builds `?a=1&b=x,y`, leaving out empty values; lists are comma-joined as the server expects. */
export function queryString(query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

// The token lives in memory only; the httpOnly cookie the server sets carries the session across reloads.
let token: string | null = null;
let onSessionEnded: (() => void) | null = null;

export function setToken(next: string | null): void {
  token = next;
}

/** For the sync engine's own requests; null after a reload, when the cookie carries the session. */
export function currentToken(): string | null {
  return token;
}

/** Called once by the session store: any 401 on an authenticated request ends the session in the UI. */
export function whenSessionEnds(handler: () => void): void {
  onSessionEnded = handler;
}

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is, for uploads such as a CSV file. */
  rawBody?: { contentType: string; text: string };
  signal?: AbortSignal;
  /** Sign-in and the start-up session probe answer 401 as a normal outcome, not as an ended session. */
  expectUnauthorized?: boolean;
}

export async function request<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.rawBody) headers['content-type'] = options.rawBody.contentType;
  else if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(path + queryString(options.query ?? {}), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.rawBody ? options.rawBody.text : options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiRequestError(0, 'The server cannot be reached.');
  }
  if (response.status === 204) return undefined as T;
  let payload: unknown;
  try {
    payload = await response.json();
  } catch (error) {
    // Aborted while the body was still arriving: the caller gave up, so no answer at all.
    if (options.signal?.aborted || (error instanceof DOMException && error.name === 'AbortError')) throw error;
    if (response.ok) throw new ApiRequestError(0, 'The server’s answer arrived incomplete. Try again.');
  }
  if (!response.ok) {
    if (response.status === 401 && !options.expectUnauthorized) {
      token = null;
      onSessionEnded?.();
    }
    const message = isApiError(payload) ? payload.message : `${response.status} ${response.statusText}`;
    throw new ApiRequestError(response.status, message, isApiError(payload) ? payload.issues : undefined);
  }
  return payload as T;
}

/** A file from the API with its download progress (total null when the server gives no length); 401 ends the session like any request. */
export async function download(
  path: string,
  onProgress: (received: number, total: number | null) => void,
  signal?: AbortSignal,
): Promise<{ blob: Blob; filename: string | null }> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  let response: Response;
  try {
    response = await fetch(path, { headers, credentials: 'same-origin', signal: signal ?? null });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiRequestError(0, 'The server cannot be reached.');
  }
  if (!response.ok || !response.body) {
    const payload: unknown = await response.json().catch(() => undefined);
    if (response.status === 401) {
      token = null;
      onSessionEnded?.();
    }
    throw new ApiRequestError(response.status, isApiError(payload) ? payload.message : `${response.status} ${response.statusText}`);
  }
  const length = Number(response.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  const reader = response.body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  onProgress(0, total);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    onProgress(received, total);
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? null;
  return { blob: new Blob(chunks, { type: response.headers.get('content-type') ?? 'application/octet-stream' }), filename };
}
