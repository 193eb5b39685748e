// Sign-in for every role; explains why the person is here (signed out, session ended) and what failed.
import type { TargetedEvent } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { useI18n } from '../app/i18n/i18n.js';
import { usePageTitle } from '../app/usePageTitle.js';
import { signIn, type SignedOutReason } from '../app/session.js';
import { LanguageSwitch } from '../app/Shell.js';
import { Button, cx, ErrorNotice, Field, inputClass, Notice } from '../app/ui/ui.js';
import styles from './SignInPage.module.css';

export function SignInPage({ reason }: { reason: SignedOutReason }) {
  const { t } = useI18n();
  usePageTitle(t.signIn.title);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [reveal, setReveal] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<{ username: boolean; password: boolean }>({ username: false, password: false });
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    const gaps = { username: username.trim() === '', password: password === '' };
    setMissing(gaps);
    if (gaps.username) return usernameRef.current?.focus();
    if (gaps.password) return passwordRef.current?.focus();
    setBusy(true);
    setError(null);
    try {
      await signIn({ username: username.trim(), password });
    } catch (failure) {
      setError(failure);
      setBusy(false);
      passwordRef.current?.select();
    }
  };

  const passwordProps = (id: string, describedBy: string | undefined, invalid: boolean) => ({
    ref: passwordRef,
    id,
    name: 'password',
    class: cx(inputClass, styles.input),
    autocomplete: 'current-password',
    required: true,
    value: password,
    onInput: (event: TargetedEvent<HTMLInputElement>) => setPassword(event.currentTarget.value),
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
  });

  return (
    <div class={styles.page}>
      <div class={styles.top}>
        <LanguageSwitch class={styles.lang} />
      </div>
      <div class={styles.center}>
        <div class={styles.card}>
          <div class={styles.brand}>
            <span class={styles.mark} aria-hidden="true">
              {t.brandMark}
            </span>
            <h1 class={styles.appName}>{t.appName}</h1>
            <p class={styles.subtitle}>{t.signIn.subtitle}</p>
          </div>
          {reason === 'sessionEnded' && !error && <Notice kind="warn" title={t.signIn.sessionEnded} />}
          {reason === 'signedOut' && !error && <Notice kind="info" title={t.signIn.signedOut} />}
          <form class={styles.form} onSubmit={(event) => void submit(event)} noValidate aria-labelledby="sign-in-title">
            <h2 id="sign-in-title" class={styles.formTitle}>
              {t.signIn.title}
            </h2>
            {error !== null && <ErrorNotice error={error} />}
            <Field label={t.signIn.username} error={missing.username ? t.signIn.usernameRequired : null}>
              {({ id, describedBy, invalid }) => (
                <input
                  ref={usernameRef}
                  id={id}
                  name="username"
                  class={cx(inputClass, styles.input)}
                  autocomplete="username"
                  autocapitalize="none"
                  spellcheck={false}
                  required
                  value={username}
                  onInput={(event) => setUsername(event.currentTarget.value)}
                  aria-invalid={invalid || undefined}
                  aria-describedby={describedBy}
                />
              )}
            </Field>
            <Field label={t.signIn.password} error={missing.password ? t.signIn.passwordRequired : null}>
              {({ id, describedBy, invalid }) => (
                <div class={styles.passwordRow}>
                  {/* Two branches rather than one computed `type`: Preact types each input type separately. */}
                  {reveal ? (
                    <input type="text" {...passwordProps(id, describedBy, invalid)} />
                  ) : (
                    <input type="password" {...passwordProps(id, describedBy, invalid)} />
                  )}
                  <button type="button" class={styles.reveal} aria-pressed={reveal} onClick={() => setReveal(!reveal)}>
                    {reveal ? t.signIn.hidePassword : t.signIn.showPassword}
                  </button>
                </div>
              )}
            </Field>
            <Button type="submit" variant="primary" large block busy={busy} disabled={busy}>
              {busy ? t.signIn.submitting : t.signIn.submit}
            </Button>
          </form>
        </div>
      </div>
    </div>
  );
}
