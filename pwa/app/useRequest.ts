// Loads data for a view with a loading, error and retry state; a newer load cancels the older one.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export type RequestState<T> =
  | { status: 'loading'; data: T | null; error: null }
  | { status: 'ready'; data: T; error: null }
  | { status: 'error'; data: T | null; error: unknown };

type Stored<T> = RequestState<T> & { inputs: readonly unknown[] | null };

const sameInputs = (a: readonly unknown[] | null, b: readonly unknown[]) =>
  a !== null && a.length === b.length && a.every((value, index) => Object.is(value, b[index]));

export function useRequest<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
): RequestState<T> & { reload: () => void } {
  const [state, setState] = useState<Stored<T>>({ status: 'loading', data: null, error: null, inputs: null });
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const inputs = [...deps, attempt];

  useEffect(() => {
    const controller = new AbortController();
    const current = inputs;
    setState((previous) => ({ status: 'loading', data: previous.data, error: null, inputs: null }));
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data, error: null, inputs: current });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState((previous) => ({ status: 'error', data: previous.data, error, inputs: current }));
      },
    );
    return () => controller.abort();
    // The caller names what the load depends on; the latest load function is read through a ref.
  }, inputs);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  // Between a change of inputs and the effect that starts the new load, the old answer is not this one's:
  // report loading at once, so no render shows old rows under a new page number.
  if (!sameInputs(state.inputs, inputs)) return { status: 'loading', data: state.data, error: null, reload };
  const { inputs: _inputs, ...result } = state;
  return { ...result, reload };
}
