// Admin: every account, creating one, and disabling or re-enabling it (disabling ends its sessions).
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { SessionUser } from '../../shared/schemas/auth.js';
import type { UserSummary } from '../../shared/schemas/users.js';
import { useI18n } from '../app/i18n/i18n.js';
import { usePageTitle } from '../app/usePageTitle.js';
import { useRequest } from '../app/useRequest.js';
import { Badge, Button, cx, ErrorNotice, inputClass, Loading, Notice, Toast } from '../app/ui/ui.js';
import { fieldIssues } from './field-issues.js';
import { CreateUserForm } from './CreateUserForm.js';
import { sortUsers } from './sort-users.js';
import { fetchUsers, updateUser } from './users.api.js';
import styles from './UsersPage.module.css';

export function UsersPage({ currentUser }: { currentUser: SessionUser }) {
  const { t } = useI18n();
  usePageTitle(t.users.title);
  const list = useRequest((signal) => fetchUsers(signal), []);
  const [users, setUsers] = useState<UserSummary[] | null>(null);
  const [creating, setCreating] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [query, setQuery] = useState('');
  const [createdId, setCreatedId] = useState<string | null>(null);
  const createButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (list.data) setUsers(sortUsers(list.data));
  }, [list.data]);

  const closeToast = useCallback(() => {
    setDone(null);
    setActionError(null);
  }, []);
  const replace = (user: UserSummary) => setUsers((previous) => (previous ?? []).map((u) => (u.id === user.id ? user : u)));
  const onCreated = (user: UserSummary) => {
    setUsers((previous) => sortUsers([...(previous ?? []), user]));
    setCreatedId(user.id);
    setCreating(false);
    setDone(t.users.created(user.displayName));
    setActionError(null);
    createButton.current?.focus();
  };
  const setDisabled = async (user: UserSummary, disabled: boolean) => {
    setActionError(null);
    setDone(null);
    try {
      const changed = await updateUser(user.id, { disabled });
      replace(changed);
      setDone(disabled ? t.users.disabledDone(changed.displayName) : t.users.enabledDone(changed.displayName));
    } catch (error) {
      setActionError(error);
    }
  };

  const resetPassword = async (user: UserSummary, password: string): Promise<unknown> => {
    setActionError(null);
    setDone(null);
    try {
      const changed = await updateUser(user.id, { password });
      replace(changed);
      setDone(t.users.passwordResetDone(changed.displayName));
      return null;
    } catch (error) {
      // A refused password is explained beside its field; anything else in the toast.
      if (fieldIssues(error, ['password'] as const).password === undefined) setActionError(error);
      return error;
    }
  };

  const needle = query.trim().toLowerCase();
  const shown = (users ?? []).filter(
    (user) => needle === '' || user.username.toLowerCase().includes(needle) || user.displayName.toLowerCase().includes(needle),
  );

  return (
    <section class={styles.page} aria-labelledby="users-title">
      <div class={styles.head}>
        <div class={styles.headText}>
          <h1 id="users-title">{t.users.title}</h1>
          <p class={styles.hint}>{t.users.hint}</p>
        </div>
        {!creating && (
          <Button
            ref={createButton}
            variant="primary"
            onClick={() => {
              setCreating(true);
              setDone(null);
            }}
          >
            + {t.users.create}
          </Button>
        )}
      </div>
      {creating && <CreateUserForm onCreated={onCreated} onCancel={() => setCreating(false)} />}
      {done && (
        <Toast onClose={closeToast} autoCloseMs={8_000}>
          <Notice kind="success" title={done} />
        </Toast>
      )}
      {actionError !== null && (
        <Toast onClose={closeToast}>
          <ErrorNotice error={actionError} />
        </Toast>
      )}
      {list.status === 'error' && <ErrorNotice error={list.error} onRetry={list.reload} />}
      <div class={styles.tableCard}>
        <div class={styles.toolbar}>
          <input
            type="search"
            class={cx(inputClass, styles.filter)}
            placeholder={t.users.filterPlaceholder}
            aria-label={t.users.filterLabel}
            value={query}
            onInput={(event) => setQuery(event.currentTarget.value)}
          />
          {users && <span class={styles.count}>{t.users.count(users.length)}</span>}
        </div>
        {users === null && list.status === 'loading' && <Loading />}
        {users && (
          <div class={styles.scroller}>
            <table class={styles.table}>
              <thead>
                <tr>
                  <th scope="col">{t.users.columns.name}</th>
                  <th scope="col">{t.users.columns.username}</th>
                  <th scope="col">{t.users.columns.role}</th>
                  <th scope="col">{t.users.columns.state}</th>
                  <th scope="col">{t.users.columns.createdAt}</th>
                  <th scope="col" class={styles.actionsCol}>
                    {t.users.columns.actions}
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((user) => (
                  <UserRow
                    key={user.id}
                    user={user}
                    self={user.id === currentUser.id}
                    fresh={user.id === createdId}
                    onSetDisabled={setDisabled}
                    onResetPassword={resetPassword}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}

type RowMode = 'idle' | 'confirmDisable' | 'resetPassword';

function UserRow({
  user,
  self,
  fresh,
  onSetDisabled,
  onResetPassword,
}: {
  user: UserSummary;
  self: boolean;
  fresh: boolean;
  onSetDisabled: (user: UserSummary, disabled: boolean) => Promise<void>;
  /** Resolves to the failure, if any, so the row can show it beside the password field. */
  onResetPassword: (user: UserSummary, password: string) => Promise<unknown>;
}) {
  const { t, date } = useI18n();
  const [mode, setMode] = useState<RowMode>('idle');
  const [busy, setBusy] = useState(false);
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const rowRef = useRef<HTMLTableRowElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (fresh) rowRef.current?.scrollIntoView({ block: 'nearest' });
  }, [fresh]);
  useEffect(() => {
    if (mode === 'resetPassword') passwordRef.current?.focus();
  }, [mode]);

  const run = (disabled: boolean) => {
    setBusy(true);
    void onSetDisabled(user, disabled).finally(() => {
      setBusy(false);
      setMode('idle');
    });
  };
  const reset = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const failure = await onResetPassword(user, password);
    setBusy(false);
    if (failure === null) {
      setMode('idle');
      setPassword('');
      setPasswordError(null);
    } else {
      const issues = fieldIssues(failure, ['password'] as const);
      setPasswordError(issues.password ?? null);
      passwordRef.current?.focus();
    }
  };
  const passwordErrorId = `pw-error-${user.id}`;

  return (
    <tr ref={rowRef} class={cx(user.disabled && styles.disabledRow, fresh && styles.freshRow)} data-username={user.username}>
      <td>
        <span class={styles.name}>{user.displayName}</span>
        {self && <span class={styles.self}>{t.users.you}</span>}
      </td>
      <td class={styles.username}>{user.username}</td>
      <td>{t.roles[user.role]}</td>
      <td>{user.disabled ? <Badge tone="red">{t.users.disabled}</Badge> : <Badge tone="green">{t.users.active}</Badge>}</td>
      <td class="num">{date(user.createdAt)}</td>
      <td class={styles.actionsCol}>
        {self ? null : mode === 'confirmDisable' ? (
          <span class={styles.confirm} role="group" aria-label={t.users.confirmDisable(user.displayName)}>
            <span class={styles.confirmText}>{t.users.confirmDisable(user.displayName)}</span>
            <Button variant="ghost" onClick={() => setMode('idle')} disabled={busy}>
              {t.common.cancel}
            </Button>
            <Button variant="danger" onClick={() => run(true)} busy={busy} disabled={busy}>
              {t.users.disable}
            </Button>
          </span>
        ) : mode === 'resetPassword' ? (
          <form class={styles.confirm} onSubmit={(event) => void reset(event)} noValidate>
            <span class={styles.passwordField}>
              <input
                ref={passwordRef}
                type="password"
                class={cx(inputClass, styles.passwordInput)}
                autocomplete="new-password"
                minLength={8}
                placeholder={t.users.passwordPlaceholder}
                aria-label={t.users.newPassword(user.displayName)}
                aria-invalid={passwordError ? true : undefined}
                aria-describedby={passwordError ? passwordErrorId : undefined}
                value={password}
                onInput={(event) => setPassword(event.currentTarget.value)}
              />
              {passwordError && (
                <span class={styles.passwordError} id={passwordErrorId}>
                  {passwordError}
                </span>
              )}
            </span>
            <Button variant="ghost" onClick={() => setMode('idle')} disabled={busy}>
              {t.common.cancel}
            </Button>
            <Button type="submit" variant="primary" busy={busy} disabled={busy}>
              {t.common.save}
            </Button>
          </form>
        ) : user.disabled ? (
          <Button onClick={() => run(false)} busy={busy} disabled={busy} aria-label={t.users.enableLabel(user.displayName)}>
            {t.users.enable}
          </Button>
        ) : (
          <span class={styles.rowActions}>
            <Button variant="secondary" onClick={() => setMode('resetPassword')} aria-label={t.users.resetPasswordLabel(user.displayName)}>
              {t.users.resetPassword}
            </Button>
            <Button variant="danger" onClick={() => setMode('confirmDisable')} aria-label={t.users.disableLabel(user.displayName)}>
              {t.users.disable}
            </Button>
          </span>
        )}
      </td>
    </tr>
  );
}
