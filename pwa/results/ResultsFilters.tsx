// Period, grouping, date range (with quick ranges), team and collector, and the CSV download.
import type { ResultPeriod } from '../../shared/periods.js';
import type { CollectorSummary, TeamSummary } from '../../shared/schemas/directory.js';
import type { ResultGrouping } from '../../shared/schemas/results.js';
import { useI18n } from '../app/i18n/i18n.js';
import { cx } from '../app/ui/ui.js';
import { useResultsText } from './i18n/useResultsText.js';
import { lastDays, quickRangeOf, quickRanges, type ResultsFilters as Filters, resultsQuery } from './results-state.js';
import { resultsCsvHref } from './results.api.js';
import styles from './ResultsPage.module.css';

export function ResultsFilters({
  filters,
  today,
  teams,
  collectors,
  onChange,
}: {
  filters: Filters;
  today: string;
  teams: TeamSummary[];
  collectors: CollectorSummary[];
  onChange: (next: Filters) => void;
}) {
  const text = useResultsText();
  const f = text.filters;
  const { locale } = useI18n();
  const quick = quickRangeOf(filters, today);
  const shownCollectors = filters.teamId ? collectors.filter((c) => c.teamId === filters.teamId) : collectors;
  const toggle = <T extends string>(value: T, current: T, label: string, pick: (value: T) => void) => (
    <button
      key={value}
      type="button"
      class={cx(styles.chip, current === value && styles.chipOn)}
      aria-pressed={current === value}
      onClick={() => pick(value)}
    >
      {label}
    </button>
  );
  return (
    <div class={styles.filters} role="group" aria-label={f.label}>
      <div class={styles.field}>
        <span id="results-period">{f.period}</span>
        <div class={styles.chips} role="group" aria-labelledby="results-period">
          {(['day', 'week', 'month'] as const).map((p) =>
            toggle<ResultPeriod>(p, filters.period, f.periods[p], (period) => onChange({ ...filters, period })),
          )}
        </div>
      </div>
      <div class={styles.field}>
        <span id="results-group">{f.groupBy}</span>
        <div class={styles.chips} role="group" aria-labelledby="results-group">
          {(['team', 'collector'] as const).map((g) =>
            toggle<ResultGrouping>(g, filters.groupBy, f.groups[g], (groupBy) => onChange({ ...filters, groupBy })),
          )}
        </div>
      </div>
      <label class={styles.field}>
        <span>{f.from}</span>
        <input
          type="date"
          value={filters.from}
          max={filters.to}
          required
          onChange={(e) => e.currentTarget.value && onChange({ ...filters, from: e.currentTarget.value })}
        />
      </label>
      <label class={styles.field}>
        <span>{f.to}</span>
        <input
          type="date"
          value={filters.to}
          min={filters.from}
          required
          onChange={(e) => e.currentTarget.value && onChange({ ...filters, to: e.currentTarget.value })}
        />
      </label>
      <div class={styles.field}>
        <span id="results-quick">{f.quick}</span>
        <div class={styles.chips} role="group" aria-labelledby="results-quick">
          {quickRanges.map((days) => (
            <button
              key={days}
              type="button"
              class={cx(styles.chip, quick === days && styles.chipOn)}
              aria-pressed={quick === days}
              onClick={() => onChange({ ...filters, ...lastDays(days, today) })}
            >
              {f.lastDays(days)}
            </button>
          ))}
        </div>
      </div>
      <label class={styles.field}>
        <span>{f.team}</span>
        <select
          value={filters.teamId ?? ''}
          onChange={(e) => onChange({ ...filters, teamId: e.currentTarget.value || null, collectorId: null })}
        >
          <option value="">{f.allTeams}</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </label>
      <label class={styles.field}>
        <span>{f.collector}</span>
        <select value={filters.collectorId ?? ''} onChange={(e) => onChange({ ...filters, collectorId: e.currentTarget.value || null })}>
          <option value="">{f.allCollectors}</option>
          {shownCollectors.map((collector) => (
            <option key={collector.id} value={collector.id}>
              {collector.displayName}
            </option>
          ))}
        </select>
      </label>
      <a class={styles.download} href={resultsCsvHref(resultsQuery(filters), locale)} download title={f.downloadHint}>
        {f.download}
      </a>
    </div>
  );
}
