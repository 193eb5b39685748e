// A free note on the case, outside any visit (a call back, something seen on the way): saved on the
// device with its outbox entry, synced like any record.
import { useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n/i18n.js';
import { Button, Field, Notice, inputClass } from '../../app/ui/ui.js';
import type { SyncEngine } from '../../sync/index.js';
import { storeChanged } from '../engine/collector-engine.js';
import styles from './CollectorCasePage.module.css';

export function AddNote({ engine, caseId }: { engine: SyncEngine; caseId: string }) {
  const { t } = useI18n();
  const c = t.collector.caseView;
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  const save = async (event: Event) => {
    event.preventDefault();
    setSaved(false);
    if (body.trim() === '') {
      setError(c.noteRequired);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await engine.addNote({ caseId, body: body.trim() });
      setBody('');
      setSaved(true);
      storeChanged();
      engine.requestSync('note added');
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form class={styles.section} onSubmit={(event) => void save(event)} noValidate aria-labelledby="add-note-title">
      <h2 id="add-note-title" class={styles.sectionTitle}>
        {c.addNote}
      </h2>
      <div class={styles.noteBody}>
        <Field label={c.noteLabel} error={error}>
          {({ id, describedBy, invalid }) => (
            <textarea
              id={id}
              class={`${inputClass} ${styles.noteInput}`}
              rows={3}
              value={body}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              onInput={(event) => {
                setBody(event.currentTarget.value);
                setError(null);
              }}
            />
          )}
        </Field>
        {saved && <Notice kind="success" title={t.collector.visit.saved} />}
        <Button type="submit" large block busy={saving} disabled={saving}>
          {c.saveNote}
        </Button>
      </div>
    </form>
  );
}
