// "A new version is ready": offered, never forced; applied only once nothing is being sent (platform/updates.ts).
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../app/i18n/i18n.js';
import { Button, Notice } from '../app/ui/ui.js';
import { updates, type UpdateStatus } from '../platform/updates.js';

export function UpdateBanner() {
  const { t } = useI18n();
  const [status, setStatus] = useState<UpdateStatus>(updates.status);
  useEffect(() => updates.subscribe(setStatus), []);
  if (status === 'current') return null;
  return (
    <Notice
      kind="info"
      title={status === 'available' ? t.collector.update.available : t.collector.update.waiting}
      action={
        status === 'available' && (
          <Button variant="primary" onClick={() => void updates.apply()}>
            {t.collector.update.apply}
          </Button>
        )
      }
    />
  );
}
