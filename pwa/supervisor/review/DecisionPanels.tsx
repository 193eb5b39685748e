// The verdict (accept, reject with a reason, revisit with a reason, or an explicit change) and the
// settlement decision, with the review history under them. The server has the last word on who may
// decide; the buttons only follow what it said (mayDecide).
import { useState } from 'preact/hooks';
import type { VisitReview } from '../../../shared/schemas/review.js';
import { useI18n } from '../../app/i18n/i18n.js';
import { Button, ErrorNotice, Notice } from '../../app/ui/ui.js';
import { useReviewText } from '../i18n/useReviewText.js';
import { ReviewStatusBadge } from './badges.js';
import type { ReviewMessages } from '../i18n/zh-CN.js';
import { ReasonDialog } from './ReasonDialog.js';
import { postSettlement, postVerdict, type VerdictBody } from './review.api.js';
import styles from './VisitReview.module.css';

type Asking = { kind: 'reject' | 'revisit' | 'change'; verdict: VerdictBody['verdict'] } | null;

type Decided = (message: (r: ReviewMessages) => string) => void;

export function VerdictPanel({ review, onDecided }: { review: VisitReview; onDecided: Decided }) {
  const r = useReviewText();
  const { dateTime } = useI18n();
  const [asking, setAsking] = useState<Asking>(null);
  const [changing, setChanging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const history = review.review.history.filter((d) => d.subject === 'evidence');
  const standing = history.find((d) => d.current);
  const revisit = review.review.revisit;

  const send = async (verdict: VerdictBody['verdict'], reason?: string) => {
    const body: VerdictBody = { verdict, ...(reason ? { reason } : {}), ...(standing ? { replaces: standing.id } : {}) };
    const answer = await postVerdict(review.visit.id, body);
    setChanging(false);
    const decision = answer.decision.decision as 'accepted' | 'rejected' | 'revisit';
    onDecided((text) => text.verdict.done[decision]);
  };
  const accept = () => {
    if (standing) return setAsking({ kind: 'change', verdict: 'accept' });
    setBusy(true);
    setError(null);
    send('accept').then(
      () => setBusy(false),
      (failure: unknown) => {
        setBusy(false);
        setError(failure);
      },
    );
  };
  const ask = (verdict: 'reject' | 'revisit') => setAsking({ kind: standing ? 'change' : verdict, verdict });
  const open = review.mayDecide && (!standing || changing);

  return (
    <section class={styles.panel} aria-labelledby="verdict-title">
      <h2 id="verdict-title">
        {r.verdict.title} <ReviewStatusBadge status={review.review.status} />
      </h2>
      {standing && (
        <p class={styles.standing} data-testid="verdict-standing">
          {r.verdict.current(
            r.verdict.decision[standing.decision],
            standing.reviewer.name,
            dateTime(standing.decidedAt, review.case.timeZone),
          )}
          {standing.reason && <span class={styles.reason}>“{standing.reason}”</span>}
        </p>
      )}
      {revisit && (
        <Notice
          kind={revisit.status === 'open' ? 'warn' : 'info'}
          title={
            revisit.status === 'open'
              ? r.verdict.revisitOpen(revisit.reason)
              : revisit.status === 'done'
                ? r.verdict.revisitDone
                : r.verdict.revisitCancelled
          }
        />
      )}
      {!review.mayDecide && <Notice kind="info" title={r.verdict.own} />}
      {open && (
        <div class={styles.verdictButtons}>
          <Button variant="primary" onClick={accept} busy={busy} disabled={busy || standing?.decision === 'accepted'}>
            {r.verdict.accept}
          </Button>
          <Button variant="danger" onClick={() => ask('reject')} disabled={busy || standing?.decision === 'rejected'}>
            {r.verdict.reject}
          </Button>
          <Button
            onClick={() => ask('revisit')}
            disabled={busy || standing?.decision === 'revisit' || review.case.status === 'closed' || review.case.status === 'returned'}
          >
            {r.verdict.revisit}
          </Button>
        </div>
      )}
      {review.mayDecide && standing && !changing && (
        <Button variant="ghost" class={styles.changeButton} onClick={() => setChanging(true)}>
          {r.verdict.change}
        </Button>
      )}
      {error !== null && <ErrorNotice error={error} />}
      {asking && (
        <ReasonDialog
          title={r.verdict.reasonFor[asking.kind]}
          hint={r.verdict.reasonHint[asking.kind]}
          confirmLabel={asking.verdict === 'accept' ? r.verdict.accept : asking.verdict === 'reject' ? r.verdict.reject : r.verdict.revisit}
          danger={asking.verdict === 'reject'}
          onConfirm={(reason) => send(asking.verdict, reason)}
          onCancel={() => setAsking(null)}
        />
      )}
      <DecisionHistory review={review} />
    </section>
  );
}

function DecisionHistory({ review }: { review: VisitReview }) {
  const r = useReviewText();
  const { dateTime } = useI18n();
  const history = review.review.history;
  return (
    <details class={styles.history} open={history.length > 0}>
      <summary>{r.verdict.history}</summary>
      {history.length === 0 ? (
        <p class={styles.muted}>{r.verdict.noHistory}</p>
      ) : (
        <ol>
          {[...history].reverse().map((d) => (
            <li key={d.id} class={d.current ? undefined : styles.replaced}>
              <strong>{r.verdict.decision[d.decision]}</strong> · {d.reviewer.name} · {dateTime(d.decidedAt, review.case.timeZone)}
              {!d.current && ` ${r.verdict.replaced}`}
              {d.reason && <span class={styles.reason}>“{d.reason}”</span>}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}

export function SettlementPanel({ review, onDecided }: { review: VisitReview; onDecided: Decided }) {
  const r = useReviewText();
  const { money, date } = useI18n();
  const [asking, setAsking] = useState<'refuse' | 'approve' | null>(null);
  const [changing, setChanging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const settlement = review.settlement;
  if (!settlement) return null;
  const standing = review.review.history.find((d) => d.subject === 'settlement' && d.current);
  const send = async (decision: 'approve' | 'refuse', reason?: string) => {
    await postSettlement(review.visit.id, { decision, ...(reason ? { reason } : {}), ...(standing ? { replaces: standing.id } : {}) });
    setChanging(false);
    onDecided((text) => text.settlement.done[decision === 'approve' ? 'approved' : 'refused']);
  };
  const approve = () => {
    if (standing) return setAsking('approve');
    setBusy(true);
    setError(null);
    send('approve').then(
      () => setBusy(false),
      (failure: unknown) => {
        setBusy(false);
        setError(failure);
      },
    );
  };
  const discount = Math.round((1 - settlement.amount / settlement.totalOutstanding) * 100);
  return (
    <section class={styles.panel} aria-labelledby="settlement-title">
      <h2 id="settlement-title">
        {r.settlement.title}{' '}
        <span class={styles.settlementStatus} data-status={settlement.status}>
          {r.settlement.status[settlement.status]}
        </span>
      </h2>
      <p>
        {r.settlement.line(
          money(settlement.amount),
          money(settlement.totalOutstanding),
          date(`${settlement.dueDate}T12:00:00Z`, review.case.timeZone),
        )}
      </p>
      <p class={styles.muted}>{r.settlement.discount(discount)}</p>
      {standing?.reason && <p class={styles.reason}>“{standing.reason}”</p>}
      {review.mayDecide && (!standing || changing) && (
        <div class={styles.verdictButtons}>
          <Button variant="primary" onClick={approve} busy={busy} disabled={busy || standing?.decision === 'approved'}>
            {r.settlement.approve}
          </Button>
          <Button variant="danger" onClick={() => setAsking('refuse')} disabled={busy || standing?.decision === 'refused'}>
            {r.settlement.refuse}
          </Button>
        </div>
      )}
      {review.mayDecide && standing && !changing && (
        <Button variant="ghost" class={styles.changeButton} onClick={() => setChanging(true)}>
          {r.settlement.change}
        </Button>
      )}
      {error !== null && <ErrorNotice error={error} />}
      {asking && (
        <ReasonDialog
          title={standing ? r.settlement.changeReason : r.settlement.refuseReason}
          hint={r.verdict.reasonHint[standing ? 'change' : 'reject']}
          confirmLabel={asking === 'approve' ? r.settlement.approve : r.settlement.refuse}
          danger={asking === 'refuse'}
          onConfirm={(reason) => send(asking, reason)}
          onCancel={() => setAsking(null)}
        />
      )}
    </section>
  );
}
