import { describe, expect, it } from 'vitest';
import { RefusedRequestError, SignedOutError, TransientSyncError } from './errors.js';
import { createTransport } from './transport.js';

const answering = (status: number, body = '{}') =>
  createTransport({ baseUrl: 'http://server.test', getToken: () => 't', fetch: () => Promise.resolve(new Response(body, { status })) });

describe('transport', () => {
  it('classifies answers: 401 signed out, 5xx and 429 transient, other 4xx refused', async () => {
    await expect(answering(401).pull(undefined, 10)).rejects.toBeInstanceOf(SignedOutError);
    await expect(answering(503).pull(undefined, 10)).rejects.toBeInstanceOf(TransientSyncError);
    await expect(answering(429).pull(undefined, 10)).rejects.toBeInstanceOf(TransientSyncError);
    await expect(
      answering(400, '{"message":"Send at most 200 mutations per push"}').push('device-1', '2026-11-20T02:00:00Z', []),
    ).rejects.toThrow(new RefusedRequestError(400, 'Send at most 200 mutations per push'));
  });

  it('treats an unreachable server and a cut-off answer as transient', async () => {
    const unreachable = createTransport({
      baseUrl: 'http://server.test',
      getToken: () => null,
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    await expect(unreachable.pull(undefined, 10)).rejects.toBeInstanceOf(TransientSyncError);
    await expect(answering(200, '{"protocolVersion":1,"cur').pull(undefined, 10)).rejects.toBeInstanceOf(TransientSyncError);
  });

  it('gives up on a request that does not answer in time', async () => {
    const silent = createTransport({
      baseUrl: 'http://server.test',
      getToken: () => null,
      timeoutMs: 20,
      fetch: (_input, init) =>
        new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted')))),
    });
    await expect(silent.hasPhoto('a'.repeat(64))).rejects.toBeInstanceOf(TransientSyncError);
  });

  it('sends the bearer token and keeps only the path of URLs the server hands out', async () => {
    const seen: { url: string; authorization: string | null }[] = [];
    const transport = createTransport({
      baseUrl: 'http://127.0.0.1:9000/',
      getToken: () => 'secret',
      fetch: (input, init) => {
        seen.push({ url: typeof input === 'string' ? input : '', authorization: new Headers(init?.headers).get('authorization') });
        return Promise.resolve(new Response(null, { status: 404 }));
      },
    });
    expect(await transport.hasPhoto('b'.repeat(64))).toBe(false);
    await transport.send({ method: 'HEAD', url: 'http://internal-host:3000/api/uploads/abc' });
    expect(seen).toEqual([
      { url: `http://127.0.0.1:9000/api/photos/${'b'.repeat(64)}`, authorization: 'Bearer secret' },
      { url: 'http://127.0.0.1:9000/api/uploads/abc', authorization: 'Bearer secret' },
    ]);
  });
});
