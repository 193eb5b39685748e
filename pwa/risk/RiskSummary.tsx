// How many signals of each type and severity, and per team; choosing a cell filters to it.
import { type RiskSeverity, type RiskSignalType, riskSeverities, riskSignalTypes } from '../../shared/risk.js';
import type { RiskBoardResponse } from '../../shared/schemas/risk.js';
import { cx } from '../app/ui/ui.js';
import { summarise } from './board-state.js';
import { useRiskText } from './i18n/useRiskText.js';
import styles from './RiskPage.module.css';

const gravestFirst = [...riskSeverities].reverse();

interface Props {
  counts: RiskBoardResponse['counts'];
  onPick: (type: RiskSignalType, severity: RiskSeverity) => void;
  onTeam: (teamId: string | null) => void;
}

export function RiskSummary({ counts, onPick, onTeam }: Props) {
  const r = useRiskText();
  const { matrix, teams } = summarise(counts);
  const total = (type: RiskSignalType) => [...(matrix.get(type)?.values() ?? [])].reduce((a, b) => a + b, 0);
  return (
    <div class={styles.summary}>
      <table class={styles.matrix} data-testid="risk-matrix">
        <caption>{r.summary.title}</caption>
        <thead>
          <tr>
            <th scope="col">{r.summary.type}</th>
            {gravestFirst.map((severity) => (
              <th scope="col" key={severity} class="num">
                {r.severity[severity]}
              </th>
            ))}
            <th scope="col" class="num">
              {r.summary.total}
            </th>
          </tr>
        </thead>
        <tbody>
          {riskSignalTypes.map((type) => (
            <tr key={type} class={cx(total(type) === 0 && styles.quiet)}>
              <th scope="row">{r.type[type]}</th>
              {gravestFirst.map((severity) => {
                const n = matrix.get(type)?.get(severity) ?? 0;
                return (
                  <td key={severity} class="num" data-severity={n > 0 ? severity : undefined}>
                    {n > 0 ? (
                      <button
                        type="button"
                        class={styles.cell}
                        title={r.summary.pick(r.type[type], r.severity[severity], n)}
                        onClick={() => onPick(type, severity)}
                      >
                        {n}
                      </button>
                    ) : (
                      <span class={styles.zero}>·</span>
                    )}
                  </td>
                );
              })}
              <td class="num">{total(type)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table class={styles.matrix} data-testid="risk-teams">
        <caption>{r.summary.byTeam}</caption>
        <thead>
          <tr>
            <th scope="col">{r.filters.team}</th>
            {gravestFirst.map((severity) => (
              <th scope="col" key={severity} class="num">
                {r.severity[severity]}
              </th>
            ))}
            <th scope="col" class="num">
              {r.summary.total}
            </th>
          </tr>
        </thead>
        <tbody>
          {teams.map((team) => (
            <tr key={team.teamId ?? 'none'}>
              <th scope="row">
                <button type="button" class={styles.cell} onClick={() => onTeam(team.teamId)}>
                  {team.teamName ?? r.summary.noTeam}
                </button>
              </th>
              {gravestFirst.map((severity) => (
                <td
                  key={severity}
                  class="num"
                  data-severity={team.bySeverity.get(severity) ? severity : undefined}
                  title={r.severity[severity]}
                >
                  {team.bySeverity.get(severity) ?? <span class={styles.zero}>·</span>}
                </td>
              ))}
              <td class="num">{team.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
