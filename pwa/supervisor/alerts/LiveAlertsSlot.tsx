// Live alerts for supervisors and admins on every screen; the toasts and their socket load as a
// chunk of their own after the page, so nothing shows or waits until then.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function LiveAlertsSlot() {
  const [view, setView] = useState<{ component: ComponentType } | null>(null);
  useEffect(() => {
    let cancelled = false;
    import('./LiveAlerts.js').then(
      (module) => {
        if (!cancelled) setView({ component: module.default });
      },
      // Without the chunk (offline, a new deployment) the page works on; alerts come with the next load.
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, []);
  if (!view) return null;
  const Alerts = view.component;
  return <Alerts />;
}
