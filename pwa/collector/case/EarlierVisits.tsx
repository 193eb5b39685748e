// Visits to this case the server knows of (any collector's, newest first), as the pull brought them.
import type { CaseDetail } from '../../../shared/schemas/cases.js';
import { outcomes, type Outcome } from '../../../shared/outcomes.js';
import { useI18n } from '../../app/i18n/i18n.js';
import styles from './CollectorCasePage.module.css';

function isOutcome(value: string | null): value is Outcome {
  return value !== null && (outcomes as readonly string[]).includes(value);
}

export function EarlierVisits({ detail }: { detail: CaseDetail }) {
  const { t, dateTime } = useI18n();
  return (
    <section class={styles.section} aria-labelledby="earlier-visits-title">
      <h2 id="earlier-visits-title" class={styles.sectionTitle}>
        {t.collector.caseView.earlierVisits}
      </h2>
      {detail.previousVisits.length === 0 ? (
        <p class={styles.empty}>{t.collector.caseView.noEarlierVisits}</p>
      ) : (
        <ul class={styles.visits} data-testid="earlier-visits">
          {detail.previousVisits.map((visit) => (
            <li key={visit.id} class={styles.visit}>
              <span class={styles.visitMain}>
                <span class="num">{visit.checkedInAt ? dateTime(visit.checkedInAt, detail.timeZone) : t.common.dash}</span>
                <span class={styles.visitSub}>
                  {isOutcome(visit.outcome) ? t.collector.outcome[visit.outcome] : (visit.outcome ?? t.common.dash)} ·{' '}
                  {t.collector.caseView.earlierBy(visit.collectorName)}
                </span>
                {visit.notes && <span>{visit.notes}</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
