// Every figure per bucket and group, the range's total last; the same numbers the CSV carries.
import type { ResultFigures, ResultRow, ResultsResponse } from '../../shared/schemas/results.js';
import { useI18n } from '../app/i18n/i18n.js';
import { useResultsText } from './i18n/useResultsText.js';
import { formatPercent as percent } from './results-state.js';
import styles from './ResultsPage.module.css';

export function ResultsTable({ results, label }: { results: ResultsResponse; label: (bucket: string) => string }) {
  const text = useResultsText();
  const t = text.table;
  const { money } = useI18n();
  const byCollector = results.groupBy === 'collector';
  const minutes = (seconds: number | null) => (seconds === null ? '—' : t.minutes((seconds / 60).toFixed(1)));
  const travel = (f: ResultFigures) =>
    f.travelSecondsPerStop === null || f.travelMetresPerStop === null
      ? '—'
      : t.travelValue((f.travelSecondsPerStop / 60).toFixed(1), (f.travelMetresPerStop / 1000).toFixed(1));
  const figureCells = (f: ResultFigures) => (
    <>
      <td class={styles.num}>{f.planned}</td>
      <td class={styles.num}>{f.done}</td>
      <td class={styles.num}>{percent(f.contactRate)}</td>
      <td class={styles.num}>
        {f.promises} <span class={styles.muted}>({percent(f.promiseRate)})</span>
      </td>
      <td class={styles.num}>
        {f.promisesKept} / {f.promisesDue} <span class={styles.muted}>({percent(f.keptRate)})</span>
      </td>
      <td class={styles.num}>{money(f.amountPromised)}</td>
      <td class={styles.num}>{money(f.amountRecovered)}</td>
      <td class={styles.num}>{percent(f.recoveryRate)}</td>
      <td class={styles.num}>
        {f.evidenceAccepted} / {f.evidenceRejected}
      </td>
      <td class={styles.num}>{f.anomalies}</td>
      <td class={styles.num}>{minutes(f.avgOnSiteSeconds)}</td>
      <td class={styles.num}>{travel(f)}</td>
    </>
  );
  const groupCells = (row: ResultRow) => (
    <>
      <td>{row.teamName ?? t.noTeam}</td>
      {byCollector && <td>{row.collectorName}</td>}
    </>
  );
  return (
    <div class={styles.tableBox}>
      <table class={styles.table}>
        <caption>{t.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.bucket[results.period]}</th>
            <th scope="col">{t.team}</th>
            {byCollector && <th scope="col">{t.collector}</th>}
            <th scope="col">{t.planned}</th>
            <th scope="col">{t.done}</th>
            <th scope="col">{t.contactRate}</th>
            <th scope="col">{t.promises}</th>
            <th scope="col">{t.kept}</th>
            <th scope="col">{t.promised}</th>
            <th scope="col">{t.recovered}</th>
            <th scope="col">{t.recoveryRate}</th>
            <th scope="col">{t.evidence}</th>
            <th scope="col">{t.anomalies}</th>
            <th scope="col">{t.onSite}</th>
            <th scope="col">{t.travel}</th>
          </tr>
        </thead>
        <tbody>
          {results.rows.map((row) => (
            <tr key={`${row.bucket}|${row.teamId ?? ''}|${row.collectorId ?? ''}`}>
              <th scope="row">{label(row.bucket)}</th>
              {groupCells(row)}
              {figureCells(row)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={byCollector ? 3 : 2}>
              {t.total}
            </th>
            {figureCells(results.totals)}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
