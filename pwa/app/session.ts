// Who is signed in. The UI subscribes; sign-in, sign-out and an ended session all go through here.
import { useEffect, useState } from 'preact/hooks';
import type { LoginRequest, LoginResponse, SessionUser } from '../../shared/schemas/auth.js';
import { ApiRequestError, request, setToken, whenSessionEnds } from './api.js';

export type SignedOutReason = 'sessionEnded' | 'signedOut' | null;

export type SessionState =
  { status: 'checking' } | { status: 'signedOut'; reason: SignedOutReason } | { status: 'signedIn'; user: SessionUser };

let state: SessionState = { status: 'checking' };
const listeners = new Set<(state: SessionState) => void>();

function set(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener(state);
}

export function sessionState(): SessionState {
  return state;
}

export function subscribeSession(listener: (state: SessionState) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): SessionState {
  const [current, setCurrent] = useState(state);
  useEffect(() => {
    setCurrent(state);
    return subscribeSession(setCurrent);
  }, []);
  return current;
}

whenSessionEnds(() => {
  if (state.status === 'signedIn') set({ status: 'signedOut', reason: 'sessionEnded' });
});

/** At start-up the cookie may still hold a session from an earlier visit. */
export async function restoreSession(): Promise<void> {
  try {
    const user = await request<SessionUser>('GET', '/api/auth/me', { expectUnauthorized: true });
    set({ status: 'signedIn', user });
  } catch {
    // Not signed in, or the server is unreachable: either way the sign-in page explains what to do next.
    set({ status: 'signedOut', reason: null });
  }
}

export async function signIn(credentials: LoginRequest): Promise<SessionUser> {
  const result = await request<LoginResponse>('POST', '/api/auth/login', { body: credentials, expectUnauthorized: true });
  setToken(result.token);
  set({ status: 'signedIn', user: result.user });
  return result.user;
}

export async function signOut(): Promise<void> {
  try {
    await request<void>('POST', '/api/auth/logout', { expectUnauthorized: true });
  } catch (error) {
    // Already ended on the server, or offline: the person still leaves; the cookie expires on its own.
    if (!(error instanceof ApiRequestError)) throw error;
  } finally {
    setToken(null);
    set({ status: 'signedOut', reason: 'signedOut' });
  }
}
