// The visits to this case recorded on this device, newest first, each with its sync state.
import type { CaseDetail } from '../../../shared/schemas/cases.js';
import type { StoredPhoto, StoredVisit } from '../../sync/records.js';
import { useI18n } from '../../app/i18n/i18n.js';
import { followLink } from '../../app/router.js';
import { Badge, type BadgeTone } from '../../app/ui/ui.js';
import { syncStateOf, visitFileStatesOf, type StopSyncState } from '../day/day-plan.js';
import { useSyncProgress } from '../engine/collector-engine.js';
import { photoCounts } from '../visit/visit-view.js';
import styles from './CollectorCasePage.module.css';

const syncTones: Record<StopSyncState, BadgeTone> = { none: 'neutral', pending: 'amber', synced: 'green', failed: 'red' };

export function VisitsOnDevice({ detail, visits, photos }: { detail: CaseDetail; visits: StoredVisit[]; photos: StoredPhoto[] }) {
  const { t, dateTime } = useI18n();
  const files = visitFileStatesOf(useSyncProgress());
  return (
    <section class={styles.section} aria-labelledby="device-visits-title">
      <h2 id="device-visits-title" class={styles.sectionTitle}>
        {t.collector.caseView.visits}
      </h2>
      {visits.length === 0 ? (
        <p class={styles.empty}>{t.collector.caseView.noVisits}</p>
      ) : (
        <ul class={styles.visits} data-testid="device-visits">
          {visits.map((visit) => {
            const state = syncStateOf([visit], files);
            const counts = photoCounts(visit, photos);
            const started = visit.checkIn?.mutation.checkedInAt ?? visit.createdAt;
            const address = detail.addresses.find((candidate) => candidate.id === visit.addressId);
            return (
              <li key={visit.visitId}>
                <a class={styles.visitLink} href={`/visits/${visit.visitId}`} onClick={followLink}>
                  <span class={styles.visitMain}>
                    <span class="num">{t.collector.caseView.visitStarted(dateTime(started, detail.timeZone))}</span>
                    <span class={styles.visitSub}>
                      {visit.record ? t.collector.outcome[visit.record.mutation.outcome] : t.collector.progress.checkedIn}
                      {address ? ` · ${address.address}` : ''}
                    </span>
                  </span>
                  <span class={styles.visitBadges}>
                    <Badge tone={syncTones[state]}>{t.collector.syncState[state]}</Badge>
                    {counts.expected > 0 && (
                      <Badge tone="neutral">{t.collector.visit.photoProgress(counts.received, counts.expected)}</Badge>
                    )}
                  </span>
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
