// Planned arrival → check-in → photos → record → check-out, each with the phone's time and when the
// server received it, in the case's zone; the gap between the two is where a doubtful visit shows.
import type { VisitReview } from '../../../shared/schemas/review.js';
import { useI18n } from '../../app/i18n/i18n.js';
import { cx } from '../../app/ui/ui.js';
import { useReviewText } from '../i18n/useReviewText.js';
import styles from './VisitReview.module.css';

const clocks = new Map<string, Intl.DateTimeFormat>();

/** HH:MM:SS with the date when it differs from `day`, in `timeZone`. */
function clock(iso: string, timeZone: string, day: string | null): string {
  let format = clocks.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    clocks.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const time = `${parts.hour}:${parts.minute}:${parts.second}`;
  return date === day ? time : `${date} ${time}`;
}

const minutesBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 60_000);

export function Timeline({ review }: { review: VisitReview }) {
  const r = useReviewText();
  const { date } = useI18n();
  const zone = review.case.timeZone;
  const first = review.timeline.find((e) => e.deviceAt !== null)?.deviceAt ?? null;
  const day = first ? clock(first, zone, null).slice(0, 10) : null;
  const planned = review.timeline.find((e) => e.kind === 'planned_arrival')?.deviceAt ?? null;
  const photoNumber = new Map(review.photos.map((p, i) => [p.sha256, i + 1]));
  const note = (event: VisitReview['timeline'][number]): string | null => {
    if (event.kind === 'check_in' && planned && event.deviceAt) {
      const late = minutesBetween(planned, event.deviceAt);
      return late > 0 ? r.timeline.late(late) : late < 0 ? r.timeline.early(-late) : null;
    }
    if (event.kind === 'check_out' && review.checkIn && event.deviceAt)
      return r.timeline.onSite(minutesBetween(review.checkIn.at, event.deviceAt));
    return null;
  };
  return (
    <section class={styles.panel} aria-labelledby="timeline-title">
      <h2 id="timeline-title">
        {r.timeline.title}
        {first && <span class={styles.muted}> · {date(first, zone)}</span>}
      </h2>
      <table class={styles.timeline} data-testid="timeline">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">{r.timeline.device}</th>
            <th scope="col">{r.timeline.server}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {review.timeline.map((event, index) => (
            <tr key={`${event.kind}-${event.ref ?? index}`} class={cx(event.kind === 'planned_arrival' && styles.planned)}>
              <th scope="row">
                <span class={styles.dot} data-kind={event.kind} aria-hidden="true" />
                {r.timeline.kind[event.kind]}
                {event.kind === 'photo' && event.ref ? ` ${photoNumber.get(event.ref) ?? ''}` : ''}
              </th>
              <td class="num">{event.deviceAt ? clock(event.deviceAt, zone, day) : r.timeline.notReceived}</td>
              <td class="num">{event.serverAt ? clock(event.serverAt, zone, day) : r.timeline.notReceived}</td>
              <td class={styles.muted}>{note(event)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
