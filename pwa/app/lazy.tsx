// A view loaded as its own chunk on first use (a desktop console the phones never download), with
// loading and failure states like any other request.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorNotice, Loading } from './ui/ui.js';

export function lazyView<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  return function LazyView(props: P) {
    const [view, setView] = useState<{ component: ComponentType<P> } | null>(loaded ? { component: loaded } : null);
    const [error, setError] = useState<unknown>(null);
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (view) return;
      let cancelled = false;
      load().then(
        (module) => {
          loaded = module.default;
          if (!cancelled) setView({ component: module.default });
        },
        (failure: unknown) => {
          if (!cancelled) setError(failure);
        },
      );
      return () => {
        cancelled = true;
      };
    }, [attempt]);
    if (error !== null) {
      return (
        <ErrorNotice
          error={error}
          onRetry={() => {
            setError(null);
            setAttempt((n) => n + 1);
          }}
        />
      );
    }
    if (!view) return <Loading />;
    const View = view.component;
    return <View {...props} />;
  };
}
