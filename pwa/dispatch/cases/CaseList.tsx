// The table beside the map: the cases in the map's area (or the drawn one) under the same filters,
// most urgent first, each row selectable and able to show its case on the map.
import { useEffect, useState } from 'preact/hooks';
import type { CaseSummary } from '../../../shared/schemas/cases.js';
import { useI18n } from '../../app/i18n/i18n.js';
import { useRequest } from '../../app/useRequest.js';
import { Button, Empty, ErrorNotice, Loading } from '../../app/ui/ui.js';
import { BucketBadge, PriorityBadge, StatusBadge } from '../../cases/badges.js';
import { fetchCases } from '../../cases/cases.api.js';
import type { CaseFilters } from '../../cases/table-state.js';
import { useDispatchText } from '../i18n/useDispatchText.js';
import { boxOf, inRing, type Box, type Ring } from '../map/polygon.js';
import { bboxParam, caseQuery, type Area } from './filters.js';
import styles from './CaseList.module.css';

const pageSize = 50;

export function CaseList({
  filters,
  area,
  shape,
  view,
  selection,
  collectorName,
  reloadKey,
  onToggle,
  onFocus,
}: {
  filters: CaseFilters;
  area: Area;
  shape: Ring | null;
  view: Box | null;
  selection: ReadonlySet<string>;
  collectorName: (id: string) => string | null;
  reloadKey: number;
  onToggle: (ids: string[], on: boolean) => void;
  onFocus: (item: CaseSummary) => void;
}) {
  const { t, money } = useI18n();
  const d = useDispatchText();
  const [limit, setLimit] = useState(pageSize);
  const inShape = area === 'shape' && shape !== null && shape.length >= 3;
  const box = inShape ? boxOf(shape) : view;
  const boxKey = box ? bboxParam(box) : '';
  const filtersKey = JSON.stringify(filters);
  useEffect(() => setLimit(pageSize), [filtersKey, boxKey, inShape]);
  const result = useRequest(
    (signal) => (box ? fetchCases(caseQuery(filters, box, { limit }), signal) : Promise.resolve({ cases: [], nextCursor: null })),
    [filtersKey, boxKey, limit, reloadKey],
  );
  const rows = (result.data?.cases ?? []).filter((item) => !inShape || inRing(shape, item.lat, item.lng));
  const allChosen = rows.length > 0 && rows.every((row) => selection.has(row.id));

  return (
    <section class={styles.list} aria-label={d.table.title}>
      <div class={styles.head}>
        <h2 class={styles.title}>{d.table.title}</h2>
        <span class={styles.hint}>{d.table.inView}</span>
      </div>
      {result.status === 'error' && <ErrorNotice error={result.error} onRetry={result.reload} />}
      <div class={styles.scroller} aria-busy={result.status === 'loading'}>
        <table class={styles.table} data-testid="dispatch-cases">
          <thead>
            <tr>
              <th class={styles.check}>
                <input
                  type="checkbox"
                  aria-label={d.table.selectPage}
                  checked={allChosen}
                  disabled={rows.length === 0}
                  onChange={(e) =>
                    onToggle(
                      rows.map((r) => r.id),
                      e.currentTarget.checked,
                    )
                  }
                />
              </th>
              <th>{t.cases.columns.debtor}</th>
              <th class={styles.numeric}>{t.cases.columns.outstanding}</th>
              <th>
                {t.cases.columns.bucket} · {t.cases.columns.priority} · {t.cases.columns.status}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-selected={selection.has(row.id)}>
                <td class={styles.check}>
                  <input
                    type="checkbox"
                    aria-label={d.table.selectRow(row.debtorName)}
                    checked={selection.has(row.id)}
                    onChange={(e) => onToggle([row.id], e.currentTarget.checked)}
                  />
                </td>
                <td>
                  <button type="button" class={styles.name} onClick={() => onFocus(row)} title={d.table.showOnMap(row.debtorName)}>
                    {row.debtorName}
                  </button>
                  <a
                    class={styles.open}
                    href={`/cases/${row.id}`}
                    target="_blank"
                    rel="noopener"
                    aria-label={`${d.table.openCase}: ${row.debtorName}`}
                    title={d.table.openCase}
                  >
                    ↗
                  </a>
                  <span class={styles.sub}>
                    {t.cases.days(row.daysPastDue)} · {t.reason[row.escalationReason]}
                    {row.assignedCollectorId && ` · ${collectorName(row.assignedCollectorId) ?? d.table.collectorUnknown}`}
                  </span>
                </td>
                <td class={styles.numeric}>{money(row.totalOutstanding)}</td>
                <td>
                  <span class={styles.badges}>
                    <BucketBadge bucket={row.bucket} />
                    <PriorityBadge priority={row.priority} />
                    <StatusBadge status={row.status} />
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {result.status === 'loading' && <Loading />}
        {result.status === 'ready' && rows.length === 0 && <Empty title={d.table.empty} hint={d.table.emptyHint} />}
        {result.data?.nextCursor && limit < 500 && (
          <div class={styles.more}>
            <Button onClick={() => setLimit(Math.min(500, limit + pageSize * 2))} busy={result.status === 'loading'}>
              {d.table.loadMore}
            </Button>
          </div>
        )}
      </div>
    </section>
  );
}
