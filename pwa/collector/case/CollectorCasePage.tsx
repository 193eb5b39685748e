// One case from the device's store: the case as the server sent it, where to go (hand-off to a map
// app, check in), and the visits recorded on this device with where each stands with the server.
import { useEffect } from 'preact/hooks';
import { useI18n } from '../../app/i18n/i18n.js';
import { followLink } from '../../app/router.js';
import { usePageTitle } from '../../app/usePageTitle.js';
import { Badge, Loading, Notice } from '../../app/ui/ui.js';
import { CaseView } from '../../cases/CaseDetailPage.js';
import { fetchCase } from '../../cases/cases.api.js';
import { useSyncProgress } from '../engine/collector-engine.js';
import { readCase, useStoreQuery } from '../engine/store-reads.js';
import { AddNote } from './AddNote.js';
import { EarlierVisits } from './EarlierVisits.js';
import { NavigateMenu } from './NavigateMenu.js';
import { VisitsOnDevice } from './VisitsOnDevice.js';
import styles from './CollectorCasePage.module.css';
import detailStyles from '../../cases/CaseDetailPage.module.css';

export function CollectorCasePage({ id }: { id: string }) {
  const { t } = useI18n();
  usePageTitle(t.caseDetail.caseInfo);
  const query = useStoreQuery((db) => readCase(db, id), [id]);
  const progress = useSyncProgress();

  useEffect(() => {
    // The server writes every view of a case to its audit log: when there is a network, this view
    // is reported by reading the case there too. Offline the store answers alone.
    if (navigator.onLine) fetchCase(id).catch(() => undefined);
  }, [id]);

  const data = query.data;
  const firstSync = data !== null && data.lastSuccessfulSyncAt === null && progress !== null && progress.phase !== 'waiting to retry';
  return (
    <div class={`${detailStyles.page} ${detailStyles.mobile}`}>
      <a class={detailStyles.back} href="/cases" onClick={followLink}>
        <span aria-hidden="true">‹</span> {t.caseDetail.backToList}
      </a>
      {(query.status === 'waiting' || (data && !data.detail && firstSync)) && <Loading label={t.caseDetail.loading} />}
      {query.status === 'failed' && <Notice kind="error" title={t.collector.day.storageFailed} detail={query.error} />}
      {data && !data.detail && !firstSync && <Notice kind="error" title={t.errors.notFound} detail={t.collector.caseView.notOnDevice} />}
      {data?.detail && (
        <CaseView
          item={data.detail}
          addressActions={(address) => (
            <>
              <NavigateMenu lat={address.lat} lng={address.lng} address={address.address} />
              <a
                class={`${styles.actionButton} ${styles.primary}`}
                href={`/cases/${id}/check-in?address=${address.id}`}
                onClick={followLink}
                aria-label={t.collector.caseView.checkInAt(address.address)}
              >
                {t.collector.caseView.checkIn}
              </a>
            </>
          )}
        >
          <VisitsOnDevice detail={data.detail} visits={data.visits} photos={data.photos} />
          <EarlierVisits detail={data.detail} />
          {query.engine && <AddNote engine={query.engine} caseId={data.detail.id} />}
          {data.notes.length > 0 && (
            <section class={styles.section} aria-labelledby="device-notes-title">
              <h2 id="device-notes-title" class={styles.sectionTitle}>
                {t.collector.caseView.notesOnDevice}
              </h2>
              <ul class={styles.visits}>
                {data.notes.map((note) => (
                  <li key={note.noteId} class={styles.visit}>
                    <span>{note.mutation.body}</span>
                    <Badge tone={note.state === 'synced' ? 'green' : note.state === 'failed' ? 'red' : 'amber'}>
                      {t.collector.syncState[note.state]}
                    </Badge>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </CaseView>
      )}
    </div>
  );
}
