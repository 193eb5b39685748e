// The signals as a list: what, how grave, why, where, whose visit; links to the case and the visit
// under review, and acknowledgement of an open signal.
import { useEffect, useRef } from 'preact/hooks';
import type { RiskSeverity } from '../../shared/risk.js';
import type { RiskBoardItem } from '../../shared/schemas/risk.js';
import { useI18n } from '../app/i18n/i18n.js';
import { followLink } from '../app/router.js';
import { Badge, type BadgeTone, Button, cx, Empty } from '../app/ui/ui.js';
import { describeFinding } from './findings.js';
import { useRiskText } from './i18n/useRiskText.js';
import styles from './RiskPage.module.css';

export const severityTone: Record<RiskSeverity, BadgeTone> = { high: 'red', medium: 'orange', low: 'amber', info: 'blue' };
const levelTone = { low: 'green', medium: 'amber', high: 'red' } as const;

interface Props {
  items: readonly RiskBoardItem[];
  total: number;
  selectedId: string | null;
  acknowledging: ReadonlySet<string>;
  onSelect: (id: string) => void;
  onAcknowledge: (item: RiskBoardItem) => void;
}

export function SignalList({ items, total, selectedId, acknowledging, onSelect, onAcknowledge }: Props) {
  const r = useRiskText();
  const { t, money, dateTime, locale } = useI18n();
  const why = (item: RiskBoardItem) =>
    item.findings.length === 0
      ? item.reason
      : item.findings.map((f) => describeFinding(f, r, t, money)).join(locale === 'en' ? '; ' : '；');
  const list = useRef<HTMLOListElement>(null);

  // A signal chosen on the map is brought into view in the list.
  useEffect(() => {
    if (!selectedId) return;
    list.current?.querySelector(`[data-id="${selectedId}"]`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [selectedId]);

  if (items.length === 0) return <Empty title={r.list.empty} hint={r.list.emptyHint} />;
  return (
    <section aria-label={r.list.label}>
      {total > items.length && <p class={styles.truncated}>{r.list.truncated(items.length, total)}</p>}
      <ol ref={list} class={styles.list} data-testid="risk-list">
        {items.map((item) => (
          <li
            key={item.id}
            data-id={item.id}
            class={cx(styles.signal, item.id === selectedId && styles.selected)}
            data-severity={item.severity}
            onClick={() => onSelect(item.id)}
          >
            <div class={styles.signalHead}>
              <Badge tone={severityTone[item.severity]}>{r.severity[item.severity]}</Badge>
              <strong class={styles.signalType}>{r.type[item.type]}</strong>
              <span class={styles.signalAction}>→ {r.action[item.action]}</span>
              {item.caseRiskLevel && <Badge tone={levelTone[item.caseRiskLevel]}>{r.level[item.caseRiskLevel]}</Badge>}
            </div>
            <div class={styles.signalWho}>
              <span class={styles.debtor}>{item.debtorName}</span>
              <span class={styles.muted}>
                {item.creditor} · {item.caseExternalId}
              </span>
            </div>
            <div class={styles.muted}>{item.address}</div>
            <p class={styles.reason}>
              <span class={styles.reasonLabel}>{r.list.reasonLabel}</span>
              {why(item)}
            </p>
            <div class={styles.signalFoot}>
              <span class={styles.muted}>
                {r.list.raisedAt(dateTime(item.createdAt, item.timeZone))} · {r.list.who(item.collectorName, item.teamName)}
                {item.dueOn && ` · ${r.list.due(item.dueOn)}`}
                {item.acknowledgedAt && ` · ${r.list.acknowledgedBy(dateTime(item.acknowledgedAt, item.timeZone))}`}
              </span>
              <span class={styles.links}>
                <a href={`/cases/${item.caseId}`} onClick={followLink}>
                  {r.list.openCase}
                </a>
                <a href={`/review/visits/${item.visitId}`} onClick={followLink}>
                  {r.list.openVisit}
                </a>
                {item.status === 'open' && (
                  <Button
                    variant="secondary"
                    busy={acknowledging.has(item.id)}
                    disabled={acknowledging.has(item.id)}
                    onClick={(event) => {
                      event.stopPropagation();
                      onAcknowledge(item);
                    }}
                  >
                    {acknowledging.has(item.id) ? r.list.acknowledging : r.list.acknowledge}
                  </Button>
                )}
              </span>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
