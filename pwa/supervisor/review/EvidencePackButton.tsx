// Downloads the visit's evidence pack with its progress (the server gives the exact size up front),
// then hands the zip to the browser as a file.
import { useRef, useState } from 'preact/hooks';
import { Button, ErrorNotice } from '../../app/ui/ui.js';
import { useReviewText } from '../i18n/useReviewText.js';
import { downloadEvidencePack } from './review.api.js';
import styles from './VisitReview.module.css';

export function EvidencePackButton({ visitId }: { visitId: string }) {
  const r = useReviewText();
  const [progress, setProgress] = useState<number | null>(null);
  const [state, setState] = useState<'idle' | 'busy' | 'done'>('idle');
  const [error, setError] = useState<unknown>(null);
  const link = useRef<HTMLAnchorElement>(null);
  const start = () => {
    setState('busy');
    setError(null);
    setProgress(null);
    downloadEvidencePack(visitId, (received, total) => setProgress(total ? Math.floor((received / total) * 100) : null)).then(
      ({ blob, filename }) => {
        const url = URL.createObjectURL(blob);
        const anchor = link.current!;
        anchor.href = url;
        anchor.download = filename ?? `evidence-${visitId}.zip`;
        anchor.click();
        // The browser has taken the file once the click has been handled.
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        setState('done');
      },
      (failure: unknown) => {
        setError(failure);
        setState('idle');
      },
    );
  };
  return (
    <div class={styles.pack}>
      <Button onClick={start} busy={state === 'busy'} disabled={state === 'busy'} title={r.pack.hint}>
        {state === 'busy' ? (progress === null ? r.pack.preparing : r.pack.downloading(progress)) : r.pack.download}
      </Button>
      {state === 'busy' && <progress class={styles.packProgress} max={100} value={progress ?? undefined} aria-label={r.pack.download} />}
      {state === 'done' && (
        <span class={styles.packDone} role="status">
          {r.pack.done}
        </span>
      )}
      {error !== null && <ErrorNotice error={error} />}
      <a ref={link} hidden aria-hidden="true" tabIndex={-1} />
    </div>
  );
}
