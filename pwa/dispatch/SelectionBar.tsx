// What the dispatcher can do with the selected cases: plan them, assign them (or return them to the
// pool), or insert one urgently into today's published routes, and what came of it.
import { useState } from 'preact/hooks';
import type { CollectorSummary } from '../../shared/schemas/directory.js';
import type { UrgentResponse } from '../../shared/schemas/dispatch.js';
import { Button, ErrorNotice, Notice } from '../app/ui/ui.js';
import { assignCases, insertUrgent } from './dispatch.api.js';
import { useDispatchText } from './i18n/useDispatchText.js';
import type { DispatchMessages } from './i18n/zh-CN.js';
import styles from './DispatchPage.module.css';

// Kept as words to be said, so a change of language re-words what is shown.
type Outcome = { kind: 'success' | 'warn'; text: (d: DispatchMessages) => string } | { kind: 'error'; error: unknown } | null;

export function SelectionBar({
  selection,
  collectors,
  onClear,
  onPlan,
  onChanged,
  onUrgent,
}: {
  selection: ReadonlySet<string>;
  collectors: CollectorSummary[];
  onClear: () => void;
  onPlan: () => void;
  /** Cases changed on the server: refetch what shows them. */
  onChanged: () => void;
  onUrgent: (answer: Extract<UrgentResponse, { inserted: true }>) => void;
}) {
  const d = useDispatchText();
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState<'assign' | 'urgent' | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const ids = [...selection];
  const count = ids.length;

  const assign = () => {
    const collectorId = target === 'pool' ? null : target;
    setBusy('assign');
    setOutcome(null);
    assignCases(ids, collectorId)
      .then(
        (answer) => {
          setOutcome({
            kind: 'success',
            text: (m) => (collectorId ? m.selection.assigned(answer.assigned) : m.selection.returned(answer.unassigned)),
          });
          onChanged();
        },
        (error: unknown) => setOutcome({ kind: 'error', error }),
      )
      .finally(() => setBusy(null));
  };

  const urgent = () => {
    const [caseId] = ids;
    if (!caseId || count !== 1) return;
    setBusy('urgent');
    setOutcome(null);
    insertUrgent(caseId)
      .then(
        (answer) => {
          if (answer.inserted) {
            const name = collectors.find((c) => c.id === answer.collectorId)?.displayName ?? '';
            setOutcome({
              kind: 'success',
              text: (m) => m.selection.urgentDone(name, answer.position + 1, Math.round(answer.addedTravelSeconds / 60)),
            });
            onUrgent(answer);
            onChanged();
          } else {
            setOutcome({ kind: 'warn', text: (m) => m.selection.urgentRefused(m.plan.reason[answer.reason]) });
          }
        },
        (error: unknown) => setOutcome({ kind: 'error', error }),
      )
      .finally(() => setBusy(null));
  };

  return (
    <section class={styles.selection} aria-label={d.selection.title} data-testid="selection-bar">
      <div class={styles.selectionRow}>
        <strong aria-live="polite">{count > 0 ? d.selection.count(count) : d.selection.none}</strong>
        {count > 0 && (
          <>
            <Button variant="primary" onClick={onPlan}>
              {d.selection.plan}
            </Button>
            <span class={styles.assign}>
              <select
                aria-label={d.selection.assignTo}
                value={target}
                onChange={(e) => setTarget(e.currentTarget.value)}
                class={styles.select}
              >
                <option value="">{d.selection.assignTo}…</option>
                <option value="pool">{d.selection.pool}</option>
                {collectors.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.displayName}
                  </option>
                ))}
              </select>
              <Button onClick={assign} disabled={target === '' || busy !== null} busy={busy === 'assign'}>
                {busy === 'assign' ? d.selection.assigning : d.selection.assign}
              </Button>
            </span>
            <Button
              onClick={urgent}
              disabled={count !== 1 || busy !== null}
              busy={busy === 'urgent'}
              title={count !== 1 ? d.selection.urgentOne : undefined}
            >
              {busy === 'urgent' ? d.selection.inserting : d.selection.urgent}
            </Button>
            <Button variant="ghost" onClick={onClear}>
              {d.selection.clear}
            </Button>
          </>
        )}
      </div>
      {outcome?.kind === 'error' && <ErrorNotice error={outcome.error} />}
      {outcome && outcome.kind !== 'error' && <Notice kind={outcome.kind} title={outcome.text(d)} />}
    </section>
  );
}
