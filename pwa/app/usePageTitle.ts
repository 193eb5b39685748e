// The window title names the view (never a debtor: titles show in task switchers and history).
import { useEffect } from 'preact/hooks';
import { useI18n } from './i18n/i18n.js';

export function usePageTitle(view: string | null): void {
  const { t } = useI18n();
  useEffect(() => {
    document.title = view ? `${view} · ${t.appName}` : t.appName;
  }, [view, t.appName]);
}
