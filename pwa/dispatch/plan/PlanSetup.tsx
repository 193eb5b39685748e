// Choosing what to plan: the collectors (by team, with select-all), the cases (the selection or every
// open case in the map's area) and how long the planner may search.
import { useState } from 'preact/hooks';
import type { CollectorSummary, TeamSummary } from '../../../shared/schemas/directory.js';
import { Button, Notice } from '../../app/ui/ui.js';
import { useDispatchText } from '../i18n/useDispatchText.js';
import styles from './Plan.module.css';

export type CaseSource = 'selection' | 'area';

export interface PlanSetupValue {
  collectorIds: string[];
  source: CaseSource;
  timeLimitS: number;
}

/** The planner takes at most this many cases at once (createPlanRequest). */
export const maxPlanCases = 5_000;

export function PlanSetup({
  collectors,
  teams,
  value,
  onChange,
  selectionCount,
  areaCount,
  colourOf,
  onRun,
}: {
  collectors: CollectorSummary[];
  teams: TeamSummary[];
  value: PlanSetupValue;
  onChange: (value: PlanSetupValue) => void;
  selectionCount: number;
  areaCount: number;
  colourOf: (collectorId: string) => string;
  onRun: () => void;
}) {
  const d = useDispatchText();
  const [tried, setTried] = useState(false);
  const groups = [...teams.map((team) => ({ id: team.id, name: team.name })), { id: null, name: d.plan.noTeam }]
    .map((team) => ({ ...team, members: collectors.filter((c) => c.teamId === team.id && !c.disabled) }))
    .filter((team) => team.members.length > 0);
  const chosen = new Set(value.collectorIds);
  const setChosen = (ids: string[], on: boolean) => {
    const next = new Set(chosen);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    onChange({ ...value, collectorIds: collectors.filter((c) => next.has(c.id)).map((c) => c.id) });
  };
  const caseCount = value.source === 'selection' ? selectionCount : areaCount;
  const problem =
    value.collectorIds.length === 0
      ? d.plan.noCollectors
      : caseCount === 0
        ? d.plan.noCases
        : caseCount > maxPlanCases
          ? d.plan.tooMany(caseCount, maxPlanCases)
          : null;
  const run = (event: Event) => {
    event.preventDefault();
    setTried(true);
    if (!problem) onRun();
  };

  return (
    <form class={styles.setup} onSubmit={run} aria-label={d.plan.setupTitle} noValidate>
      <h2 class={styles.heading}>{d.plan.setupTitle}</h2>
      <fieldset class={styles.group}>
        <legend>
          {d.plan.collectors} <span class={styles.muted}>{d.plan.chosen(value.collectorIds.length)}</span>
        </legend>
        {groups.map((team) => {
          const ids = team.members.map((m) => m.id);
          const all = ids.every((id) => chosen.has(id));
          const some = !all && ids.some((id) => chosen.has(id));
          return (
            <div key={team.id ?? 'none'} class={styles.team}>
              <label class={styles.teamName}>
                <input
                  type="checkbox"
                  checked={all}
                  ref={(el) => {
                    if (el) el.indeterminate = some;
                  }}
                  onChange={(e) => setChosen(ids, e.currentTarget.checked)}
                />
                {d.plan.selectTeam(team.name)}
              </label>
              <div class={styles.members}>
                {team.members.map((member) => (
                  <label key={member.id} class={styles.member}>
                    <input
                      type="checkbox"
                      checked={chosen.has(member.id)}
                      onChange={(e) => setChosen([member.id], e.currentTarget.checked)}
                    />
                    <span class={styles.swatch} style={{ background: colourOf(member.id) }} aria-hidden="true" />
                    {member.displayName}
                  </label>
                ))}
              </div>
            </div>
          );
        })}
      </fieldset>
      <fieldset class={styles.group}>
        <legend>{d.plan.cases}</legend>
        <label class={styles.member}>
          <input
            type="radio"
            name="source"
            checked={value.source === 'selection'}
            onChange={() => onChange({ ...value, source: 'selection' })}
          />
          {d.plan.useSelection(selectionCount)}
        </label>
        <label class={styles.member}>
          <input type="radio" name="source" checked={value.source === 'area'} onChange={() => onChange({ ...value, source: 'area' })} />
          {d.plan.useArea} ({areaCount.toLocaleString()})
        </label>
      </fieldset>
      <label class={styles.inline}>
        {d.plan.timeLimit}
        <input
          type="number"
          min={1}
          max={60}
          class={styles.number}
          value={value.timeLimitS}
          onInput={(e) => onChange({ ...value, timeLimitS: Math.min(60, Math.max(1, Math.round(Number(e.currentTarget.value) || 1))) })}
        />
      </label>
      {tried && problem && <Notice kind="warn" title={problem} />}
      <Button type="submit" variant="primary" large block>
        {d.plan.run}
      </Button>
    </form>
  );
}
