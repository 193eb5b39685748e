// The board's filters: team, types, severities, open or acknowledged, and the map's area.
import { type RiskSeverity, type RiskSignalType, riskSeverities, riskSignalTypes } from '../../shared/risk.js';
import type { TeamSummary } from '../../shared/schemas/directory.js';
import { Button, cx } from '../app/ui/ui.js';
import { type BoardFilters, noFilters } from './board-state.js';
import { useRiskText } from './i18n/useRiskText.js';
import styles from './RiskPage.module.css';

const toggle = <T,>(list: readonly T[], value: T): T[] => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

export function RiskFilters({
  filters,
  teams,
  onChange,
}: {
  filters: BoardFilters;
  teams: TeamSummary[];
  onChange: (next: BoardFilters) => void;
}) {
  const r = useRiskText();
  const chip = (active: boolean, label: string, onClick: () => void, severity?: RiskSeverity) => (
    <button
      key={label}
      type="button"
      class={cx(styles.chip, active && styles.chipOn)}
      aria-pressed={active}
      data-severity={severity}
      onClick={onClick}
    >
      {label}
    </button>
  );
  return (
    <div class={styles.filters} role="group" aria-label={r.filters.label}>
      <label class={styles.filterField}>
        <span>{r.filters.team}</span>
        <select value={filters.teamId ?? ''} onChange={(e) => onChange({ ...filters, teamId: e.currentTarget.value || null })}>
          <option value="">{r.filters.allTeams}</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </label>
      <div class={styles.filterField}>
        <span>{r.filters.status}</span>
        <div class={styles.chips}>
          {(['open', 'acknowledged'] as const).map((status) =>
            chip(filters.status === status, r.status[status], () => onChange({ ...filters, status })),
          )}
        </div>
      </div>
      <div class={styles.filterField}>
        <span>{r.filters.severity}</span>
        <div class={styles.chips}>
          {[...riskSeverities]
            .reverse()
            .map((severity) =>
              chip(
                filters.severities.includes(severity),
                r.severity[severity],
                () => onChange({ ...filters, severities: toggle(filters.severities, severity) }),
                severity,
              ),
            )}
        </div>
      </div>
      <div class={cx(styles.filterField, styles.types)}>
        <span>{r.filters.type}</span>
        <div class={styles.chips}>
          {riskSignalTypes.map((type: RiskSignalType) =>
            chip(filters.types.includes(type), r.type[type], () => onChange({ ...filters, types: toggle(filters.types, type) })),
          )}
        </div>
      </div>
      <label class={styles.inView}>
        <input type="checkbox" checked={filters.inView} onChange={(e) => onChange({ ...filters, inView: e.currentTarget.checked })} />
        {r.filters.inView}
      </label>
      <Button variant="ghost" onClick={() => onChange(noFilters)} disabled={JSON.stringify(filters) === JSON.stringify(noFilters)}>
        {r.filters.clear}
      </Button>
    </div>
  );
}
