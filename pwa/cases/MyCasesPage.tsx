// A collector's assigned cases as large cards, most urgent first; one tap opens the case.
import type { SessionUser } from '../../shared/schemas/auth.js';
import type { CaseSummary } from '../../shared/schemas/cases.js';
import { useI18n } from '../app/i18n/i18n.js';
import { usePageTitle } from '../app/usePageTitle.js';
import { followLink } from '../app/router.js';
import { Button, Empty, ErrorNotice, Loading } from '../app/ui/ui.js';
import { BucketBadge, PriorityBadge, StatusBadge } from './badges.js';
import { fetchCases } from './cases.api.js';
import { useCasePages } from './useCasePages.js';
import styles from './MyCasesPage.module.css';

export function MyCasesPage({ user }: { user: SessionUser }) {
  const { t } = useI18n();
  usePageTitle(t.cases.myCases);
  const pages = useCasePages((cursor, signal) => fetchCases({ sort: 'priority', order: 'desc', limit: 50, cursor }, signal), []);
  return (
    <section aria-labelledby="my-cases-title">
      <div class={styles.head}>
        <div>
          <h1 id="my-cases-title">{t.cases.myCases}</h1>
          <p class={styles.who}>
            {user.displayName} · {t.roles[user.role]}
          </p>
        </div>
        {pages.cases.length > 0 && <span class={styles.count}>{t.cases.myCasesCount(pages.cases.length)}</span>}
      </div>
      {pages.error !== null && (
        <div class={styles.notice}>
          <ErrorNotice error={pages.error} onRetry={pages.retry} />
        </div>
      )}
      {pages.loading && pages.cases.length === 0 && <Loading />}
      {!pages.loading && pages.error === null && pages.cases.length === 0 && (
        <Empty title={t.cases.emptyMine} hint={t.cases.emptyMineHint} />
      )}
      {pages.cases.length > 0 && (
        <ul class={styles.list} data-testid="my-cases">
          {pages.cases.map((item) => (
            <li key={item.id}>
              <CaseCard item={item} />
            </li>
          ))}
        </ul>
      )}
      {pages.nextCursor && (
        <div class={styles.more}>
          <Button large block onClick={pages.loadMore} busy={pages.loading} disabled={pages.loading}>
            {pages.loading ? t.cases.loadingMore : t.cases.loadMore}
          </Button>
        </div>
      )}
    </section>
  );
}

function CaseCard({ item }: { item: CaseSummary }) {
  const { t, money } = useI18n();
  return (
    <a class={styles.card} href={`/cases/${item.id}`} onClick={followLink}>
      <div class={styles.row}>
        <span class={styles.name}>{item.debtorName}</span>
        <span class={`${styles.amount} num`}>{money(item.totalOutstanding)}</span>
      </div>
      <div class={styles.address}>
        <svg class={styles.pin} viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
          <path
            fill="currentColor"
            d="M12 2a7 7 0 0 0-7 7c0 5.2 7 13 7 13s7-7.8 7-13a7 7 0 0 0-7-7Zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5Z"
          />
        </svg>
        <span>{item.address}</span>
      </div>
      <div class={styles.meta}>
        <span class={`${styles.dpd} num`}>{t.cases.days(item.daysPastDue)}</span>
        <BucketBadge bucket={item.bucket} />
        <PriorityBadge priority={item.priority} />
        <StatusBadge status={item.status} />
        <svg class={styles.chevron} viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
          <path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" d="m9 6 6 6-6 6" />
        </svg>
      </div>
    </a>
  );
}
