import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError, queryString, request, setToken, whenSessionEnds } from './api.js';
import { describeError, isRetryable } from './errors.js';
import { en } from './i18n/en.js';
import { zhCN } from './i18n/zh-CN.js';

function answer(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

afterEach(() => {
  vi.unstubAllGlobals();
  setToken(null);
  whenSessionEnds(() => undefined);
});

describe('queryString', () => {
  it('leaves out empty values and joins lists with commas', () => {
    expect(queryString({ bucket: ['M1', 'M3+'], status: [], search: '', limit: 50, cursor: undefined, x: null })).toBe(
      '?bucket=M1%2CM3%2B&limit=50',
    );
    expect(queryString({})).toBe('');
  });
});

describe('request', () => {
  it('sends the in-memory token and the cookie, and returns the JSON body', async () => {
    const fetchMock = vi.fn(async (_url: string, _init: RequestInit) => answer(200, { ok: true }));
    vi.stubGlobal('fetch', fetchMock);
    setToken('abc');
    expect(await request('GET', '/api/cases', { query: { limit: 5 } })).toEqual({ ok: true });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/cases?limit=5');
    expect(init.credentials).toBe('same-origin');
    expect((init.headers as Record<string, string>).authorization).toBe('Bearer abc');
  });

  it('never answers with nothing when the body is cut off: aborted stays an abort, a broken body is an error', async () => {
    const controller = new AbortController();
    const cutOff = () =>
      new Response(
        new ReadableStream({
          start(stream) {
            stream.enqueue(new TextEncoder().encode('{"ids":['));
            controller.signal.addEventListener('abort', () => stream.error(new DOMException('aborted', 'AbortError')));
          },
        }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      );
    vi.stubGlobal('fetch', async () => cutOff());
    const pending = request('GET', '/api/map/cases', { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    vi.stubGlobal('fetch', async () => new Response('{"ids":[', { status: 200 }));
    await expect(request('GET', '/api/map/cases')).rejects.toBeInstanceOf(ApiRequestError);
  });

  it("keeps the server's message and issues on failure", async () => {
    vi.stubGlobal('fetch', async () =>
      answer(400, {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Invalid request. body.username: too short',
        issues: [{ path: 'body.username', message: 'too short' }],
      }),
    );
    const failure = await request('POST', '/api/users', { body: {} }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiRequestError);
    expect((failure as ApiRequestError).status).toBe(400);
    expect((failure as ApiRequestError).message).toBe('Invalid request. body.username: too short');
    expect((failure as ApiRequestError).issues).toEqual([{ path: 'body.username', message: 'too short' }]);
  });

  it('ends the session on a 401, except where a 401 is an expected answer', async () => {
    const ended = vi.fn();
    whenSessionEnds(ended);
    vi.stubGlobal('fetch', async () => answer(401, { statusCode: 401, error: 'Unauthorized', message: 'Sign in again.' }));
    await expect(request('POST', '/api/auth/login', { body: {}, expectUnauthorized: true })).rejects.toThrow('Sign in again.');
    expect(ended).not.toHaveBeenCalled();
    await expect(request('GET', '/api/cases')).rejects.toThrow('Sign in again.');
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it('reports an unreachable server as status 0', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('fetch failed');
    });
    const failure = await request('GET', '/api/cases').catch((error: unknown) => error);
    expect((failure as ApiRequestError).status).toBe(0);
    expect(describeError(failure, zhCN)).toEqual({ title: zhCN.errors.network, detail: null });
  });
});

describe('describeError', () => {
  it('says what happened in the person’s language and keeps the server’s words when they add something', () => {
    const wrong = new ApiRequestError(
      401,
      'Wrong username or password, or the account is disabled. Check them, or ask your administrator.',
    );
    expect(describeError(wrong, zhCN)).toEqual({ title: zhCN.errors.unauthorized, detail: wrong.message });
    expect(describeError(wrong, en)).toEqual({ title: en.errors.unauthorized, detail: null });
    expect(describeError(new ApiRequestError(503, 'The database is not reachable.'), en).title).toBe(en.errors.server);
    expect(describeError(new ApiRequestError(429, 'Rate limit exceeded'), zhCN).title).toBe(zhCN.errors.tooMany);
  });
});

describe('isRetryable', () => {
  it('offers a retry for network and server trouble only', () => {
    expect(isRetryable(new ApiRequestError(0, 'offline'))).toBe(true);
    expect(isRetryable(new ApiRequestError(503, 'down'))).toBe(true);
    expect(isRetryable(new ApiRequestError(404, 'Case not found'))).toBe(false);
    expect(isRetryable(new ApiRequestError(400, 'bad'))).toBe(false);
  });
});
