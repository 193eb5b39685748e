// The app: restores the session, keeps the address bar in step with it, and picks each role's views.
import { useEffect } from 'preact/hooks';
import type { SessionUser } from '../../shared/schemas/auth.js';
import { UsersPage } from '../admin/UsersPage.js';
import { SignInPage } from '../auth/SignInPage.js';
import { CaseDetailPage } from '../cases/CaseDetailPage.js';
import { CollectorNav, CollectorView, useCollectorEngine } from '../collector/CollectorApp.js';
import { UpdateBanner } from '../collector/UpdateBanner.js';
import { CaseTablePage } from '../cases/CaseTablePage.js';
import { ImportPage } from '../intake/ImportPage.js';
import { SupervisorOverviewPage } from '../supervisor/SupervisorOverviewPage.js';
import { LiveAlertsSlot } from '../supervisor/alerts/LiveAlertsSlot.js';
import { useI18n } from './i18n/i18n.js';
import { afterSignIn, allows, homeFor, signInPath } from './navigation.js';
import { followLink, matchRoute, navigate, useLocation, type Route } from './router.js';
import { restoreSession, useSession } from './session.js';
import { lazyView } from './lazy.js';
import { Shell, type NavItem } from './Shell.js';
import { Loading } from './ui/ui.js';
import styles from './Shell.module.css';

// The dispatcher's console is a desktop screen: its own chunk, so the collector's phone never downloads it.
const DispatchPage = lazyView(() => import('../dispatch/DispatchPage.js'));
// Evidence review likewise (pwa/supervisor/review).
const ReviewView = lazyView(() => import('../supervisor/review/ReviewView.js'));
// Risk monitoring likewise (pwa/risk).
const RiskPage = lazyView(() => import('../risk/RiskPage.js'));
// Team results likewise, with chart.js in a chunk of its own (pwa/results).
const ResultsPage = lazyView(() => import('../results/ResultsPage.js'));

export function App() {
  const session = useSession();
  const location = useLocation();
  const route = matchRoute(location.pathname);

  useEffect(() => {
    void restoreSession();
  }, []);

  useEffect(() => {
    if (session.status === 'signedOut' && route.name !== 'signIn') {
      navigate(signInPath(session.reason, location.pathname + location.search), { replace: true });
    }
    if (session.status === 'signedIn' && (route.name === 'signIn' || route.name === 'home')) {
      const next = new URLSearchParams(location.search).get('next');
      navigate(afterSignIn(session.user.role, route.name === 'signIn' ? next : null), { replace: true });
    }
  }, [session, route.name, location.pathname, location.search]);

  if (session.status === 'checking') {
    return (
      <div class={styles.checking}>
        <Loading />
      </div>
    );
  }
  if (session.status === 'signedOut') return <SignInPage reason={session.reason} />;
  if (route.name === 'signIn' || route.name === 'home') {
    return (
      <div class={styles.checking}>
        <Loading />
      </div>
    );
  }
  if (session.user.role === 'collector') {
    return <CollectorSignedIn user={session.user} route={route} pathname={location.pathname} search={location.search} />;
  }
  return <SignedIn user={session.user} route={route} pathname={location.pathname} search={location.search} />;
}

/** A collector works from the device's offline store, opened for the session (pwa/collector). */
function CollectorSignedIn({ user, route, pathname, search }: { user: SessionUser; route: Route; pathname: string; search: string }) {
  useCollectorEngine(user.id);
  const notFound = <NotFound home={homeFor(user.role)} />;
  return (
    <Shell user={user} nav={[]} mobile pathname={pathname} footer={<CollectorNav route={route} />}>
      <UpdateBanner />
      {allows(user.role, route) ? <CollectorView user={user} route={route} search={search} notFound={notFound} /> : notFound}
    </Shell>
  );
}

function SignedIn({ user, route, pathname, search }: { user: SessionUser; route: Route; pathname: string; search: string }) {
  const { t } = useI18n();
  const nav: NavItem[] =
    user.role === 'admin'
      ? [
          { href: '/users', label: t.shell.nav.users, active: route.name === 'users' },
          { href: '/dispatch', label: t.shell.nav.dispatch, active: route.name === 'dispatch' },
          { href: '/cases', label: t.shell.nav.cases, active: route.name === 'cases' || route.name === 'case' },
          { href: '/import', label: t.shell.nav.import, active: route.name === 'import' },
          { href: '/review', label: t.shell.nav.review, active: route.name === 'reviewQueue' || route.name === 'reviewVisit' },
          { href: '/risk', label: t.shell.nav.risk, active: route.name === 'risk' },
          { href: '/results', label: t.shell.nav.results, active: route.name === 'results' },
        ]
      : user.role === 'dispatcher'
        ? [
            { href: '/dispatch', label: t.shell.nav.dispatch, active: route.name === 'dispatch' },
            { href: '/cases', label: t.shell.nav.cases, active: route.name === 'cases' || route.name === 'case' },
            { href: '/import', label: t.shell.nav.import, active: route.name === 'import' },
          ]
        : user.role === 'supervisor'
          ? [
              { href: '/review', label: t.shell.nav.review, active: route.name === 'reviewQueue' || route.name === 'reviewVisit' },
              { href: '/risk', label: t.shell.nav.risk, active: route.name === 'risk' },
              { href: '/results', label: t.shell.nav.results, active: route.name === 'results' },
              { href: '/cases', label: t.shell.nav.overview, active: route.name === 'cases' || route.name === 'case' },
            ]
          : [];
  return (
    <Shell user={user} nav={nav} mobile={false} wide={route.name === 'dispatch'} pathname={pathname}>
      {allows(user.role, route) ? <View user={user} route={route} search={search} /> : <NotFound home={homeFor(user.role)} />}
      {(user.role === 'supervisor' || user.role === 'admin') && <LiveAlertsSlot />}
    </Shell>
  );
}

function View({ user, route, search }: { user: SessionUser; route: Route; search: string }) {
  switch (route.name) {
    case 'cases':
      if (user.role === 'supervisor') return <SupervisorOverviewPage search={search} />;
      return <CaseTablePage search={search} />;
    case 'case':
      return <CaseDetailPage id={route.id} mobile={false} />;
    case 'users':
      return <UsersPage currentUser={user} />;
    case 'import':
      return <ImportPage />;
    case 'dispatch':
      return <DispatchPage />;
    case 'reviewQueue':
    case 'reviewVisit':
      return <ReviewView route={route} search={search} user={user} />;
    case 'risk':
      return <RiskPage user={user} />;
    case 'results':
      return <ResultsPage />;
    default:
      return <NotFound home={homeFor(user.role)} />;
  }
}

function NotFound({ home }: { home: string }) {
  const { t } = useI18n();
  return (
    <div class={styles.notFound}>
      <h1>{t.errors.pageNotFound}</h1>
      <p>{t.errors.pageNotFoundHint}</p>
      <a href={home} onClick={followLink}>
        {t.errors.goHome}
      </a>
    </div>
  );
}
