// Each collector's day as a horizontal track in the plan's zone: a block per visit (red when it ends
// after its window), the chosen stop's window as a pale band. Stops are dragged within or between
// tracks; the inspector below offers the same edits as buttons for the keyboard.
import { useRef } from 'preact/hooks';
import type { PlanEdit, PlanView } from '../../../shared/schemas/dispatch.js';
import { cx } from '../../app/ui/ui.js';
import { useDispatchText } from '../i18n/useDispatchText.js';
import { StopInspector } from './StopInspector.js';
import { clock, dropPosition, hourTicks, stopGeometry, timelineRange } from './timeline-geometry.js';
import styles from './Timeline.module.css';

const pct = (f: number) => `${(f * 100).toFixed(3)}%`;

export function Timeline({
  plan,
  editable,
  chosen,
  onChoose,
  onEdit,
  colourOf,
}: {
  plan: PlanView;
  editable: boolean;
  chosen: string | null;
  onChoose: (caseId: string | null) => void;
  onEdit: (edit: PlanEdit) => void;
  colourOf: (collectorId: string) => string;
}) {
  const d = useDispatchText();
  const dragged = useRef<string | null>(null);
  const allStops = plan.routes.flatMap((r) => r.stops);
  const range = timelineRange(allStops, plan.serviceDate, plan.timeZone);
  const ticks = hourTicks(range, plan.timeZone);
  const chosenStop = allStops.find((s) => s.caseId === chosen) ?? null;

  const drop = (event: DragEvent, collectorId: string) => {
    event.preventDefault();
    const caseId = dragged.current ?? event.dataTransfer?.getData('text/plain') ?? '';
    dragged.current = null;
    const route = plan.routes.find((r) => r.collectorId === collectorId);
    if (!caseId || !route) return;
    const rect = (event.currentTarget as HTMLElement).getBoundingClientRect();
    const at = (event.clientX - rect.left) / rect.width;
    const centres = route.stops
      .filter((s) => s.caseId !== caseId)
      .map((s) => {
        const g = stopGeometry(range, s);
        return g.visitLeft + g.visitWidth / 2;
      });
    const position = dropPosition(centres, at);
    const from = route.stops.findIndex((s) => s.caseId === caseId);
    if (from === position) return;
    onEdit({ op: 'move', caseId, collectorId, position });
    onChoose(caseId);
  };

  return (
    <section class={styles.timeline} aria-label={d.plan.timeline} data-testid="plan-timeline">
      <div class={styles.head}>
        <h2 class={styles.title}>{d.plan.timeline}</h2>
        {editable && <span class={styles.hint}>{d.plan.timelineHint}</span>}
        <span class={styles.zone}>{d.plan.timeZone(plan.timeZone)}</span>
      </div>
      <div class={styles.body}>
        <div class={styles.grid}>
          <div class={styles.axis} aria-hidden="true">
            {ticks.map((tick) => (
              <span key={tick.at} style={{ left: pct(tick.fraction) }}>
                {tick.label}
              </span>
            ))}
          </div>
          {plan.routes.map((route) => {
            const colour = colourOf(route.collectorId);
            return (
              <div key={route.collectorId} class={styles.row} data-testid="timeline-row" data-collector={route.collectorName}>
                <div class={styles.label}>
                  <span class={styles.swatch} style={{ background: colour }} aria-hidden="true" />
                  <span class={styles.name}>{route.collectorName}</span>
                  <span class={styles.count}>{d.plan.stops(route.stops.length)}</span>
                </div>
                <div
                  class={styles.track}
                  onDragOver={(event) => {
                    if (editable) event.preventDefault();
                  }}
                  onDrop={(event) => editable && drop(event, route.collectorId)}
                >
                  {ticks.map((tick) => (
                    <span key={tick.at} class={styles.gridLine} style={{ left: pct(tick.fraction) }} aria-hidden="true" />
                  ))}
                  {chosenStop && route.stops.includes(chosenStop) && (
                    <span
                      class={styles.window}
                      style={{
                        left: pct(stopGeometry(range, chosenStop).windowLeft),
                        width: pct(stopGeometry(range, chosenStop).windowWidth),
                      }}
                      aria-hidden="true"
                    />
                  )}
                  {route.stops.length === 0 && <span class={styles.empty}>{d.plan.emptyRoute}</span>}
                  {route.stops.map((stop, k) => {
                    const g = stopGeometry(range, stop);
                    const isLate = stop.lateSeconds > 0;
                    const windowText = `${clock(stop.windowStart, plan.timeZone)}–${clock(stop.windowEnd, plan.timeZone)}`;
                    const label = `${d.plan.stopLabel(k + 1, stop.debtorName, clock(stop.arrival, plan.timeZone), windowText)}${isLate ? `，${d.plan.late(Math.ceil(stop.lateSeconds / 60))}` : ''}${stop.pinned ? `，${d.plan.pinned}` : ''}`;
                    return (
                      <button
                        key={stop.caseId}
                        type="button"
                        class={cx(styles.stop, isLate && styles.late, stop.caseId === chosen && styles.chosen)}
                        style={{ left: pct(g.visitLeft), width: pct(g.visitWidth), '--c': colour }}
                        draggable={editable}
                        onDragStart={(event) => {
                          dragged.current = stop.caseId;
                          event.dataTransfer?.setData('text/plain', stop.caseId);
                        }}
                        onClick={() => onChoose(stop.caseId === chosen ? null : stop.caseId)}
                        aria-pressed={stop.caseId === chosen}
                        aria-label={label}
                        title={label}
                        data-case={stop.caseId}
                        data-arrival={clock(stop.arrival, plan.timeZone)}
                      >
                        {stop.pinned ? '📌' : ''}
                        {k + 1}
                      </button>
                    );
                  })}
                </div>
              </div>
            );
          })}
        </div>
        <StopInspector plan={plan} caseId={chosen} editable={editable} onEdit={onEdit} />
      </div>
    </section>
  );
}
