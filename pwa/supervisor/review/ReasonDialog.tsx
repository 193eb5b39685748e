// A modal asking for the reason behind a decision (reject, revisit, refuse, change); nothing is sent
// until the reason is written and confirmed.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n/i18n.js';
import { Button, ErrorNotice, Field, inputClass } from '../../app/ui/ui.js';
import { useReviewText } from '../i18n/useReviewText.js';
import styles from './VisitReview.module.css';

export function ReasonDialog({
  title,
  hint,
  confirmLabel,
  danger = false,
  onConfirm,
  onCancel,
}: {
  title: string;
  hint: string;
  confirmLabel: string;
  danger?: boolean;
  /** Resolves when done (the dialog closes); a rejection is shown in the dialog. */
  onConfirm: (reason: string) => Promise<void>;
  onCancel: () => void;
}) {
  const r = useReviewText();
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const submit = () => {
    const text = reason.trim();
    if (!text) return setMissing(true);
    setBusy(true);
    setError(null);
    onConfirm(text).then(
      () => dialog.current?.close(),
      (failure: unknown) => {
        setBusy(false);
        setError(failure);
      },
    );
  };
  return (
    <dialog ref={dialog} class={styles.dialog} aria-labelledby="reason-title" onClose={onCancel}>
      <form
        method="dialog"
        class={styles.dialogBody}
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <h2 id="reason-title">{title}</h2>
        <Field label={title} hint={hint} error={missing ? r.verdict.reasonRequired : null}>
          {({ id, describedBy, invalid }) => (
            <textarea
              id={id}
              class={inputClass}
              rows={4}
              maxLength={1000}
              value={reason}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onInput={(event) => {
                setReason(event.currentTarget.value);
                setMissing(false);
              }}
            />
          )}
        </Field>
        {error !== null && <ErrorNotice error={error} />}
        <div class={styles.dialogActions}>
          <Button onClick={() => dialog.current?.close()} disabled={busy}>
            {t.common.cancel}
          </Button>
          <Button type="submit" variant={danger ? 'danger' : 'primary'} busy={busy} disabled={busy}>
            {busy ? r.verdict.saving : confirmLabel}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
