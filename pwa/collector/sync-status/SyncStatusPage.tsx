// "What is not on the server yet": totals with progress while uploading, each unsent visit with its
// photos, the last good sync, the oldest item waiting, and what the server refused for good, and why.
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n/i18n.js';
import { storageMonitor, type StorageReport } from '../../platform/storage.js';
import { followLink } from '../../app/router.js';
import { usePageTitle } from '../../app/usePageTitle.js';
import { Badge, Button, Loading, Notice } from '../../app/ui/ui.js';
import { useSyncProgress } from '../engine/collector-engine.js';
import { readDay, useStoreQuery } from '../engine/store-reads.js';
import { formatBytes, summarizeSync } from './sync-summary.js';
import styles from './SyncStatusPage.module.css';

function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

/** Storage use, re-read while the page is open (platform/storage.ts). */
function useStorageReport(): StorageReport | null {
  const [report, setReport] = useState<StorageReport | null>(storageMonitor.current);
  useEffect(() => storageMonitor.subscribe(setReport), []);
  return report;
}

export function SyncStatusPage() {
  const { t, dateTime } = useI18n();
  const s = t.collector.sync;
  usePageTitle(s.title);
  const query = useStoreQuery(readDay, []);
  const progress = useSyncProgress();
  const online = useOnline();
  const storage = useStorageReport();
  if (!query.data || !progress || !query.engine) return <Loading />;
  const engine = query.engine;
  const summary = summarizeSync(progress, query.data.visits, query.data.cases);
  // Offline, a round sits waiting on the network: that is not "sending", and the notice above says so.
  const busy =
    online &&
    (progress.phase === 'pushing' || progress.phase === 'uploading' || progress.phase === 'confirming' || progress.phase === 'pulling');
  const photoTotals = progress.visitPhotos.reduce(
    (sum, line) => ({ received: sum.received + line.received, expected: sum.expected + line.expected }),
    {
      received: 0,
      expected: 0,
    },
  );

  return (
    <section class={styles.page} aria-labelledby="sync-title">
      <h1 id="sync-title">{s.title}</h1>
      {!online && <Notice kind="info" title={s.offline} />}

      <div class={styles.card} data-testid="sync-totals" aria-live="polite">
        <p class={summary.allSent ? styles.good : styles.waiting}>{summary.allSent ? s.allSent : s.pending(summary.itemsPending)}</p>
        {summary.itemsPending > 0 && (
          <p class={styles.detail}>
            {s.pendingDetail(summary.mutationsPending, summary.photosPending, summary.audioPending)}
            {summary.bytesPending > 0 && ` · ${s.bytes(formatBytes(summary.bytesPending))}`}
          </p>
        )}
        {photoTotals.expected > 0 && (
          <div class={styles.bar}>
            <progress max={photoTotals.expected} value={photoTotals.received} aria-label={t.collector.visit.photos} />
            <span class="num">{t.collector.visit.photoProgress(photoTotals.received, photoTotals.expected)}</span>
          </div>
        )}
        {online && <p class={styles.detail}>{s.phase[progress.phase]}</p>}
        <p class={styles.detail}>{progress.lastSuccessfulSyncAt ? s.lastSync(dateTime(progress.lastSuccessfulSyncAt)) : s.neverSynced}</p>
        {progress.oldestUnsentAt && <p class={styles.detail}>{s.oldest(dateTime(progress.oldestUnsentAt))}</p>}
        {progress.lastError && progress.phase === 'waiting to retry' && <p class={styles.detail}>{s.lastError(progress.lastError)}</p>}
        <Button large block variant="primary" busy={busy} disabled={busy || !online} onClick={() => engine.requestSync('sync now')}>
          {s.syncNow}
        </Button>
      </div>

      {storage?.supported && (
        <div class={styles.card} data-testid="storage">
          <p class={styles.detail}>{s.storage(formatBytes(storage.usageBytes), formatBytes(storage.quotaBytes))}</p>
          {storage.warning && <Notice kind="warn" title={s.storageWarning} />}
          {storage.persisted === false && storage.warning === null && <p class={styles.detail}>{s.storageNotPersisted}</p>}
        </div>
      )}

      {summary.failures.length > 0 && (
        <section class={styles.card} aria-labelledby="failures-title">
          <h2 id="failures-title" class={styles.bad}>
            {s.failures}
          </h2>
          <p class={styles.detail}>{s.failuresHint}</p>
          <ul class={styles.lines} data-testid="sync-failures">
            {summary.failures.map((failure) => (
              <li key={failure.key} class={styles.line}>
                <strong>
                  {failure.kind === 'photo'
                    ? s.failedPhoto
                    : failure.kind === 'audio'
                      ? s.failedAudio
                      : s.failedRecord(s.mutationType[failure.type as keyof typeof s.mutationType] ?? failure.type ?? '')}
                  {failure.debtorName ? ` · ${failure.debtorName}` : ''}
                </strong>
                <span class={styles.reason}>{failure.reason}</span>
                {failure.href && (
                  <a href={failure.href} onClick={followLink} class={styles.link}>
                    {failure.type === 'visit.record' ? s.correctHere : t.collector.caseView.openVisit}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      {summary.unsentVisits.length > 0 && (
        <section class={styles.card} aria-labelledby="unsent-title">
          <h2 id="unsent-title">{s.visits}</h2>
          <ul class={styles.lines} data-testid="unsent-visits">
            {summary.unsentVisits.map((line) => (
              <li key={line.visitId}>
                <a class={styles.visit} href={`/visits/${line.visitId}`} onClick={followLink}>
                  <span>{s.visitLine(line.debtorName, dateTime(line.startedAt, line.timeZone))}</span>
                  <span class={styles.badges}>
                    <Badge tone={line.state === 'failed' ? 'red' : line.state === 'synced' ? 'green' : 'amber'}>
                      {t.collector.syncState[line.state]}
                    </Badge>
                    {line.photosExpected > 0 && (
                      <Badge tone="neutral">{t.collector.visit.photoProgress(line.photosReceived, line.photosExpected)}</Badge>
                    )}
                    {line.audioExpected > 0 && (
                      <Badge tone={line.audioReceived === line.audioExpected ? 'green' : 'neutral'}>
                        {line.audioReceived === line.audioExpected ? t.collector.audio.uploaded : t.collector.audio.waiting}
                      </Badge>
                    )}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
