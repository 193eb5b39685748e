// A visit's review (/review/visits/:id): the evidence beside the target and the collector's day —
// map, photos, timeline, anomalies in words, the record — and the verdict, settlement and complaints.
import { useState } from 'preact/hooks';
import type { SessionUser } from '../../../shared/schemas/auth.js';
import type { VisitReview } from '../../../shared/schemas/review.js';
import { ApiRequestError } from '../../app/api.js';
import { useI18n } from '../../app/i18n/i18n.js';
import { followLink } from '../../app/router.js';
import { ErrorNotice, Loading, Notice, Toast } from '../../app/ui/ui.js';
import type { ReviewMessages } from '../i18n/zh-CN.js';
import { usePageTitle } from '../../app/usePageTitle.js';
import { useRequest } from '../../app/useRequest.js';
import { useReviewText } from '../i18n/useReviewText.js';
import { FlagBadge, RiskBadge } from './badges.js';
import { ComplaintsPanel } from './ComplaintsPanel.js';
import { SettlementPanel, VerdictPanel } from './DecisionPanels.js';
import { EvidenceMap } from './EvidenceMap.js';
import { EvidencePackButton } from './EvidencePackButton.js';
import { PhotoGallery } from './PhotoGallery.js';
import { fetchVisitReview } from './review.api.js';
import { Timeline } from './Timeline.js';
import { VisitRecord } from './VisitRecord.js';
import styles from './VisitReview.module.css';

export function VisitReviewPage({ id }: { id: string; user: SessionUser }) {
  const r = useReviewText();
  usePageTitle(r.visit.title);
  const review = useRequest((signal) => fetchVisitReview(id, signal), [id]);
  // What was decided, said in the language shown when the toast renders.
  const [toast, setToast] = useState<((r: ReviewMessages) => string) | null>(null);
  const back = (
    <a class={styles.back} href="/review" onClick={followLink}>
      ‹ {r.visit.back}
    </a>
  );
  if (!review.data) {
    if (review.status === 'error') {
      const missing = review.error instanceof ApiRequestError && review.error.status === 404;
      return (
        <div class={styles.page}>
          {back}
          {missing ? <Notice kind="error" title={r.visit.notFound} /> : <ErrorNotice error={review.error} onRetry={review.reload} />}
        </div>
      );
    }
    return <Loading />;
  }
  const data = review.data;
  const decided = (message: (r: ReviewMessages) => string) => {
    setToast(() => message);
    review.reload();
  };
  return (
    <article class={styles.page} aria-labelledby="visit-title" data-testid="visit-review">
      {back}
      <Header review={data} />
      {review.status === 'error' && <ErrorNotice error={review.error} onRetry={review.reload} />}
      <div class={styles.columns}>
        <div class={styles.evidence}>
          <EvidenceMap review={data} />
          <Anomalies review={data} />
          <PhotoGallery photos={data.photos} timeZone={data.case.timeZone} />
          <Timeline review={data} />
        </div>
        <div class={styles.side}>
          <VerdictPanel review={data} onDecided={decided} />
          <SettlementPanel review={data} onDecided={decided} />
          <VisitRecord review={data} />
          <ComplaintsPanel review={data} onChanged={review.reload} />
        </div>
      </div>
      {toast && (
        <Toast onClose={() => setToast(null)} autoCloseMs={6000}>
          <Notice kind="success" title={toast(r)} />
        </Toast>
      )}
    </article>
  );
}

function Header({ review }: { review: VisitReview }) {
  const r = useReviewText();
  const { money, dateTime } = useI18n();
  const at = review.checkIn?.at ?? review.timeline.find((e) => e.deviceAt)?.deviceAt ?? null;
  return (
    <header class={styles.header}>
      <div>
        <h1 id="visit-title">
          {review.case.debtorName}
          <span class={styles.titleSub}>
            {review.case.creditor} · {review.case.externalId}
          </span>
        </h1>
        <p class={styles.facts}>
          <RiskBadge risk={review.visit.risk} />
          <span>
            {r.visit.labelled(
              r.visit.collector,
              review.visit.collector.name + (review.visit.collector.teamName ? ` · ${review.visit.collector.teamName}` : ''),
            )}
          </span>
          {at && <span class="num">{dateTime(at, review.case.timeZone)}</span>}
          <span>{r.visit.labelled(r.visit.outstanding, money(review.case.totalOutstanding))}</span>
          <a href={`/cases/${review.case.id}`} onClick={followLink}>
            {r.visit.caseLink}
          </a>
        </p>
        <p class={styles.address}>{r.visit.labelled(r.visit.addressKind[review.target.kind], review.target.address)}</p>
      </div>
      <EvidencePackButton visitId={review.visit.id} />
    </header>
  );
}

function Anomalies({ review }: { review: VisitReview }) {
  const r = useReviewText();
  const { locale } = useI18n();
  return (
    <section class={styles.panel} aria-labelledby="anomalies-title">
      <h2 id="anomalies-title">{r.visit.anomalies}</h2>
      {review.anomalies.length === 0 ? (
        <p class={styles.muted}>{r.visit.noAnomalies}</p>
      ) : (
        <ul class={styles.anomalies} data-testid="anomalies">
          {review.anomalies.map((anomaly) => (
            <li key={anomaly.code} data-severity={anomaly.severity}>
              <FlagBadge code={anomaly.code} severity={anomaly.severity} />
              <span>{anomaly.text[locale]}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
