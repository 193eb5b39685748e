// The collector's day: the published route in order, or every assigned case by priority, as a list
// or on a map. Everything comes from the device's store, so it shows with no network at all.
import { useEffect } from 'preact/hooks';
import type { SessionUser } from '../../../shared/schemas/auth.js';
import { useI18n } from '../../app/i18n/i18n.js';
import { navigate } from '../../app/router.js';
import { usePageTitle } from '../../app/usePageTitle.js';
import { Empty, Loading, Notice, cx } from '../../app/ui/ui.js';
import { useSyncProgress } from '../engine/collector-engine.js';
import { readDay, useStoreQuery } from '../engine/store-reads.js';
import { planDay, visitFileStatesOf } from './day-plan.js';
import { prefetchDayArea } from './prefetch-day.js';
import { RouteList } from './RouteList.js';
import { RouteMap } from './RouteMap.js';
import styles from './DayPage.module.css';

export function DayPage({ user, search }: { user: SessionUser; search: string }) {
  const { t, date } = useI18n();
  const query = useStoreQuery(readDay, []);
  const progress = useSyncProgress();
  const engine = query.engine;
  useEffect(() => {
    // Opening the list is when a collector expects it fresh; offline this just waits for the network.
    engine?.requestSync('day list opened');
  }, [engine]);
  const view = new URLSearchParams(search).get('view') === 'map' ? 'map' : 'list';
  const plan = query.data ? planDay(query.data.cases, query.data.route, query.data.visits, visitFileStatesOf(progress)) : null;
  const planKey = query.data?.route ? `route:${query.data.route.id}` : `cases:${plan?.stops.length ?? 0}`;
  const points = plan?.stops.map((stop) => ({ lat: stop.lat, lng: stop.lng })) ?? [];
  const pointsKey = JSON.stringify(points);
  useEffect(() => {
    if (points.length > 0) prefetchDayArea(planKey, points);
    // Keyed by the plan and its points, not by the arrays' identity.
  }, [planKey, pointsKey]);
  const title = plan?.kind === 'route' ? t.collector.day.routeTitle : t.collector.day.casesTitle;
  usePageTitle(title);

  const syncing = progress !== null && progress.phase !== 'idle' && progress.phase !== 'waiting to retry';
  return (
    <section aria-labelledby="day-title" class={styles.page}>
      <div class={styles.head}>
        <div>
          <h1 id="day-title">{title}</h1>
          <p class={styles.who}>
            {user.displayName} · {t.roles[user.role]}
          </p>
        </div>
        {plan && plan.stops.length > 0 && <span class={styles.count}>{t.collector.day.count(plan.stops.length)}</span>}
      </div>
      {plan && plan.stops.length > 0 && (
        <p class={styles.hint}>
          {plan.kind === 'route' && query.data?.route
            ? t.collector.day.routeHint(date(`${query.data.route.serviceDate}T12:00:00Z`))
            : t.collector.day.noRouteHint}
        </p>
      )}
      {query.status === 'failed' && <Notice kind="error" title={t.collector.day.storageFailed} detail={query.error} />}
      {query.status === 'waiting' && <Loading />}
      {plan &&
        query.data &&
        plan.stops.length === 0 &&
        (query.data.lastSuccessfulSyncAt === null ? (
          syncing ? (
            <Loading label={t.collector.day.syncing} />
          ) : (
            <Empty title={t.collector.day.noData} hint={t.collector.day.noDataHint} />
          )
        ) : (
          <Empty title={t.cases.emptyMine} hint={t.cases.emptyMineHint} />
        ))}
      {plan && plan.stops.length > 0 && (
        <>
          <div class={styles.switch} role="group" aria-label={t.collector.day.views}>
            {(['list', 'map'] as const).map((option) => (
              <button
                key={option}
                type="button"
                class={cx(styles.switchButton, view === option && styles.switchOn)}
                aria-pressed={view === option}
                onClick={() => navigate(option === 'map' ? '/cases?view=map' : '/cases', { replace: true })}
              >
                {option === 'map' ? t.collector.day.map : t.collector.day.list}
              </button>
            ))}
          </div>
          {view === 'map' ? <RouteMap stops={plan.stops} joined={plan.kind === 'route'} /> : <RouteList stops={plan.stops} />}
        </>
      )}
    </section>
  );
}
