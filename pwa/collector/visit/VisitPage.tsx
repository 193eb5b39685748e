// One visit on this device: its check-in, the record form until the outcome is saved, then what
// was recorded, its photos' and audio's progress to the server, and the check-out. A record the
// server refused is shown with the reason and can be corrected here, in the same form.
import { useState } from 'preact/hooks';
import type { SessionUser } from '../../../shared/schemas/auth.js';
import type { CaseDetail } from '../../../shared/schemas/cases.js';
import { useI18n } from '../../app/i18n/i18n.js';
import { followLink } from '../../app/router.js';
import { usePageTitle } from '../../app/usePageTitle.js';
import { Badge, Button, Loading, Notice } from '../../app/ui/ui.js';
import type { SyncEngine } from '../../sync/index.js';
import type { StoredPhoto, StoredVisit } from '../../sync/records.js';
import { currentFix } from '../check-in/geolocation.js';
import { syncStateOf, visitFileStatesOf } from '../day/day-plan.js';
import { storeChanged, useSyncProgress, useVisitAudio } from '../engine/collector-engine.js';
import { readVisit, useStoreQuery } from '../engine/store-reads.js';
import { photoCounts, visitRefusals } from './visit-view.js';
import { AudioBadges, AudioPrompt } from './VisitAudio.js';
import { VisitForm } from './VisitForm.js';
import styles from './VisitPage.module.css';

export function VisitPage({ visitId, search, user }: { visitId: string; search: string; user: SessionUser }) {
  const { t } = useI18n();
  usePageTitle(t.collector.visit.title);
  const query = useStoreQuery((db) => readVisit(db, visitId), [visitId]);
  // "Saved" is said only once the engine's transaction has committed (the check-in led here, or a save below).
  const [saved, setSaved] = useState(new URLSearchParams(search).get('saved') === '1');
  const data = query.data;
  return (
    <div class={styles.page}>
      {data?.visit && (
        <a class={styles.back} href={`/cases/${data.visit.caseId}`} onClick={followLink}>
          <span aria-hidden="true">‹</span> {t.collector.visit.backToCase}
        </a>
      )}
      {query.status === 'waiting' && <Loading />}
      {data && (!data.visit || !data.detail) && <Notice kind="error" title={t.collector.visit.notFound} />}
      {saved && <Notice kind="success" title={t.collector.visit.saved} />}
      {data?.visit && data.detail && query.engine && (
        <VisitView
          engine={query.engine}
          visit={data.visit}
          detail={data.detail}
          photos={data.photos}
          audioFiles={data.audio}
          collectorName={user.displayName}
          onSaved={() => {
            setSaved(true);
            storeChanged();
            query.engine?.requestSync('visit saved');
            window.scrollTo(0, 0);
          }}
        />
      )}
    </div>
  );
}

function VisitView({
  engine,
  visit,
  detail,
  photos,
  audioFiles,
  collectorName,
  onSaved,
}: {
  engine: SyncEngine;
  visit: StoredVisit;
  detail: CaseDetail;
  photos: StoredPhoto[];
  audioFiles: StoredPhoto[];
  collectorName: string;
  onSaved: () => void;
}) {
  const { t, dateTime, money } = useI18n();
  const v = t.collector.visit;
  const [checkingOut, setCheckingOut] = useState(false);
  const [correcting, setCorrecting] = useState(false);
  const recorder = useVisitAudio();
  const [failure, setFailure] = useState<string | null>(null);
  const address = detail.addresses.find((candidate) => candidate.id === visit.addressId);
  const progress = useSyncProgress();
  const state = syncStateOf([visit], visitFileStatesOf(progress));
  const counts = photoCounts(visit, photos);
  const record = visit.record?.mutation;
  // Refused for good: corrected in the form, filled in again (the refusal stays until the correction is taken).
  const refusedRecord = visit.record?.state === 'failed' ? visit.record.mutation : undefined;
  const fixing = correcting && refusedRecord !== undefined;
  // What the server refused of this visit, with its reason: never retried by itself, so it is said here.
  const refusals = visitRefusals(visit, progress?.failures ?? []);

  const checkOut = async () => {
    setCheckingOut(true);
    setFailure(null);
    try {
      // A position at check-out helps the review; without one the check-out still counts.
      const fix = await currentFix(undefined, 10_000);
      await engine.recordCheckOut({ visitId: visit.visitId, caseId: visit.caseId, ...(fix.ok ? { position: fix.position } : {}) });
      // The recording ends with the visit and goes to the engine like a photo.
      await recorder?.stop(visit.visitId);
      onSaved();
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setCheckingOut(false);
    }
  };

  return (
    <>
      <section class={styles.summary} aria-labelledby="visit-title">
        <h1 id="visit-title">{detail.debtorName}</h1>
        {address && <p class={styles.address}>{address.address}</p>}
        <div class={styles.badges}>
          {visit.checkIn && <span class="num">{v.checkedInAt(dateTime(visit.checkIn.mutation.checkedInAt, detail.timeZone))}</span>}
          <Badge tone={state === 'synced' ? 'green' : state === 'failed' ? 'red' : 'amber'}>{t.collector.syncState[state]}</Badge>
          {counts.expected > 0 && (
            <Badge tone={counts.received === counts.expected ? 'green' : 'neutral'}>
              {v.photoProgress(counts.received, counts.expected)}
            </Badge>
          )}
          <AudioBadges visit={visit} files={audioFiles} />
        </div>
      </section>
      <AudioPrompt visit={visit} detail={detail} />

      {refusals.map((reason) => (
        <Notice key={reason} kind="error" title={t.collector.syncState.failed} detail={reason} />
      ))}

      {record && !fixing ? (
        <section class={styles.recorded} aria-labelledby="recorded-title" data-testid="visit-record">
          <h2 id="recorded-title" class={styles.formTitle}>
            {v.recorded}
          </h2>
          <dl class={styles.facts}>
            <dt>{v.outcome}</dt>
            <dd>{t.collector.outcome[record.outcome]}</dd>
            <dt>{v.metPerson}</dt>
            <dd>{t.collector.metPerson[record.metPerson]}</dd>
            {record.promiseToPay && (
              <>
                <dt>{v.promiseAmount}</dt>
                <dd class="num">
                  {money(record.promiseToPay.amount)} · {record.promiseToPay.dueDate}
                </dd>
              </>
            )}
            {record.payment && (
              <>
                <dt>{v.paymentReference}</dt>
                <dd class="num">
                  {record.payment.reference} · {money(record.payment.amount)}
                </dd>
              </>
            )}
            {record.abilityWillingness && (
              <>
                <dt>{v.ability}</dt>
                <dd>{t.collector.ability[record.abilityWillingness]}</dd>
              </>
            )}
            {record.notes && (
              <>
                <dt>{v.notes}</dt>
                <dd>{record.notes}</dd>
              </>
            )}
          </dl>
          {refusedRecord && (
            <Button variant="primary" large block onClick={() => setCorrecting(true)}>
              {v.correct}
            </Button>
          )}
          {visit.checkOut ? (
            <p class={styles.checkedOut}>{v.checkedOut(dateTime(visit.checkOut.mutation.checkedOutAt, detail.timeZone))}</p>
          ) : (
            <Button variant="primary" large block busy={checkingOut} disabled={checkingOut} onClick={() => void checkOut()}>
              {checkingOut ? v.checkingOut : v.checkOut}
            </Button>
          )}
          {failure && <Notice kind="error" title={failure} />}
        </section>
      ) : (
        <VisitForm
          key={fixing ? refusedRecord.id : 'new'}
          engine={engine}
          detail={detail}
          visitId={visit.visitId}
          addressId={visit.addressId}
          position={visit.checkIn?.mutation.position ?? null}
          collectorName={collectorName}
          onSaved={() => {
            setCorrecting(false);
            onSaved();
          }}
          {...(fixing ? { refused: refusedRecord, onCancel: () => setCorrecting(false) } : {})}
        />
      )}
    </>
  );
}
