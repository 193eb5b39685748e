// The day's collectors as a list: where each was last seen and how long ago, and how far through
// their published route they are. A name shows the collector on the map.
import { useEffect, useState } from 'preact/hooks';
import { ErrorNotice } from '../../app/ui/ui.js';
import { useDispatchText } from '../i18n/useDispatchText.js';
import type { DayCollector } from '../map/people-layer.js';
import { ageOf, staleAfterMs } from './age.js';
import styles from './CollectorsPanel.module.css';

export function useAgeText(): (iso: string) => string {
  const d = useDispatchText();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return (iso) => {
    const age = ageOf(iso, now);
    return age.unit === 'now' ? d.day.age.now : d.day.age[age.unit](age.value);
  };
}

const collator = new Intl.Collator('zh-CN', { numeric: true });

export function CollectorsPanel({
  collectors,
  error,
  onRetry,
  colourOf,
  onShow,
}: {
  collectors: DayCollector[];
  error: unknown;
  onRetry: () => void;
  colourOf: (collectorId: string) => string;
  onShow: (collector: DayCollector) => void;
}) {
  const d = useDispatchText();
  const ageText = useAgeText();
  return (
    <section class={styles.panel} aria-label={d.day.title} data-testid="day-collectors">
      <h2 class={styles.title}>{d.day.title}</h2>
      {error !== null && <ErrorNotice error={error} onRetry={onRetry} />}
      {error !== null && <p class={styles.muted}>{d.day.unavailable}</p>}
      <ul class={styles.list}>
        {[...collectors]
          .sort((a, b) => collator.compare(a.displayName, b.displayName))
          .map((collector) => {
            const stops = collector.route?.stops ?? [];
            const done = stops.filter((s) => s.state === 'done').length;
            const current = stops.find((s) => s.state === 'current');
            const stale = collector.lastPosition ? Date.now() - Date.parse(collector.lastPosition.at) > staleAfterMs : true;
            return (
              <li key={collector.id} class={styles.item}>
                <button
                  type="button"
                  class={styles.name}
                  onClick={() => onShow(collector)}
                  aria-label={d.day.showOnMap(collector.displayName)}
                >
                  <span class={styles.swatch} style={{ background: colourOf(collector.id) }} aria-hidden="true" />
                  {collector.displayName}
                </button>
                <span class={styles.seen} data-stale={stale}>
                  {collector.lastPosition ? ageText(collector.lastPosition.at) : d.day.noPosition}
                </span>
                {stops.length > 0 ? (
                  <>
                    <span class={styles.progress} role="img" aria-label={d.day.progress(done, stops.length)}>
                      {stops.map((stop) => (
                        <span
                          key={stop.caseId}
                          data-state={stop.state}
                          style={{ '--c': colourOf(collector.id) }}
                          title={`${stop.sequence}. ${stop.debtorName} · ${d.day.state[stop.state]}`}
                        />
                      ))}
                    </span>
                    <span class={styles.muted}>
                      {d.day.progress(done, stops.length)}
                      {current && ` · ${d.day.current(current.debtorName)}`}
                    </span>
                  </>
                ) : (
                  <span class={styles.muted}>{d.day.noRoute}</span>
                )}
              </li>
            );
          })}
      </ul>
    </section>
  );
}
