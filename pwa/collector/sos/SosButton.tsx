// SOS: one large button, always at hand, then a confirm step so a pocket tap cannot raise it. The alert
// is queued like any record (so it is never lost offline) and the engine sends it at once.
import { useRef, useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n/i18n.js';
import { Button, Notice, inputClass } from '../../app/ui/ui.js';
import { currentFix } from '../check-in/geolocation.js';
import { engineState, storeChanged } from '../engine/collector-engine.js';
import styles from './SosButton.module.css';

type SosState = { step: 'idle' } | { step: 'sending' } | { step: 'done'; offline: boolean } | { step: 'failed'; reason: string };

/** Records the alert through the sync engine; the position is what the phone can give within a few seconds. */
export async function raiseSos(note: string): Promise<void> {
  const state = engineState();
  if (state.status !== 'open') throw new Error(state.status === 'failed' ? state.error : 'the app is still starting');
  const fix = await currentFix(undefined, 8_000, 60_000);
  const trimmed = note.trim();
  await state.engine.raiseSos({ ...(fix.ok ? { position: fix.position } : {}), ...(trimmed ? { note: trimmed } : {}) });
  storeChanged();
}

export function SosButton() {
  const { t } = useI18n();
  const s = t.collector.sos;
  const dialog = useRef<HTMLDialogElement>(null);
  const [note, setNote] = useState('');
  const [state, setState] = useState<SosState>({ step: 'idle' });

  const open = () => {
    setState({ step: 'idle' });
    setNote('');
    dialog.current?.showModal();
  };
  const confirm = async () => {
    setState({ step: 'sending' });
    try {
      await raiseSos(note);
      setState({ step: 'done', offline: !navigator.onLine });
    } catch (error) {
      setState({ step: 'failed', reason: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <>
      <button type="button" class={styles.sos} onClick={open} aria-haspopup="dialog">
        {t.collector.nav.sos}
      </button>
      <dialog ref={dialog} class={styles.dialog} aria-labelledby="sos-title">
        <h2 id="sos-title" class={styles.title}>
          {s.title}
        </h2>
        <p>{s.explain}</p>
        {state.step === 'done' ? (
          <Notice kind="success" title={state.offline ? s.queued : s.sent} live="assertive" />
        ) : (
          <>
            <label class={styles.label} for="sos-note">
              {s.note}
            </label>
            <textarea
              id="sos-note"
              class={`${inputClass} ${styles.note}`}
              rows={2}
              value={note}
              onInput={(event) => setNote(event.currentTarget.value)}
            />
          </>
        )}
        {state.step === 'failed' && <Notice kind="error" title={s.failed(state.reason)} live="assertive" />}
        <div class={styles.actions}>
          {state.step !== 'done' && (
            <Button
              variant="danger"
              class={styles.confirm}
              large
              block
              busy={state.step === 'sending'}
              disabled={state.step === 'sending'}
              onClick={() => void confirm()}
            >
              {state.step === 'sending' ? s.sending : s.confirm}
            </Button>
          )}
          <a class={styles.call} href="tel:110">
            {s.call110}
          </a>
          <Button large block onClick={() => dialog.current?.close()}>
            {state.step === 'done' ? t.common.close : s.cancel}
          </Button>
        </div>
      </dialog>
    </>
  );
}
