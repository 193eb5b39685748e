// What the collector recorded (outcome, who they met, family situation, notes, promise or payment),
// the check-in figures, the recording and the check-ins before and after this one.
import type { ComponentChildren } from 'preact';
import type { VisitReview } from '../../../shared/schemas/review.js';
import { useI18n } from '../../app/i18n/i18n.js';
import { useReviewText } from '../i18n/useReviewText.js';
import styles from './VisitReview.module.css';

function Row({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

export function VisitRecord({ review }: { review: VisitReview }) {
  const r = useReviewText();
  const { t, money, date, dateTime } = useI18n();
  const c = t.collector;
  const v = review.visit;
  const zone = review.case.timeZone;
  const family = v.familySituation;
  const familyLines = family
    ? [
        family.householdMembers !== undefined && `${c.visit.householdMembers} ${family.householdMembers}`,
        family.dependants !== undefined && `${c.visit.dependants} ${family.dependants}`,
        family.employment && `${c.visit.employment}：${c.employment[family.employment]}`,
        family.employer && `${c.visit.employer}：${family.employer}`,
        family.incomeSource && `${c.visit.incomeSource}：${c.incomeSource[family.incomeSource]}`,
        family.assetsSeen &&
          family.assetsSeen.length > 0 &&
          `${c.visit.assetsSeen}：${family.assetsSeen.map((a) => c.asset[a]).join('、')}`,
        family.health && `${c.visit.health}：${c.health[family.health]}`,
        family.notes,
      ].filter((line): line is string => typeof line === 'string' && line.length > 0)
    : [];
  const outcome = v.outcome ? (c.outcome[v.outcome as keyof typeof c.outcome] ?? v.outcome) : r.visit.none;
  const neighbour = (n: VisitReview['previousCheckIn']) =>
    n ? r.neighbours.line(n.debtorName, dateTime(n.checkedInAt, zone), (n.distanceM / 1000).toFixed(1), n.minutesApart) : r.neighbours.none;
  return (
    <section class={styles.panel} aria-labelledby="record-title">
      <h2 id="record-title">{r.visit.record}</h2>
      <dl class={styles.facts2}>
        <Row label={r.visit.outcome}>{outcome}</Row>
        {v.metPerson && <Row label={r.visit.metPerson}>{c.metPerson[v.metPerson]}</Row>}
        {v.thirdPartyStatement && <Row label={r.visit.thirdParty}>{v.thirdPartyStatement}</Row>}
        {v.abilityWillingness && <Row label={r.visit.ability}>{c.ability[v.abilityWillingness]}</Row>}
        {familyLines.length > 0 && (
          <Row label={r.visit.family}>
            {familyLines.map((line) => (
              <span key={line} class={styles.line}>
                {line}
              </span>
            ))}
          </Row>
        )}
        {v.notes && <Row label={r.visit.notes}>{v.notes}</Row>}
        {v.newPhone && <Row label={r.visit.newPhone}>{v.newPhone}</Row>}
        {v.promise && (
          <Row label={r.visit.promise}>{r.visit.promiseLine(money(v.promise.amount), date(`${v.promise.dueDate}T12:00:00Z`, zone))}</Row>
        )}
        {v.payment && (
          <Row label={r.visit.payment}>{r.visit.paymentLine(money(v.payment.amount), v.payment.channel, v.payment.reference)}</Row>
        )}
        <Row label={r.visit.checkIn}>
          {review.checkIn ? r.visit.checkInLine(review.checkIn.distanceM, Math.round(review.checkIn.accuracyM)) : r.visit.noCheckIn}
          {v.deviceClockSkewS !== null && Math.abs(v.deviceClockSkewS) >= 60 && (
            <span class={styles.line}>{r.visit.skew(Math.round(v.deviceClockSkewS))}</span>
          )}
        </Row>
        {review.audio.length > 0 && (
          <Row label={r.audio.title}>
            {review.audio.map((piece, index) => (
              <span key={piece.sha256} class={styles.line}>
                {r.audio.piece(index + 1, Math.round(piece.durationS / 60))}
                {!piece.complete && r.audio.incomplete}
                {piece.arrived ? (
                  <audio class={styles.audio} controls preload="none" src={`/api/photos/${piece.sha256}`} />
                ) : (
                  ` · ${r.audio.notArrived}`
                )}
              </span>
            ))}
          </Row>
        )}
        <Row label={r.neighbours.previous}>{neighbour(review.previousCheckIn)}</Row>
        <Row label={r.neighbours.next}>{neighbour(review.nextCheckIn)}</Row>
      </dl>
    </section>
  );
}
