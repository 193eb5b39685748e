// Team results (supervisors, admins): per team or collector by day, week or month in the business time
// zone, as totals, charts and a table, with a CSV download; the filters live in the address bar.
import type { CollectorSummary, TeamSummary } from '../../shared/schemas/directory.js';
import { useI18n } from '../app/i18n/i18n.js';
import { navigate, useLocation } from '../app/router.js';
import { Empty, ErrorNotice, Loading } from '../app/ui/ui.js';
import { usePageTitle } from '../app/usePageTitle.js';
import { useRequest } from '../app/useRequest.js';
import { useResultsText } from './i18n/useResultsText.js';
import { ResultsCharts } from './ResultsCharts.js';
import { ResultsFilters } from './ResultsFilters.js';
import { ResultsTable } from './ResultsTable.js';
import { bucketLabel, filtersFromSearch, formatPercent as percent, resultsQuery, searchFromFilters, todayIn } from './results-state.js';
import { fetchCollectors, fetchResults, fetchTeams } from './results.api.js';
import styles from './ResultsPage.module.css';

// The business zone's today picks the default range; the server reports the zone it counted in.
const businessZone = 'Asia/Shanghai';

export default function ResultsPage() {
  const text = useResultsText();
  const { locale, money } = useI18n();
  usePageTitle(text.title);
  const location = useLocation();
  const today = todayIn(businessZone);
  const filters = filtersFromSearch(location.search, today);
  const results = useRequest((signal) => fetchResults(resultsQuery(filters), signal), [location.search]);
  const teams = useRequest<TeamSummary[]>((signal) => fetchTeams(signal), []);
  const collectors = useRequest<CollectorSummary[]>((signal) => fetchCollectors(signal), []);
  const label = (bucket: string) => bucketLabel(bucket, filters.period, locale);
  const data = results.data;
  const totals = data?.totals;

  return (
    <div class={styles.page}>
      <header class={styles.head}>
        <h1>{text.title}</h1>
        <p class={styles.muted}>{text.intro(data?.timeZone ?? businessZone)}</p>
      </header>
      <ResultsFilters
        filters={filters}
        today={today}
        teams={teams.data ?? []}
        collectors={collectors.data ?? []}
        onChange={(next) => navigate(`/results${searchFromFilters(next)}`, { replace: true })}
      />
      {results.status === 'error' && <ErrorNotice error={results.error} onRetry={results.reload} />}
      {!data && results.status === 'loading' && <Loading />}
      {data && totals && (
        <div class={styles.body} aria-busy={results.status === 'loading' || undefined}>
          <dl class={styles.summary} aria-label={text.totals.label}>
            <div>
              <dt>{text.totals.visits}</dt>
              <dd>
                {totals.done} / {totals.planned}
              </dd>
            </div>
            <div>
              <dt>{text.totals.contactRate}</dt>
              <dd>{percent(totals.contactRate)}</dd>
            </div>
            <div>
              <dt>{text.totals.keptRate}</dt>
              <dd>
                {percent(totals.keptRate)}{' '}
                <span class={styles.muted}>
                  ({totals.promisesKept} / {totals.promisesDue})
                </span>
              </dd>
            </div>
            <div>
              <dt>{text.totals.recovered}</dt>
              <dd>{money(totals.amountRecovered)}</dd>
            </div>
            <div>
              <dt>{text.totals.recoveryRate}</dt>
              <dd>{percent(totals.recoveryRate)}</dd>
            </div>
            <div>
              <dt>{text.totals.anomalies}</dt>
              <dd>{totals.anomalies}</dd>
            </div>
          </dl>
          {data.rows.length === 0 ? (
            <Empty title={text.empty} hint={text.emptyHint} />
          ) : (
            <>
              <ResultsCharts results={data} label={label} />
              <ResultsTable results={data} label={label} />
            </>
          )}
          <p class={styles.muted}>{text.definitions}</p>
        </div>
      )}
    </div>
  );
}
