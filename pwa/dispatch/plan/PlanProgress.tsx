// The planner at work: the best served share and the travel of the best solution so far over time, as
// small lines, with a cancel that aborts the request (the server stops the search).
import { useEffect, useState } from 'preact/hooks';
import { Button } from '../../app/ui/ui.js';
import { useDispatchText } from '../i18n/useDispatchText.js';
import { sparklinePoints, type ProgressPoint } from './sparkline.js';
import styles from './Plan.module.css';

const width = 280;
const height = 56;

export function PlanProgress({
  progress,
  startedAt,
  timeLimitS,
  scope,
  onCancel,
}: {
  progress: ProgressPoint[];
  startedAt: number;
  timeLimitS: number;
  scope: string;
  onCancel: () => void;
}) {
  const d = useDispatchText();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  const elapsed = Math.max(0, now - startedAt);
  const last = progress[progress.length - 1];
  const size = { width, height, durationMs: timeLimitS * 1000 };
  // The best so far holds until the next improvement: the line runs on to now.
  const line = last ? [...progress, { ...last, elapsedMs: Math.max(last.elapsedMs, elapsed) }] : progress;
  const pct = last ? `${last.servedValuePct.toFixed(1)}%` : '—';
  const minutes = last ? Math.round(last.travelSeconds / 60) : 0;
  return (
    <section class={styles.progress} aria-label={d.plan.running} aria-busy="true" data-testid="plan-progress">
      <h2 class={styles.heading}>{d.plan.running}</h2>
      <p class={styles.muted}>{scope}</p>
      <div
        class={styles.bar}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={timeLimitS}
        aria-valuenow={Math.min(timeLimitS, Math.round(elapsed / 1000))}
        aria-valuetext={d.plan.elapsed(Math.round(elapsed / 1000))}
      >
        <span style={{ width: `${Math.min(100, (elapsed / (timeLimitS * 1000)) * 100)}%` }} />
      </div>
      <p class={styles.muted}>{d.plan.elapsed(Math.round(elapsed / 1000))}</p>
      <dl class={styles.figures} aria-live="polite">
        <div>
          <dt>{d.plan.served}</dt>
          <dd data-testid="progress-served">{pct}</dd>
        </div>
        <div>
          <dt>{d.plan.travel}</dt>
          <dd>{last ? d.plan.minutes(minutes) : '—'}</dd>
        </div>
      </dl>
      {progress.length === 0 ? (
        <p class={styles.muted}>{d.plan.waiting}</p>
      ) : (
        <svg
          class={styles.chart}
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-label={d.plan.chartLabel(pct, minutes)}
          preserveAspectRatio="none"
        >
          <polyline
            points={sparklinePoints(line, 'servedValuePct', size)}
            fill="none"
            stroke="#059669"
            stroke-width="2"
            vector-effect="non-scaling-stroke"
          />
          <polyline
            points={sparklinePoints(line, 'travelSeconds', size)}
            fill="none"
            stroke="#2563eb"
            stroke-width="2"
            stroke-dasharray="4 3"
            vector-effect="non-scaling-stroke"
          />
        </svg>
      )}
      <p class={styles.legendLine}>
        <span class={styles.lineServed} aria-hidden="true" /> {d.plan.served} <span class={styles.lineTravel} aria-hidden="true" />{' '}
        {d.plan.travel}
      </p>
      <Button variant="danger" onClick={onCancel} block>
        {d.plan.cancel}
      </Button>
    </section>
  );
}
