// The chosen stop in words, and every hand edit as a labelled control: move to a collector at a
// position, one earlier or later, pin, remove. The keyboard's way to do what dragging does.
import { useEffect, useState } from 'preact/hooks';
import type { PlanEdit, PlanView } from '../../../shared/schemas/dispatch.js';
import { Button } from '../../app/ui/ui.js';
import { useDispatchText } from '../i18n/useDispatchText.js';
import { nudge } from './plan-edits.js';
import { clock } from './timeline-geometry.js';
import styles from './Timeline.module.css';

export function StopInspector({
  plan,
  caseId,
  editable,
  onEdit,
}: {
  plan: PlanView;
  caseId: string | null;
  editable: boolean;
  onEdit: (edit: PlanEdit) => void;
}) {
  const d = useDispatchText();
  const route = plan.routes.find((r) => r.stops.some((s) => s.caseId === caseId));
  const index = route?.stops.findIndex((s) => s.caseId === caseId) ?? -1;
  const stop = route?.stops[index];
  const [target, setTarget] = useState(route?.collectorId ?? '');
  const [position, setPosition] = useState(1);
  useEffect(() => {
    setTarget(route?.collectorId ?? '');
    setPosition(index + 1);
  }, [caseId, route?.collectorId, index]);
  if (!route || !stop || !caseId) {
    return (
      <aside class={styles.inspector} aria-label={d.plan.timeline}>
        <p class={styles.hint}>{d.plan.inspector.none}</p>
      </aside>
    );
  }
  const zone = plan.timeZone;
  const targetRoute = plan.routes.find((r) => r.collectorId === target);
  const maxPosition = (targetRoute?.stops.length ?? 0) + (target === route.collectorId ? 0 : 1);
  const apply = (edit: PlanEdit | null) => edit && onEdit(edit);
  return (
    <aside class={styles.inspector} aria-label={stop.debtorName} data-testid="stop-inspector">
      <h3 class={styles.inspectorTitle}>
        {index + 1}. {stop.debtorName} <span class={styles.hint}>{route.collectorName}</span>
      </h3>
      <p class={styles.hint}>{stop.address}</p>
      <dl class={styles.times}>
        <dt>{d.plan.inspector.visit}</dt>
        <dd>
          {clock(stop.arrival, zone)}–{clock(stop.departure, zone)}
        </dd>
        <dt>{d.plan.inspector.window}</dt>
        <dd>
          {clock(stop.windowStart, zone)}–{clock(stop.windowEnd, zone)}
        </dd>
      </dl>
      {stop.lateSeconds > 0 && <p class={styles.lateText}>{d.plan.late(Math.ceil(stop.lateSeconds / 60))}</p>}
      {editable && (
        <>
          <div class={styles.controls}>
            <Button onClick={() => apply(nudge(plan, caseId, -1))} disabled={index === 0}>
              ↑ {d.plan.inspector.earlier}
            </Button>
            <Button onClick={() => apply(nudge(plan, caseId, 1))} disabled={index === route.stops.length - 1}>
              ↓ {d.plan.inspector.later}
            </Button>
            <Button onClick={() => onEdit({ op: 'pin', caseId, pinned: !stop.pinned })} aria-pressed={stop.pinned}>
              {stop.pinned ? d.plan.inspector.unpin : d.plan.inspector.pin}
            </Button>
            <Button variant="danger" onClick={() => onEdit({ op: 'remove', caseId })}>
              {d.plan.inspector.remove}
            </Button>
          </div>
          <div class={styles.moveRow}>
            <label>
              {d.plan.inspector.moveTo}
              <select value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
                {plan.routes.map((r) => (
                  <option key={r.collectorId} value={r.collectorId}>
                    {r.collectorName}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {d.plan.inspector.position}
              <input
                type="number"
                min={1}
                max={Math.max(1, maxPosition)}
                value={position}
                onInput={(e) => setPosition(Number(e.currentTarget.value) || 1)}
              />
            </label>
            <Button
              variant="primary"
              disabled={target === route.collectorId && position === index + 1}
              onClick={() =>
                onEdit({ op: 'move', caseId, collectorId: target, position: Math.min(Math.max(1, position), Math.max(1, maxPosition)) - 1 })
              }
            >
              {d.plan.inspector.move}
            </Button>
          </div>
        </>
      )}
    </aside>
  );
}
