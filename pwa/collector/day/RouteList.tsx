// The day's stops as large cards: who, how much, how late, where, when, and where the record stands.
import { useI18n } from '../../app/i18n/i18n.js';
import { followLink } from '../../app/router.js';
import { Badge, type BadgeTone } from '../../app/ui/ui.js';
import type { DayStop, StopProgress, StopSyncState } from './day-plan.js';
import { clockIn } from './format.js';
import styles from './DayPage.module.css';

const progressTones: Record<StopProgress, BadgeTone> = { todo: 'neutral', checkedIn: 'blue', recorded: 'blue', checkedOut: 'green' };
const syncTones: Record<Exclude<StopSyncState, 'none'>, BadgeTone> = { pending: 'amber', synced: 'green', failed: 'red' };

export function RouteList({ stops }: { stops: DayStop[] }) {
  return (
    <ol class={styles.list} data-testid="my-cases">
      {stops.map((stop) => (
        <li key={`${stop.caseId}:${stop.addressId}`}>
          <StopCard stop={stop} />
        </li>
      ))}
    </ol>
  );
}

function StopCard({ stop }: { stop: DayStop }) {
  const { t, money } = useI18n();
  return (
    <a class={styles.card} href={`/cases/${stop.caseId}`} onClick={followLink} data-sync={stop.syncState}>
      <div class={styles.row}>
        <span class={styles.number} aria-hidden="true">
          {stop.number}
        </span>
        <span class={styles.name}>{stop.debtorName}</span>
        <span class={`${styles.amount} num`}>{money(stop.totalOutstanding)}</span>
      </div>
      <div class={styles.address}>
        <svg class={styles.pin} viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
          <path
            fill="currentColor"
            d="M12 2a7 7 0 0 0-7 7c0 5.2 7 13 7 13s7-7.8 7-13a7 7 0 0 0-7-7Zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5Z"
          />
        </svg>
        <span>{stop.address}</span>
      </div>
      <div class={styles.meta}>
        <span class={`${styles.dpd} num`}>{t.cases.days(stop.daysPastDue)}</span>
        {stop.window && (
          <span class={`${styles.window} num`}>
            {t.collector.day.window(clockIn(stop.window.start, stop.timeZone), clockIn(stop.window.end, stop.timeZone))}
          </span>
        )}
        {stop.plannedArrival && <span class="num">{t.collector.day.planned(clockIn(stop.plannedArrival, stop.timeZone))}</span>}
        <Badge tone={progressTones[stop.progress]}>{t.collector.progress[stop.progress]}</Badge>
        {stop.syncState !== 'none' && <Badge tone={syncTones[stop.syncState]}>{t.collector.syncState[stop.syncState]}</Badge>}
      </div>
    </a>
  );
}
