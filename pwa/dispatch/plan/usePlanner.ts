// A day's plan from request to publication: the search with its live progress (cancellable), the
// draft under hand edits (sent one after another, shown at once), and publishing.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CreatePlanRequest, PlanEdit, PlanView } from '../../../shared/schemas/dispatch.js';
import type { RealtimeSocket } from '../../app/realtime.js';
import { createPlan, editPlan, publishPlan } from '../dispatch.api.js';
import { shownPlan, type EditingPlan } from './plan-edits.js';
import type { ProgressPoint } from './sparkline.js';

export type PlannerState =
  | { phase: 'setup'; error: unknown; cancelled: boolean }
  | { phase: 'running'; progress: ProgressPoint[]; startedAt: number; timeLimitS: number; cases: number; collectors: number }
  | { phase: 'review'; editing: EditingPlan; editError: unknown; publishing: boolean; publishError: unknown }
  | { phase: 'published'; plan: PlanView; routes: number; cases: number };

export interface Planner {
  state: PlannerState;
  /** The plan as shown: the server's last answer with the edits on their way applied. */
  plan: PlanView | null;
  run: (request: CreatePlanRequest) => void;
  cancel: () => void;
  edit: (edit: PlanEdit) => void;
  publish: () => void;
  discard: () => void;
}

const setup: PlannerState = { phase: 'setup', error: null, cancelled: false };

export function usePlanner(socket: RealtimeSocket | null): Planner {
  const [state, setState] = useState<PlannerState>(setup);
  const controller = useRef<AbortController | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  // Edits queued behind one that failed are dropped: they were made on a plan the server never had.
  const generation = useRef(0);

  useEffect(() => {
    if (!socket) return;
    const onProgress = (progress: ProgressPoint & { requestId: string }) =>
      setState((previous) =>
        previous.phase === 'running'
          ? {
              ...previous,
              progress: [
                ...previous.progress,
                { elapsedMs: progress.elapsedMs, servedValuePct: progress.servedValuePct, travelSeconds: progress.travelSeconds },
              ],
            }
          : previous,
      );
    socket.on('plan:progress', onProgress);
    return () => {
      socket.off('plan:progress', onProgress);
    };
  }, [socket]);

  useEffect(() => () => controller.current?.abort(), []);

  const run = (request: CreatePlanRequest) => {
    const abort = new AbortController();
    controller.current = abort;
    setState({
      phase: 'running',
      progress: [],
      startedAt: Date.now(),
      timeLimitS: request.timeLimitS ?? 10,
      cases: request.caseIds?.length ?? 0,
      collectors: request.collectorIds.length,
    });
    createPlan(request, abort.signal).then(
      (plan) => {
        generation.current += 1;
        setState({ phase: 'review', editing: { confirmed: plan, pending: [] }, editError: null, publishing: false, publishError: null });
      },
      (error: unknown) =>
        setState(abort.signal.aborted ? { phase: 'setup', error: null, cancelled: true } : { phase: 'setup', error, cancelled: false }),
    );
  };

  const edit = (change: PlanEdit) => {
    if (state.phase !== 'review') return;
    const planId = state.editing.confirmed.id;
    const mine = generation.current;
    setState((previous) =>
      previous.phase === 'review'
        ? { ...previous, editing: { ...previous.editing, pending: [...previous.editing.pending, change] }, editError: null }
        : previous,
    );
    queue.current = queue.current.then(async () => {
      if (generation.current !== mine) return;
      try {
        const answer = await editPlan(planId, change);
        setState((previous) =>
          previous.phase === 'review'
            ? { ...previous, editing: { confirmed: answer, pending: previous.editing.pending.slice(1) } }
            : previous,
        );
      } catch (error) {
        generation.current += 1;
        setState((previous) =>
          previous.phase === 'review' ? { ...previous, editing: { ...previous.editing, pending: [] }, editError: error } : previous,
        );
      }
    });
  };

  const publish = () => {
    if (state.phase !== 'review') return;
    const plan = state.editing.confirmed;
    setState({ ...state, publishing: true, publishError: null });
    publishPlan(plan.id).then(
      (result) => setState({ phase: 'published', plan: { ...plan, status: 'published' }, routes: result.routes, cases: result.cases }),
      (error: unknown) =>
        setState((previous) => (previous.phase === 'review' ? { ...previous, publishing: false, publishError: error } : previous)),
    );
  };

  return {
    state,
    plan: state.phase === 'review' ? shownPlan(state.editing) : state.phase === 'published' ? state.plan : null,
    run,
    cancel: () => controller.current?.abort(),
    edit,
    publish,
    discard: () => {
      generation.current += 1;
      setState(setup);
    },
  };
}
