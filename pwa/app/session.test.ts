import { afterEach, describe, expect, it, vi } from 'vitest';
import { request } from './api.js';
import { restoreSession, sessionState, signIn, signOut, subscribeSession } from './session.js';

const user = {
  id: '0193a7e2-8f1c-7b3d-9e2a-4c5d6e7f8a9b',
  username: 'collector1',
  displayName: '外访员1号',
  role: 'collector',
  teamId: null,
};

function answer(status: number, body?: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

afterEach(() => vi.unstubAllGlobals());

describe('session store', () => {
  it('walks through restore, sign-in, an ended session and sign-out', async () => {
    const seen: string[] = [];
    const unsubscribe = subscribeSession((state) => seen.push(state.status === 'signedOut' ? `signedOut:${state.reason}` : state.status));
    const calls: { url: string; authorization: string | undefined }[] = [];
    let nextAnswers: Response[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push({ url, authorization: (init.headers as Record<string, string>).authorization });
      return nextAnswers.shift() ?? answer(500, { statusCode: 500, error: 'x', message: 'unexpected call' });
    });

    // No cookie session: the start-up probe's 401 is not an "ended session".
    nextAnswers = [answer(401, { statusCode: 401, error: 'Unauthorized', message: 'Sign in again.' })];
    await restoreSession();
    expect(sessionState()).toEqual({ status: 'signedOut', reason: null });

    nextAnswers = [answer(200, { token: 'tok', expiresAt: '2026-12-07T00:00:00.000Z', user })];
    await signIn({ username: 'collector1', password: 'demo1234' });
    expect(sessionState()).toEqual({ status: 'signedIn', user });

    // Requests now carry the in-memory token; a 401 on one of them ends the session in the UI.
    nextAnswers = [answer(401, { statusCode: 401, error: 'Unauthorized', message: 'Your session has ended.' })];
    await expect(request('GET', '/api/cases')).rejects.toThrow('Your session has ended.');
    expect(calls.at(-1)?.authorization).toBe('Bearer tok');
    expect(sessionState()).toEqual({ status: 'signedOut', reason: 'sessionEnded' });

    nextAnswers = [answer(200, { token: 'tok2', expiresAt: '2026-12-07T00:00:00.000Z', user })];
    await signIn({ username: 'collector1', password: 'demo1234' });
    nextAnswers = [answer(204)];
    await signOut();
    expect(calls.at(-1)).toEqual({ url: '/api/auth/logout', authorization: 'Bearer tok2' });
    expect(sessionState()).toEqual({ status: 'signedOut', reason: 'signedOut' });

    // Signed out, the token is gone from memory.
    nextAnswers = [answer(401, { statusCode: 401, error: 'Unauthorized', message: 'Sign in again.' })];
    await request('GET', '/api/auth/me', { expectUnauthorized: true }).catch(() => undefined);
    expect(calls.at(-1)?.authorization).toBeUndefined();

    unsubscribe();
    expect(seen).toEqual(['signedOut:null', 'signedIn', 'signedOut:sessionEnded', 'signedIn', 'signedOut:signedOut']);
  });

  it('still signs the person out on this device when the server cannot be reached', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('fetch failed');
    });
    await signOut();
    expect(sessionState()).toEqual({ status: 'signedOut', reason: 'signedOut' });
  });
});

describe('a collector with no network', () => {
  function memoryStorage(): Storage {
    const items = new Map<string, string>();
    return {
      get length() {
        return items.size;
      },
      clear: () => items.clear(),
      getItem: (key) => items.get(key) ?? null,
      key: (index) => [...items.keys()][index] ?? null,
      removeItem: (key) => void items.delete(key),
      setItem: (key, value) => void items.set(key, value),
    };
  }

  it('keeps working signed in when the server cannot be reached, until the server says otherwise', async () => {
    vi.stubGlobal('localStorage', memoryStorage());
    vi.stubGlobal('fetch', async () => answer(200, { token: 'tok', expiresAt: '2026-12-07T00:00:00.000Z', user }));
    await signIn({ username: 'collector1', password: 'demo1234' });

    // Reopened with no network: the collector signed in on this device carries on from the offline store.
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('fetch failed');
    });
    await restoreSession();
    expect(sessionState()).toEqual({ status: 'signedIn', user });

    // Back online, the server ended the session: nobody is remembered any more.
    vi.stubGlobal('fetch', async () => answer(401, { statusCode: 401, error: 'Unauthorized', message: 'Sign in again.' }));
    await restoreSession();
    expect(sessionState()).toEqual({ status: 'signedOut', reason: null });
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('fetch failed');
    });
    await restoreSession();
    expect(sessionState()).toEqual({ status: 'signedOut', reason: null });
  });

  it('remembers no one but collectors', async () => {
    vi.stubGlobal('localStorage', memoryStorage());
    vi.stubGlobal('fetch', async () =>
      answer(200, { token: 'tok', expiresAt: '2026-12-07T00:00:00.000Z', user: { ...user, role: 'dispatcher' } }),
    );
    await signIn({ username: 'dispatcher', password: 'demo1234' });
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('fetch failed');
    });
    await restoreSession();
    expect(sessionState()).toEqual({ status: 'signedOut', reason: null });
  });
});
