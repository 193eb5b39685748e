// Creating an account: the server checks every rule; its messages appear beside the fields they concern.
import { useRef, useState } from 'preact/hooks';
import { humanRoles } from '../../shared/roles.js';
import type { CreateUserRequest, UserSummary } from '../../shared/schemas/users.js';
import { useI18n } from '../app/i18n/i18n.js';
import { Button, ErrorNotice, Field, inputClass } from '../app/ui/ui.js';
import { fieldIssues } from './field-issues.js';
import { createUser } from './users.api.js';
import styles from './UsersPage.module.css';

const fields = ['username', 'displayName', 'role', 'password'] as const;
type HumanRole = (typeof humanRoles)[number];

export function CreateUserForm({ onCreated, onCancel }: { onCreated: (user: UserSummary) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<CreateUserRequest>({ username: '', displayName: '', role: 'collector', password: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const firstField = useRef<HTMLInputElement>(null);
  const issues = fieldIssues(error, fields);
  const set = <K extends keyof CreateUserRequest>(key: K, value: CreateUserRequest[K]) =>
    setDraft((previous) => ({ ...previous, [key]: value }));

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const user = await createUser({ ...draft, username: draft.username.trim(), displayName: draft.displayName.trim() });
      onCreated(user);
    } catch (failure) {
      setError(failure);
      firstField.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class={styles.createForm} onSubmit={(event) => void submit(event)} aria-labelledby="create-user-title" noValidate>
      <h2 id="create-user-title">{t.users.createTitle}</h2>
      {error !== null && <ErrorNotice error={error} showDetail={Object.keys(issues).length === 0} />}
      <div class={styles.createGrid}>
        <Field label={t.users.username} hint={t.users.usernameHint} error={issues.username}>
          {({ id, describedBy, invalid }) => (
            <input
              ref={firstField}
              id={id}
              name="username"
              class={inputClass}
              autocomplete="off"
              autocapitalize="none"
              spellcheck={false}
              required
              maxLength={32}
              value={draft.username}
              onInput={(event) => set('username', event.currentTarget.value)}
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <Field label={t.users.displayName} error={issues.displayName}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="displayName"
              class={inputClass}
              autocomplete="off"
              required
              maxLength={64}
              value={draft.displayName}
              onInput={(event) => set('displayName', event.currentTarget.value)}
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <Field label={t.users.role} error={issues.role}>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              name="role"
              class={inputClass}
              value={draft.role}
              onChange={(event) =>
                set('role', humanRoles.find((role) => role === event.currentTarget.value) ?? ('collector' satisfies HumanRole))
              }
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy}
            >
              {humanRoles.map((role) => (
                <option key={role} value={role}>
                  {t.roles[role]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t.users.password} hint={t.users.passwordHint} error={issues.password}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="password"
              type="password"
              class={inputClass}
              autocomplete="new-password"
              required
              minLength={8}
              value={draft.password}
              onInput={(event) => set('password', event.currentTarget.value)}
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy}
            />
          )}
        </Field>
      </div>
      <div class={styles.createActions}>
        <Button variant="ghost" onClick={onCancel} disabled={busy}>
          {t.common.cancel}
        </Button>
        <Button type="submit" variant="primary" busy={busy} disabled={busy}>
          {busy ? t.users.submitting : t.users.submit}
        </Button>
      </div>
    </form>
  );
}
