// The review queue: recorded visits, most suspicious first, filters in the address bar, one page at a
// time by the server's cursor; a row opens the visit's review.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { outcomes } from '../../../shared/outcomes.js';
import type { ReviewQueueItem } from '../../../shared/schemas/review.js';
import { useI18n } from '../../app/i18n/i18n.js';
import { followLink, navigate } from '../../app/router.js';
import { Button, cx, Empty, ErrorNotice, Field, inputClass, Loading } from '../../app/ui/ui.js';
import { usePageTitle } from '../../app/usePageTitle.js';
import { useRequest } from '../../app/useRequest.js';
import { useReviewText } from '../i18n/useReviewText.js';
import { FlagBadge, ReviewStatusBadge, RiskBadge } from './badges.js';
import { defaultFilters, parseQueueFilters, queueQuery, queueSearch, reviewStatuses, type QueueFilters } from './queue-state.js';
import { fetchQueue, fetchQueueDirectory, type QueueDirectory } from './review.api.js';
import styles from './ReviewQueue.module.css';

const pageSize = 50;

export function ReviewQueuePage({ search }: { search: string }) {
  const r = useReviewText();
  usePageTitle(r.queue.title);
  const filters = useMemo(() => parseQueueFilters(search), [search]);
  const [paging, setPaging] = useState<{ search: string; index: number; cursors: (string | undefined)[] }>({
    search,
    index: 0,
    cursors: [undefined],
  });
  const current = paging.search === search ? paging : { search, index: 0, cursors: [undefined] };
  useEffect(() => {
    if (paging.search !== search) setPaging({ search, index: 0, cursors: [undefined] });
  }, [search]);
  const cursor = current.cursors[current.index];
  const page = useRequest(
    (signal) => fetchQueue({ ...queueQuery(filters), limit: pageSize, cursor }, signal),
    [search, current.index, cursor],
  );
  const directory = useRequest((signal) => fetchQueueDirectory(signal), []);

  const rows = page.data?.visits ?? [];
  const busy = page.status === 'loading';
  const next = () => {
    const nextCursor = page.data?.nextCursor;
    if (nextCursor) setPaging({ search, index: current.index + 1, cursors: [...current.cursors.slice(0, current.index + 1), nextCursor] });
  };
  return (
    <section class={styles.page} aria-labelledby="review-title">
      <div class={styles.head}>
        <h1 id="review-title">{r.queue.title}</h1>
        <p class={styles.hint}>{r.queue.hint}</p>
      </div>
      <QueueFilterForm filters={filters} directory={directory.data} onApply={(next) => navigate(`/review${queueSearch(next)}`)} />
      <div class={styles.card}>
        <div class={styles.scroller}>
          <table class={cx(styles.table, busy && page.data && styles.stale)} aria-busy={busy} data-testid="review-queue">
            <thead>
              <tr>
                <th scope="col">{r.queue.columns.risk}</th>
                <th scope="col">{r.queue.columns.debtor}</th>
                <th scope="col">{r.queue.columns.collector}</th>
                <th scope="col">{r.queue.columns.visitedAt}</th>
                <th scope="col">{r.queue.columns.outcome}</th>
                <th scope="col">{r.queue.columns.flags}</th>
                <th scope="col" class={styles.numeric}>
                  {r.queue.columns.photos}
                </th>
                <th scope="col">{r.queue.columns.status}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <QueueRow key={row.visitId} row={row} />
              ))}
            </tbody>
          </table>
        </div>
        {busy && !page.data && <Loading />}
        {page.status === 'ready' && rows.length === 0 && <Empty title={r.queue.empty} hint={r.queue.emptyHint} />}
        {page.status === 'error' && (
          <div class={styles.error}>
            <ErrorNotice error={page.error} onRetry={page.reload} />
          </div>
        )}
        <div class={styles.footer}>
          <span aria-live="polite">
            {r.queue.page(current.index + 1)}
            {page.status === 'ready' ? ` · ${r.queue.rows(rows.length)}` : ''}
          </span>
          <div class={styles.pager}>
            <Button onClick={() => setPaging({ ...current, index: Math.max(0, current.index - 1) })} disabled={current.index === 0 || busy}>
              ‹ {r.queue.previous}
            </Button>
            <Button onClick={next} disabled={!page.data?.nextCursor || busy}>
              {r.queue.next} ›
            </Button>
          </div>
        </div>
      </div>
    </section>
  );
}

function QueueRow({ row }: { row: ReviewQueueItem }) {
  const r = useReviewText();
  const { t, dateTime } = useI18n();
  const href = `/review/visits/${row.visitId}`;
  const at = row.checkedInAt ?? row.recordedAt;
  return (
    <tr class={cx(styles.row, row.risk === 'high' && styles.highRow)} onClick={() => navigate(href)} data-visit-id={row.visitId}>
      <td>
        <RiskBadge risk={row.risk} />
        <span class={styles.score}>{row.evidenceScore}</span>
      </td>
      <td>
        <a
          class={styles.debtor}
          href={href}
          onClick={(event) => {
            event.stopPropagation();
            followLink(event);
          }}
          aria-label={r.queue.open(row.debtorName)}
        >
          {row.debtorName}
        </a>
        <span class={styles.sub}>
          {row.creditor} · {row.caseExternalId}
        </span>
      </td>
      <td>
        <span class={styles.nowrap}>{row.collector.name}</span>
        {row.collector.teamName && <span class={styles.sub}>{row.collector.teamName}</span>}
      </td>
      <td class={cx(styles.nowrap, 'num')}>{at ? dateTime(at, row.timeZone) : '—'}</td>
      <td>
        <span class={styles.nowrap}>
          {row.outcome ? (t.collector.outcome[row.outcome as keyof typeof t.collector.outcome] ?? row.outcome) : '—'}
        </span>
        {row.settlement === 'pending' && <span class={styles.alertText}>{r.queue.settlementPending}</span>}
        {row.openComplaints > 0 && <span class={styles.alertText}>{r.queue.complaints(row.openComplaints)}</span>}
      </td>
      <td>
        <div class={styles.flags}>
          {row.flags.length === 0 ? (
            <span class={styles.sub}>{r.queue.noFlags}</span>
          ) : (
            row.flags.map((flag) => <FlagBadge key={flag.code} code={flag.code} severity={flag.severity} />)
          )}
        </div>
      </td>
      <td class={cx(styles.numeric, 'num')}>{row.photos}</td>
      <td>
        <ReviewStatusBadge status={row.status} />
      </td>
    </tr>
  );
}

function QueueFilterForm({
  filters,
  directory,
  onApply,
}: {
  filters: QueueFilters;
  directory: QueueDirectory | null;
  onApply: (filters: QueueFilters) => void;
}) {
  const r = useReviewText();
  const { t } = useI18n();
  const [draft, setDraft] = useState(filters);
  useEffect(() => setDraft(filters), [filters]);
  const set = <K extends keyof QueueFilters>(key: K, value: QueueFilters[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const toggle = (status: QueueFilters['status'][number]) =>
    set(
      'status',
      draft.status.includes(status)
        ? draft.status.filter((s) => s !== status)
        : reviewStatuses.filter((s) => s === status || draft.status.includes(s)),
    );
  const collectors = (directory?.collectors ?? []).filter((c) => !draft.teamId || c.teamId === draft.teamId);
  return (
    <form
      class={styles.filters}
      aria-label={r.queue.filters}
      onSubmit={(event) => {
        event.preventDefault();
        onApply({ ...draft, status: draft.status.length > 0 ? draft.status : defaultFilters.status });
      }}
    >
      <fieldset class={styles.statusSet}>
        <legend class={styles.legend}>{r.queue.status}</legend>
        <div class={styles.chips}>
          {reviewStatuses.map((status) => (
            <label key={status} class={cx(styles.chip, draft.status.includes(status) && styles.chipOn)}>
              <input type="checkbox" checked={draft.status.includes(status)} onChange={() => toggle(status)} />
              {r.status[status]}
            </label>
          ))}
        </div>
      </fieldset>
      <div class={styles.grid}>
        <Field label={r.queue.team}>
          {({ id }) => (
            <select
              id={id}
              class={inputClass}
              value={draft.teamId}
              onChange={(e) => setDraft((d) => ({ ...d, teamId: e.currentTarget.value, collectorId: '' }))}
            >
              <option value="">{r.queue.any}</option>
              {(directory?.teams ?? []).map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={r.queue.collector}>
          {({ id }) => (
            <select id={id} class={inputClass} value={draft.collectorId} onChange={(e) => set('collectorId', e.currentTarget.value)}>
              <option value="">{r.queue.any}</option>
              {collectors.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.displayName}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={r.queue.outcome}>
          {({ id }) => (
            <select id={id} class={inputClass} value={draft.outcome} onChange={(e) => set('outcome', e.currentTarget.value)}>
              <option value="">{r.queue.any}</option>
              {outcomes.map((o) => (
                <option key={o} value={o}>
                  {t.collector.outcome[o]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={r.queue.from}>
          {({ id }) => (
            <input id={id} type="date" class={inputClass} value={draft.from} onInput={(e) => set('from', e.currentTarget.value)} />
          )}
        </Field>
        <Field label={r.queue.to}>
          {({ id }) => <input id={id} type="date" class={inputClass} value={draft.to} onInput={(e) => set('to', e.currentTarget.value)} />}
        </Field>
        <div class={styles.actions}>
          <Button onClick={() => onApply(defaultFilters)}>{r.queue.reset}</Button>
          <Button type="submit" variant="primary">
            {r.queue.apply}
          </Button>
        </div>
      </div>
    </form>
  );
}
