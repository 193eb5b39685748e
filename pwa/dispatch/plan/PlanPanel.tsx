// The plan tab: setup, then the running search, then the draft under review (or what was published).
import type { CollectorSummary, TeamSummary } from '../../../shared/schemas/directory.js';
import { ErrorNotice, Notice } from '../../app/ui/ui.js';
import { useDispatchText } from '../i18n/useDispatchText.js';
import { PlanProgress } from './PlanProgress.js';
import { PlanReview } from './PlanReview.js';
import { PlanSetup, type PlanSetupValue } from './PlanSetup.js';
import type { Planner } from './usePlanner.js';

export function PlanPanel({
  planner,
  collectors,
  teams,
  setup,
  onSetup,
  selectionCount,
  areaCount,
  colourOf,
  caseLabel,
  onRun,
}: {
  planner: Planner;
  collectors: CollectorSummary[];
  teams: TeamSummary[];
  setup: PlanSetupValue;
  onSetup: (value: PlanSetupValue) => void;
  selectionCount: number;
  areaCount: number;
  colourOf: (collectorId: string) => string;
  caseLabel: (caseId: string) => string;
  onRun: () => void;
}) {
  const d = useDispatchText();
  const { state, plan } = planner;
  if (state.phase === 'running')
    return (
      <PlanProgress
        progress={state.progress}
        startedAt={state.startedAt}
        timeLimitS={state.timeLimitS}
        scope={d.plan.scope(state.cases, state.collectors)}
        onCancel={planner.cancel}
      />
    );
  if ((state.phase === 'review' || state.phase === 'published') && plan) {
    return (
      <PlanReview
        plan={plan}
        state={state}
        colourOf={colourOf}
        caseLabel={caseLabel}
        onEdit={planner.edit}
        onPublish={planner.publish}
        onDiscard={planner.discard}
      />
    );
  }
  return (
    <>
      {state.phase === 'setup' && state.cancelled && <Notice kind="info" title={d.plan.cancelled} />}
      {state.phase === 'setup' && state.error !== null && <ErrorNotice error={state.error} onRetry={onRun} />}
      <PlanSetup
        collectors={collectors}
        teams={teams}
        value={setup}
        onChange={onSetup}
        selectionCount={selectionCount}
        areaCount={areaCount}
        colourOf={colourOf}
        onRun={onRun}
      />
    </>
  );
}
