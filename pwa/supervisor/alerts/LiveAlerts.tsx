// Live alerts for supervisors and admins, on every screen: a collector's SOS, a visit running far past
// its expected time, a check-in flagged high risk. Each stays until dismissed; a visit's alert links to its review.
import { useEffect, useState } from 'preact/hooks';
import type { AlertSignal, ReviewAlertSignal } from '../../../shared/events.js';
import { useI18n } from '../../app/i18n/i18n.js';
import { connectRealtime } from '../../app/realtime.js';
import { followLink } from '../../app/router.js';
import { useReviewText } from '../i18n/useReviewText.js';
import styles from './LiveAlerts.module.css';

type Shown = { id: string; sos: AlertSignal } | { id: string; review: ReviewAlertSignal };

/** The newest first, at most this many: older ones are in the queue and the audit anyway. */
const maxShown = 5;

export default function LiveAlerts() {
  const r = useReviewText();
  const { dateTime } = useI18n();
  const [alerts, setAlerts] = useState<Shown[]>([]);
  useEffect(() => {
    const socket = connectRealtime();
    const add = (alert: Shown) =>
      setAlerts((shown) => (shown.some((a) => a.id === alert.id) ? shown : [alert, ...shown].slice(0, maxShown)));
    socket.on('alert:raised', (sos) => add({ id: sos.alertId, sos }));
    socket.on('review:alert', (review) => add({ id: review.alertId, review }));
    return () => {
      socket.disconnect();
    };
  }, []);
  const dismiss = (id: string) => setAlerts((shown) => shown.filter((a) => a.id !== id));
  return (
    <section class={styles.stack} aria-label={r.alerts.region} aria-live="assertive" data-testid="live-alerts">
      {alerts.map((alert) => (
        <div key={alert.id} class={styles.alert} data-kind={'sos' in alert ? 'sos' : alert.review.kind} role="alert">
          <div class={styles.body}>
            {'sos' in alert ? (
              <>
                <strong>{r.alerts.sos(alert.sos.collectorName)}</strong>
                <span>{r.alerts.at(dateTime(alert.sos.raisedAt))}</span>
                {alert.sos.position && (
                  <span>
                    {r.alerts.position(
                      alert.sos.position.lat.toFixed(5),
                      alert.sos.position.lng.toFixed(5),
                      Math.round(alert.sos.position.accuracyM),
                    )}
                  </span>
                )}
                {alert.sos.note && <span>{alert.sos.note}</span>}
              </>
            ) : (
              <>
                <strong>
                  {alert.review.kind === 'overdue_visit'
                    ? r.alerts.overdue(alert.review.collectorName, alert.review.minutesOnSite ?? 0)
                    : r.alerts.highRisk(alert.review.collectorName)}
                </strong>
                {alert.review.codes.length > 0 && (
                  <span>{alert.review.codes.map((code) => r.flag[code as keyof typeof r.flag] ?? code).join('、')}</span>
                )}
                <span>{r.alerts.at(dateTime(alert.review.raisedAt))}</span>
                <a
                  href={`/review/visits/${alert.review.visitId}`}
                  onClick={(event) => {
                    followLink(event);
                    dismiss(alert.id);
                  }}
                >
                  {r.alerts.open}
                </a>
              </>
            )}
          </div>
          <button type="button" class={styles.close} onClick={() => dismiss(alert.id)} aria-label={r.alerts.dismiss}>
            ×
          </button>
        </div>
      ))}
    </section>
  );
}
