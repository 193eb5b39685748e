// The draft in words: each collector's route in figures, the cases left out and why (each can be put
// back), and publishing: refused while a stop is late, confirmed before it goes, then what was sent.
import { useState } from 'preact/hooks';
import type { PlanEdit, PlanView } from '../../../shared/schemas/dispatch.js';
import { useI18n } from '../../app/i18n/i18n.js';
import { Button, ErrorNotice, Notice } from '../../app/ui/ui.js';
import { useDispatchText } from '../i18n/useDispatchText.js';
import { lateStops, stopCount } from './plan-edits.js';
import type { PlannerState } from './usePlanner.js';
import styles from './Plan.module.css';

export function PlanReview({
  plan,
  state,
  colourOf,
  caseLabel,
  onEdit,
  onPublish,
  onDiscard,
}: {
  plan: PlanView;
  state: Extract<PlannerState, { phase: 'review' | 'published' }>;
  colourOf: (collectorId: string) => string;
  caseLabel: (caseId: string) => string;
  onEdit: (edit: PlanEdit) => void;
  onPublish: () => void;
  onDiscard: () => void;
}) {
  const d = useDispatchText();
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [putBackTo, setPutBackTo] = useState<Record<string, string>>({});
  const late = lateStops(plan);
  const stops = stopCount(plan);
  const saving = state.phase === 'review' && state.editing.pending.length > 0;
  const published = state.phase === 'published';

  return (
    <section class={styles.review} aria-label={d.plan.reviewTitle} data-testid="plan-review">
      <h2 class={styles.heading}>{published ? d.plan.publishedTitle : d.plan.reviewTitle}</h2>
      <p class={styles.muted}>{d.plan.summary(plan.routes.length, stops, `${plan.servedValuePct.toFixed(1)}%`)}</p>
      <ul class={styles.routes}>
        {plan.routes.map((route) => (
          <li key={route.collectorId}>
            <span class={styles.swatch} style={{ background: colourOf(route.collectorId) }} aria-hidden="true" />
            <strong>{route.collectorName}</strong>
            <span class={styles.muted}>
              {d.plan.stops(route.stops.length)} · {d.plan.minutes(Math.round(route.travelSeconds / 60))} ·{' '}
              {d.plan.km((route.distanceM / 1000).toFixed(1))}
            </span>
          </li>
        ))}
      </ul>
      {saving && (
        <p class={styles.saving} role="status">
          {d.plan.saving}
        </p>
      )}
      {state.phase === 'review' && state.editError !== null && <ErrorNotice error={state.editError} />}
      {plan.unserved.length > 0 && (
        <details class={styles.unserved} open={plan.unserved.length <= 8}>
          <summary>{d.plan.unservedTitle(plan.unserved.length)}</summary>
          <ul>
            {plan.unserved.map((item) => (
              <li key={item.caseId}>
                <span>
                  <strong>{caseLabel(item.caseId)}</strong> — {d.plan.reason[item.reason]}
                </span>
                {!published && (
                  <span class={styles.putBack}>
                    <select
                      aria-label={`${d.plan.putBackTo} (${caseLabel(item.caseId)})`}
                      value={putBackTo[item.caseId] ?? ''}
                      onChange={(e) => setPutBackTo({ ...putBackTo, [item.caseId]: e.currentTarget.value })}
                    >
                      <option value="">{d.plan.putBackTo}…</option>
                      {plan.routes.map((route) => (
                        <option key={route.collectorId} value={route.collectorId}>
                          {route.collectorName}
                        </option>
                      ))}
                    </select>
                    <Button
                      disabled={!putBackTo[item.caseId]}
                      onClick={() => {
                        const collectorId = putBackTo[item.caseId];
                        const route = plan.routes.find((r) => r.collectorId === collectorId);
                        if (collectorId && route) onEdit({ op: 'move', caseId: item.caseId, collectorId, position: route.stops.length });
                      }}
                    >
                      {d.plan.putBack}
                    </Button>
                  </span>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
      {state.phase === 'published' ? (
        <>
          <Notice kind="success" title={d.plan.published(state.routes, state.cases)} />
          <Button onClick={onDiscard} block>
            {d.plan.newPlan}
          </Button>
        </>
      ) : (
        <>
          {late.length > 0 && <Notice kind="warn" title={d.plan.publishBlocked(late.length)} />}
          {state.publishError !== null && <ErrorNotice error={state.publishError} />}
          {confirming ? (
            <div class={styles.confirm} role="alertdialog" aria-labelledby="publish-confirm-title" aria-describedby="publish-confirm-body">
              <strong id="publish-confirm-title">{d.plan.confirmTitle}</strong>
              <p id="publish-confirm-body">{d.plan.confirmBody(plan.routes.filter((r) => r.stops.length > 0).length, stops)}</p>
              <div class={styles.confirmActions}>
                <Button
                  variant="primary"
                  busy={state.publishing}
                  disabled={state.publishing || saving || late.length > 0}
                  onClick={() => {
                    onPublish();
                    setConfirming(false);
                  }}
                  autoFocus
                >
                  {state.publishing ? d.plan.publishing : d.plan.confirm}
                </Button>
                <Button variant="ghost" onClick={() => setConfirming(false)}>
                  {t.common.cancel}
                </Button>
              </div>
            </div>
          ) : (
            <Button
              variant="primary"
              large
              block
              disabled={late.length > 0 || saving || state.publishing}
              busy={state.publishing}
              onClick={() => setConfirming(true)}
            >
              {state.publishing ? d.plan.publishing : d.plan.publish}
            </Button>
          )}
          <Button variant="ghost" block onClick={onDiscard}>
            {d.plan.discard}
          </Button>
        </>
      )}
    </section>
  );
}
