// A growing list of cases fetched a page at a time ("load more"), restarted when its inputs change.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { CaseListResponse, CaseSummary } from '../../shared/schemas/cases.js';

interface Pages {
  cases: CaseSummary[];
  nextCursor: string | null;
  loading: boolean;
  error: unknown;
}

export function useCasePages(
  load: (cursor: string | undefined, signal: AbortSignal) => Promise<CaseListResponse>,
  deps: readonly unknown[],
) {
  const [pages, setPages] = useState<Pages>({ cases: [], nextCursor: null, loading: true, error: null });
  // Which page to fetch: undefined is the first; `generation` restarts the list when deps change.
  const [wanted, setWanted] = useState<{ cursor: string | undefined; generation: number; attempt: number }>({
    cursor: undefined,
    generation: 0,
    attempt: 0,
  });
  const loadRef = useRef(load);
  loadRef.current = load;
  const firstRun = useRef(true);

  useEffect(() => {
    if (firstRun.current) {
      firstRun.current = false;
      return;
    }
    setPages({ cases: [], nextCursor: null, loading: true, error: null });
    setWanted((previous) => ({ cursor: undefined, generation: previous.generation + 1, attempt: 0 }));
  }, deps);

  useEffect(() => {
    const controller = new AbortController();
    setPages((previous) => ({ ...previous, loading: true, error: null }));
    loadRef.current(wanted.cursor, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setPages((previous) => ({
          cases: wanted.cursor === undefined ? page.cases : [...previous.cases, ...page.cases],
          nextCursor: page.nextCursor,
          loading: false,
          error: null,
        }));
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setPages((previous) => ({ ...previous, loading: false, error }));
      },
    );
    return () => controller.abort();
  }, [wanted]);

  const loadMore = () => {
    const cursor = pages.nextCursor;
    if (cursor !== null && !pages.loading) setWanted((w) => ({ ...w, cursor, attempt: 0 }));
  };

  const retry = useCallback(() => setWanted((w) => ({ ...w, attempt: w.attempt + 1 })), []);

  return { ...pages, loadMore, retry };
}
