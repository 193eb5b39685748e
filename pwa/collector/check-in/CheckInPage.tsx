// Check in at an address: one GPS fix, its accuracy and distance to the address, warnings beyond
// the geofence or with poor accuracy, and no check-in at all outside the debtor's visiting hours.
import { useEffect, useState } from 'preact/hooks';
import type { CaseDetail } from '../../../shared/schemas/cases.js';
import { useI18n } from '../../app/i18n/i18n.js';
import { followLink, navigate } from '../../app/router.js';
import { usePageTitle } from '../../app/usePageTitle.js';
import { Button, Loading, Notice, cx } from '../../app/ui/ui.js';
import { storeChanged, useVisitAudio } from '../engine/collector-engine.js';
import { readCase, useStoreQuery } from '../engine/store-reads.js';
import { assessFix, visitingTime, type DeviceRules } from './check-in-rules.js';
import { currentFix, type FixResult } from './geolocation.js';
import styles from './CheckInPage.module.css';
import type { SyncEngine } from '../../sync/index.js';

/** The wall clock, re-read every 30 s so the visiting-hours check never goes stale on an open page. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function CheckInPage({ caseId, search }: { caseId: string; search: string }) {
  const { t } = useI18n();
  usePageTitle(t.collector.checkIn.title);
  const query = useStoreQuery((db) => readCase(db, caseId), [caseId]);
  const data = query.data;
  const detail = data?.detail;
  return (
    <div class={styles.page}>
      <a class={styles.back} href={`/cases/${caseId}`} onClick={followLink}>
        <span aria-hidden="true">‹</span> {t.collector.visit.backToCase}
      </a>
      {query.status === 'waiting' && <Loading />}
      {data && !detail && <Notice kind="error" title={t.errors.notFound} detail={t.collector.caseView.notOnDevice} />}
      {data && detail && query.engine && (
        <CheckInForm
          detail={detail}
          engine={query.engine}
          rules={data.rules}
          initialAddressId={new URLSearchParams(search).get('address')}
        />
      )}
    </div>
  );
}

function CheckInForm({
  detail,
  engine,
  rules,
  initialAddressId,
}: {
  detail: CaseDetail;
  engine: SyncEngine;
  rules: DeviceRules;
  initialAddressId: string | null;
}) {
  const { t } = useI18n();
  const now = useNow();
  const [addressId, setAddressId] = useState(
    detail.addresses.find((address) => address.id === initialAddressId)?.id ?? detail.addresses[0]?.id ?? '',
  );
  const [fix, setFix] = useState<FixResult | null>(null);
  const [locating, setLocating] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const recorder = useVisitAudio();
  const address = detail.addresses.find((candidate) => candidate.id === addressId);
  const hours = visitingTime(now, detail.timeZone, detail.visitingHours);
  const assessment = fix?.ok && address ? assessFix(fix.position, address, rules) : null;

  const locate = () => {
    setLocating(true);
    setSaveError(null);
    void currentFix().then((result) => {
      setFix(result);
      setLocating(false);
    });
  };

  const checkIn = async () => {
    if (!fix?.ok || !address) return;
    // The clock moved since the page was drawn: the rule is applied at the moment of recording.
    if (!visitingTime(new Date(), detail.timeZone, detail.visitingHours).allowed) return;
    setSaving(true);
    setSaveError(null);
    try {
      const { visitId } = await engine.recordCheckIn({ caseId: detail.id, addressId: address.id, position: fix.position });
      // The creditor asks for the visit to be recorded from check-in to check-out (started within this tap).
      if (detail.recordAudio) void recorder?.start(visitId);
      storeChanged();
      engine.requestSync('checked in');
      navigate(`/visits/${visitId}?saved=1`);
    } catch (error) {
      setSaveError(error instanceof Error ? error.message : String(error));
      setSaving(false);
    }
  };

  const failureText =
    fix && !fix.ok
      ? t.collector.checkIn[
          fix.failure === 'denied'
            ? 'permissionDenied'
            : fix.failure === 'timeout'
              ? 'timeout'
              : fix.failure === 'unsupported'
                ? 'noGeolocation'
                : 'unavailable'
        ]
      : null;
  const flagged = assessment !== null && (assessment.farFromAddress || assessment.poorAccuracy);
  return (
    <section aria-labelledby="check-in-title" class={styles.form}>
      <h1 id="check-in-title">
        {t.collector.checkIn.title} · {detail.debtorName}
      </h1>

      <fieldset class={styles.addresses}>
        <legend>{t.collector.checkIn.address}</legend>
        {detail.addresses.map((candidate) => (
          <label key={candidate.id} class={cx(styles.choice, candidate.id === addressId && styles.chosen)}>
            <input
              type="radio"
              name="address"
              value={candidate.id}
              checked={candidate.id === addressId}
              onChange={() => setAddressId(candidate.id)}
            />
            <span>
              <strong>{t.addressKind[candidate.kind]}</strong> {candidate.address}
            </span>
          </label>
        ))}
      </fieldset>

      {hours.allowed ? (
        <p class={styles.clock}>{t.collector.checkIn.localTime(hours.localTime, hours.timeZone)}</p>
      ) : (
        <Notice
          kind="error"
          title={t.collector.checkIn.outsideHours(hours.localTime, hours.timeZone, hours.hours.start, hours.hours.end)}
        />
      )}

      {hours.allowed && (
        <>
          <Button large block variant={fix?.ok ? 'secondary' : 'primary'} onClick={locate} busy={locating} disabled={locating || saving}>
            {locating ? t.collector.checkIn.locating : fix ? t.collector.checkIn.relocate : t.collector.checkIn.locate}
          </Button>
          {failureText && <Notice kind="error" title={failureText} />}
          {assessment && (
            <div class={styles.fix} data-testid="fix">
              <span class={cx(styles.figure, assessment.farFromAddress && styles.bad)}>
                {t.collector.checkIn.distance(assessment.distanceM)}
              </span>
              <span class={cx(styles.figure, assessment.poorAccuracy && styles.bad)}>
                {t.collector.checkIn.accuracy(assessment.accuracyM)}
              </span>
            </div>
          )}
          {assessment?.farFromAddress && (
            <Notice kind="warn" title={t.collector.checkIn.farWarning(assessment.distanceM, rules.geofenceRadiusM)} />
          )}
          {assessment?.poorAccuracy && <Notice kind="warn" title={t.collector.checkIn.poorAccuracy(assessment.accuracyM)} />}
          {saveError && <Notice kind="error" title={saveError} />}
          {assessment && (
            <Button
              large
              block
              variant={flagged ? 'danger' : 'primary'}
              onClick={() => void checkIn()}
              busy={saving}
              disabled={saving || locating}
            >
              {saving ? t.collector.checkIn.saving : flagged ? t.collector.checkIn.confirmAnyway : t.collector.checkIn.confirm}
            </Button>
          )}
        </>
      )}
    </section>
  );
}
