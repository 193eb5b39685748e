// Where each role starts and which routes it may open; pure, so it is tested without a browser.
import type { Role } from '../../shared/roles.js';
import { matchRoute, type Route } from './router.js';

export function homeFor(role: Role): string {
  if (role === 'admin') return '/users';
  if (role === 'supervisor') return '/review';
  return role === 'dispatcher' ? '/dispatch' : '/cases';
}

export function allows(role: Role, route: Route): boolean {
  switch (route.name) {
    case 'cases':
    case 'case':
      return role !== 'api_client';
    case 'users':
      return role === 'admin';
    case 'import':
    case 'dispatch':
      return role === 'dispatcher' || role === 'admin';
    case 'reviewQueue':
    case 'reviewVisit':
    case 'risk':
    case 'results':
      return role === 'supervisor' || role === 'admin';
    case 'checkIn':
    case 'visit':
    case 'sync':
      return role === 'collector';
    default:
      return false;
  }
}

/** Only same-site paths a role may open are followed after sign-in; anything else goes home. */
export function afterSignIn(role: Role, next: string | null): string {
  if (next && next.startsWith('/') && !next.startsWith('//')) {
    const route = matchRoute(next.split('?')[0] ?? next);
    if (allows(role, route)) return next;
  }
  return homeFor(role);
}

export function signInPath(reason: 'sessionEnded' | 'signedOut' | null, from: string): string {
  if (reason !== 'sessionEnded') return '/sign-in';
  const route = matchRoute(from.split('?')[0] ?? from);
  if (route.name === 'home' || route.name === 'signIn' || route.name === 'notFound') return '/sign-in';
  return `/sign-in?next=${encodeURIComponent(from)}`;
}
