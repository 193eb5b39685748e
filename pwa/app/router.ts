// A small history router: routes are plain data, so views and tests can match them without a DOM.
import type { TargetedMouseEvent } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { name: 'home' }
  | { name: 'signIn' }
  | { name: 'cases' }
  | { name: 'case'; id: string }
  | { name: 'checkIn'; caseId: string }
  | { name: 'visit'; id: string }
  | { name: 'sync' }
  | { name: 'users' }
  | { name: 'import' }
  | { name: 'dispatch' }
  | { name: 'reviewQueue' }
  | { name: 'reviewVisit'; id: string }
  | { name: 'risk' }
  | { name: 'results' }
  | { name: 'notFound' };

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'home' };
  if (path === '/sign-in') return { name: 'signIn' };
  if (path === '/cases') return { name: 'cases' };
  if (path === '/users') return { name: 'users' };
  if (path === '/import') return { name: 'import' };
  if (path === '/dispatch') return { name: 'dispatch' };
  if (path === '/sync') return { name: 'sync' };
  if (path === '/review') return { name: 'reviewQueue' };
  if (path === '/risk') return { name: 'risk' };
  if (path === '/results') return { name: 'results' };
  const reviewMatch = /^\/review\/visits\/([0-9a-fA-F-]{36})$/.exec(path);
  if (reviewMatch?.[1]) return { name: 'reviewVisit', id: reviewMatch[1] };
  const caseMatch = /^\/cases\/([0-9a-fA-F-]{36})$/.exec(path);
  if (caseMatch?.[1]) return { name: 'case', id: caseMatch[1] };
  const checkInMatch = /^\/cases\/([0-9a-fA-F-]{36})\/check-in$/.exec(path);
  if (checkInMatch?.[1]) return { name: 'checkIn', caseId: checkInMatch[1] };
  const visitMatch = /^\/visits\/([0-9a-fA-F-]{36})$/.exec(path);
  if (visitMatch?.[1]) return { name: 'visit', id: visitMatch[1] };
  return { name: 'notFound' };
}

export interface Location {
  pathname: string;
  search: string;
}

const listeners = new Set<() => void>();

function current(): Location {
  return { pathname: window.location.pathname, search: window.location.search };
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  const samePage = to.split('?')[0] === window.location.pathname;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  // A new page starts at its top; new filters on the same page keep the reader where they are.
  if (!samePage) window.scrollTo(0, 0);
  for (const listener of listeners) listener();
}

export function useLocation(): Location {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    const update = () => setLocation(current());
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return location;
}

/** For <a href> links: a plain click stays in the app; modified clicks keep the browser's behaviour. */
export function followLink(event: TargetedMouseEvent<HTMLAnchorElement>): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const href = event.currentTarget.getAttribute('href');
  if (!href || !href.startsWith('/')) return;
  event.preventDefault();
  navigate(href);
}
