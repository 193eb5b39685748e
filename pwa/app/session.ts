// Who is signed in. The UI subscribes; sign-in, sign-out and an ended session all go through here.
import { useEffect, useState } from 'preact/hooks';
import type { LoginRequest, LoginResponse, SessionUser } from '../../shared/schemas/auth.js';
import { ApiRequestError, request, setToken, whenSessionEnds } from './api.js';

export type SignedOutReason = 'sessionEnded' | 'signedOut' | null;

export type SessionState =
  { status: 'checking' } | { status: 'signedOut'; reason: SignedOutReason } | { status: 'signedIn'; user: SessionUser };

let state: SessionState = { status: 'checking' };
const listeners = new Set<(state: SessionState) => void>();

// A collector must be able to open the app with no network: the last collector signed in on this
// device is remembered (who, not any secret), and used only when the server cannot be reached.
const offlineUserKey = 'fv.offlineUser';

function rememberOfflineUser(user: SessionUser | null): void {
  try {
    if (user && user.role === 'collector') localStorage.setItem(offlineUserKey, JSON.stringify(user));
    else localStorage.removeItem(offlineUserKey);
  } catch {
    // Storage refused (private mode): the app then needs the network to start.
  }
}

function rememberedOfflineUser(): SessionUser | null {
  try {
    const text = localStorage.getItem(offlineUserKey);
    if (!text) return null;
    const user = JSON.parse(text) as Partial<SessionUser>;
    return typeof user.id === 'string' && user.role === 'collector' ? (user as SessionUser) : null;
  } catch {
    return null;
  }
}

function set(next: SessionState): void {
  state = next;
  if (next.status !== 'checking') rememberOfflineUser(next.status === 'signedIn' ? next.user : null);
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

/** The server said the session is over (any 401, also on a sync request). */
export function endSession(): void {
  if (state.status === 'signedIn') set({ status: 'signedOut', reason: 'sessionEnded' });
}

whenSessionEnds(endSession);

/** At start-up the cookie may still hold a session from an earlier visit. */
export async function restoreSession(): Promise<void> {
  try {
    const user = await request<SessionUser>('GET', '/api/auth/me', { expectUnauthorized: true });
    set({ status: 'signedIn', user });
  } catch (error) {
    // Unreachable: a collector who signed in on this device keeps working from its offline store,
    // and the server still decides at the next sync. Not signed in: the sign-in page explains.
    const unreachable = error instanceof ApiRequestError && (error.status === 0 || error.status >= 500);
    const offlineUser = unreachable ? rememberedOfflineUser() : null;
    set(offlineUser ? { status: 'signedIn', user: offlineUser } : { status: 'signedOut', reason: null });
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
