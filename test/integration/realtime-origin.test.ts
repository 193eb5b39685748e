// A socket handshake from a page on another site is refused before authentication (cross-site
// WebSocket hijacking would ride on the session cookie); the own origin and allowed ones connect,
// and a client without Origin (a native app, an upstream system) is judged by its token alone.
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { socketPath } from '../../shared/events.js';
import { signedInUser } from '../fixtures/factories.js';
import { createTestContext, type TestContext } from '../helper.js';

let context: TestContext;
let base: string;
let port: number;
let token: string;

beforeAll(async () => {
  context = await createTestContext({ ALLOWED_ORIGINS: 'https://console.example.com' });
  await context.app.listen({ port: 0, host: '127.0.0.1' });
  const address = context.app.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  base = `http://127.0.0.1:${port}`;
  token = (await signedInUser(context.app, context.database.db, 'dispatcher')).token;
});
afterAll(async () => context?.close());

type Transport = 'polling' | 'websocket';

/** Connects once, no retries; answers "connected" or the error the handshake ended with. */
function handshake(transport: Transport, headers: Record<string, string>, auth: { token?: string } = { token }): Promise<string> {
  const socket = connect(base, {
    path: socketPath,
    auth,
    transports: [transport],
    reconnection: false,
    extraHeaders: headers,
    timeout: 10_000,
  });
  return new Promise((resolve) => {
    socket.once('connect', () => {
      socket.disconnect();
      resolve('connected');
    });
    socket.once('connect_error', (error: Error & { description?: unknown }) => {
      socket.disconnect();
      resolve(error.message);
    });
  });
}

describe.each(['polling', 'websocket'] as const)('socket handshakes over %s', (transport) => {
  it('refuses a foreign Origin before authentication, even with a valid token', async () => {
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1.evil.example:${port}`]) {
      const outcome = await handshake(transport, { origin }, { token });
      expect(outcome, origin).not.toBe('connected');
      // engine.io's own refusal, not our authentication's "unauthorized".
      expect(outcome, origin).not.toBe('unauthorized');
    }
  });

  it('lets the own origin and an allowed one connect with a token', async () => {
    expect(await handshake(transport, { origin: base })).toBe('connected');
    expect(await handshake(transport, { origin: 'https://console.example.com' })).toBe('connected');
  });

  it('judges a client without Origin by its token alone', async () => {
    expect(await handshake(transport, {})).toBe('connected');
    expect(await handshake(transport, {}, { token: 'not-a-session' })).toBe('unauthorized');
    expect(await handshake(transport, { origin: base }, {})).toBe('unauthorized');
  });
});
