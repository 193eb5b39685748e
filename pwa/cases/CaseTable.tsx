// The desktop case table: filters and sort in the address bar, one page at a time by the server's cursor.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CaseSummary } from '../../shared/schemas/cases.js';
import { useI18n } from '../app/i18n/i18n.js';
import { usePageTitle } from '../app/usePageTitle.js';
import { followLink, navigate } from '../app/router.js';
import { useRequest } from '../app/useRequest.js';
import { Badge, Button, cx, Empty, ErrorNotice, Loading } from '../app/ui/ui.js';
import { BucketBadge, PriorityBadge, StatusBadge } from './badges.js';
import { CaseFiltersForm } from './CaseFilters.js';
import { fetchCases } from './cases.api.js';
import { fetchDirectory, type Directory } from './directory.api.js';
import { rememberListSearch } from './list-memory.js';
import {
  activeFilterCount,
  nextSort,
  parseTableState,
  toApiParams,
  toSearch,
  type CaseFilters,
  type SortField,
  type TableState,
} from './table-state.js';
import styles from './CaseTable.module.css';

const pageSize = 50;

export function CaseTable({ search, title, hint }: { search: string; title: string; hint: string }) {
  const { t } = useI18n();
  usePageTitle(title);
  const state = useMemo(() => parseTableState(search), [search]);
  // cursors[i] opens page i; the first page needs none. A new filter or sort starts again from page 0.
  const [paging, setPaging] = useState<{ search: string; index: number; cursors: (string | undefined)[] }>({
    search,
    index: 0,
    cursors: [undefined],
  });
  const current = paging.search === search ? paging : { search, index: 0, cursors: [undefined] };
  useEffect(() => {
    if (paging.search !== search) setPaging({ search, index: 0, cursors: [undefined] });
    rememberListSearch(search);
  }, [search]);

  const cursor = current.cursors[current.index];
  const page = useRequest(
    (signal) => fetchCases({ ...toApiParams(state), limit: pageSize, cursor }, signal),
    [search, current.index, cursor],
  );

  // Names for collectors and creditors; the table still works (with codes) if this fails.
  const directory = useRequest((signal) => fetchDirectory(signal), []);
  const names = useMemo(() => lookups(directory.data), [directory.data]);
  const active = activeFilterCount(state.filters);

  // A new page starts at the table's first row, not where the pager left the reader.
  const tableCard = useRef<HTMLDivElement>(null);
  const shownIndex = useRef(current.index);
  useEffect(() => {
    // Runs when a page's rows arrive (a new data object), not when the pager is merely clicked.
    if (!page.data || shownIndex.current === current.index) return;
    shownIndex.current = current.index;
    const card = tableCard.current;
    if (card && card.getBoundingClientRect().top < 0) card.scrollIntoView({ block: 'start' });
  }, [page.data]);

  const go = (next: TableState) => navigate(`/cases${toSearch(next)}`);
  const applyFilters = (filters: CaseFilters) => go({ ...state, filters });
  const sortBy = (field: SortField) => go({ ...state, ...nextSort(state, field) });
  const nextPage = () => {
    const nextCursor = page.data?.nextCursor;
    if (!nextCursor) return;
    setPaging({ search, index: current.index + 1, cursors: [...current.cursors.slice(0, current.index + 1), nextCursor] });
  };
  const previousPage = () => setPaging({ ...current, index: Math.max(0, current.index - 1) });

  const rows = page.data?.cases ?? [];
  const busy = page.status === 'loading';
  return (
    <section class={styles.page} aria-labelledby="cases-title">
      <div class={styles.head}>
        <h1 id="cases-title">{title}</h1>
        <p class={styles.hint}>{hint}</p>
        <span class={styles.activeCount} aria-live="polite">
          {active > 0 && <Badge tone="blue">{t.cases.filters.active(active)}</Badge>}
        </span>
      </div>
      <CaseFiltersForm filters={state.filters} directory={directory.data} onApply={applyFilters} />
      <div class={styles.tableCard} ref={tableCard}>
        <div class={styles.scroller}>
          <table class={cx(styles.table, busy && page.data && styles.stale)} aria-busy={busy} aria-describedby="cases-page-status">
            <thead>
              <tr>
                <SortHeader field="debtorName" label={t.cases.columns.debtor} state={state} onSort={sortBy} />
                <th scope="col">{t.cases.columns.creditor}</th>
                <SortHeader field="totalOutstanding" label={t.cases.columns.outstanding} state={state} onSort={sortBy} numeric />
                <SortHeader field="daysPastDue" label={t.cases.columns.daysPastDue} state={state} onSort={sortBy} numeric />
                <th scope="col">{t.cases.columns.bucket}</th>
                <th scope="col">{t.cases.columns.status}</th>
                <th scope="col">{t.cases.columns.reason}</th>
                <SortHeader field="priority" label={t.cases.columns.priority} state={state} onSort={sortBy} />
                <th scope="col">{t.cases.columns.assigned}</th>
                <SortHeader field="receivedAt" label={t.cases.columns.receivedAt} state={state} onSort={sortBy} />
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <CaseRow key={row.id} row={row} names={names} />
              ))}
            </tbody>
          </table>
        </div>
        {busy && !page.data && <Loading />}
        {page.status === 'ready' && rows.length === 0 && <Empty title={t.cases.emptyFiltered} hint={t.cases.emptyFilteredHint} />}
        {/* Beside the pager, where the person who asked for the page is looking. */}
        {page.status === 'error' && (
          <div class={styles.tableError}>
            <ErrorNotice error={page.error} onRetry={page.reload} />
          </div>
        )}
        <div class={styles.footer}>
          <span id="cases-page-status" class={styles.pageStatus} aria-live="polite">
            {t.cases.page(current.index + 1)}
            {page.status === 'ready' ? ` · ${t.cases.rowsOnPage(rows.length)}` : ''}
            {busy && page.data && <span class={styles.inlineSpinner} aria-label={t.common.loading} />}
          </span>
          <div class={styles.pager}>
            <Button onClick={previousPage} disabled={current.index === 0 || busy}>
              ‹ {t.cases.previousPage}
            </Button>
            <Button onClick={nextPage} disabled={!page.data?.nextCursor || busy}>
              {t.cases.nextPage} ›
            </Button>
          </div>
        </div>
      </div>
    </section>
  );
}

function SortHeader({
  field,
  label,
  state,
  onSort,
  numeric = false,
}: {
  field: SortField;
  label: string;
  state: TableState;
  onSort: (field: SortField) => void;
  numeric?: boolean;
}) {
  const { t } = useI18n();
  const sorted = state.sort === field;
  const ariaSort = sorted ? (state.order === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <th scope="col" aria-sort={ariaSort} class={cx(numeric && styles.numeric)}>
      <button
        type="button"
        class={cx(styles.sortButton, sorted && styles.sorted)}
        onClick={() => onSort(field)}
        title={t.cases.sortBy(label)}
      >
        {label}
        <span class={styles.sortIcon} aria-hidden="true">
          {sorted ? (state.order === 'asc' ? '▲' : '▼') : '↕'}
        </span>
        {sorted && <span class="visually-hidden">{state.order === 'asc' ? t.cases.sortedAsc : t.cases.sortedDesc}</span>}
      </button>
    </th>
  );
}

interface Names {
  collector: Map<string, string>;
  creditor: Map<string, string>;
}

function lookups(directory: Directory | null): Names {
  return {
    collector: new Map((directory?.collectors ?? []).map((c) => [c.id, c.displayName])),
    creditor: new Map((directory?.creditors ?? []).map((c) => [c.code, c.name])),
  };
}

function CaseRow({ row, names }: { row: CaseSummary; names: Names }) {
  const { t, money, dateTime } = useI18n();
  return (
    <tr>
      <td>
        <a class={styles.debtor} href={`/cases/${row.id}`} onClick={followLink}>
          {row.debtorName}
        </a>
        <span class={styles.sub}>{row.externalId}</span>
      </td>
      <td>
        <span class={styles.cellMain} title={row.creditor}>
          {names.creditor.get(row.creditor) ?? row.creditor}
        </span>
        <span class={styles.sub}>{t.product[row.product]}</span>
      </td>
      <td class={cx(styles.numeric, 'num')}>{money(row.totalOutstanding)}</td>
      <td class={cx(styles.numeric, 'num')}>{row.daysPastDue}</td>
      <td>
        <BucketBadge bucket={row.bucket} />
      </td>
      <td>
        <StatusBadge status={row.status} />
        {row.revisit && (
          <span class={styles.revisit}>
            <Badge tone="orange" title={t.cases.revisitReason(row.revisit.reason)}>
              {t.cases.revisit}
            </Badge>
          </span>
        )}
      </td>
      <td class={styles.nowrap}>{t.reason[row.escalationReason]}</td>
      <td>
        <PriorityBadge priority={row.priority} />
      </td>
      <td>
        {row.assignedCollectorId ? (
          <span class={styles.nowrap}>{names.collector.get(row.assignedCollectorId) ?? t.cases.assigned}</span>
        ) : (
          <Badge tone="neutral">{t.cases.unassigned}</Badge>
        )}
      </td>
      <td class={cx(styles.nowrap, 'num')}>{dateTime(row.receivedAt)}</td>
    </tr>
  );
}
