// The collector's app inside the shell: opens the device's sync engine for the session, picks the
// field screen for the route, and keeps today / sync / help within thumb's reach at the bottom.
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import type { SessionUser } from '../../shared/schemas/auth.js';
import { currentToken } from '../app/api.js';
import { useI18n } from '../app/i18n/i18n.js';
import { followLink, type Route } from '../app/router.js';
import { endSession, sessionState } from '../app/session.js';
import { cx } from '../app/ui/ui.js';
import { CollectorCasePage } from './case/CollectorCasePage.js';
import { CheckInPage } from './check-in/CheckInPage.js';
import { DayPage } from './day/DayPage.js';
import { startCollectorEngine, useSyncProgress } from './engine/collector-engine.js';
import { SosButton } from './sos/SosButton.js';
import { SyncStatusPage } from './sync-status/SyncStatusPage.js';
import { VisitPage } from './visit/VisitPage.js';
import styles from './CollectorApp.module.css';

/** Opens the engine while this collector is signed in; a session that ends takes the debtors' data off the device. */
export function useCollectorEngine(userId: string): void {
  useEffect(() => {
    const stop = startCollectorEngine(userId, { getToken: currentToken, onSignedOut: endSession });
    return () => {
      void stop({ forget: sessionState().status === 'signedOut' });
    };
  }, [userId]);
}

export function CollectorView({
  user,
  route,
  search,
  notFound,
}: {
  user: SessionUser;
  route: Route;
  search: string;
  notFound: ComponentChildren;
}) {
  switch (route.name) {
    case 'cases':
      return <DayPage user={user} search={search} />;
    case 'case':
      return <CollectorCasePage id={route.id} />;
    case 'checkIn':
      return <CheckInPage caseId={route.caseId} search={search} />;
    case 'visit':
      return <VisitPage visitId={route.id} search={search} user={user} />;
    case 'sync':
      return <SyncStatusPage />;
    default:
      return <>{notFound}</>;
  }
}

export function CollectorNav({ route }: { route: Route }) {
  const { t } = useI18n();
  const progress = useSyncProgress();
  const pending = progress?.itemsPending ?? 0;
  const failed = progress?.failures.length ?? 0;
  const items = [
    {
      href: '/cases',
      label: t.collector.nav.today,
      active: route.name === 'cases' || route.name === 'case' || route.name === 'checkIn' || route.name === 'visit',
    },
    { href: '/sync', label: t.collector.nav.sync, active: route.name === 'sync', count: failed > 0 ? failed : pending, alarm: failed > 0 },
  ];
  return (
    <nav class={styles.bottomNav} aria-label={t.collector.nav.label}>
      {items.map((item) => (
        <a key={item.href} class={styles.tab} href={item.href} onClick={followLink} aria-current={item.active ? 'page' : undefined}>
          <span>{item.label}</span>
          {item.count !== undefined && item.count > 0 && (
            <span class={cx(styles.count, item.alarm && styles.alarm)} data-testid="pending-count">
              {item.count}
            </span>
          )}
        </a>
      ))}
      <SosButton />
    </nav>
  );
}
