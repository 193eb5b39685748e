// Small building blocks used by every feature: buttons, fields, notices, loading and empty states.
import type { ButtonHTMLAttributes, ComponentChildren } from 'preact';
import { useEffect, useId } from 'preact/hooks';
import { describeError, isRetryable } from '../errors.js';
import { useI18n } from '../i18n/i18n.js';
import styles from './ui.module.css';

type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';

export function cx(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}

export function Button({
  variant = 'secondary',
  large = false,
  block = false,
  busy = false,
  class: className,
  children,
  ...rest
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'class' | 'size'> & {
  variant?: ButtonVariant;
  large?: boolean;
  block?: boolean;
  busy?: boolean;
  class?: string;
}) {
  return (
    <button
      type="button"
      {...rest}
      class={cx(styles.button, styles[variant], large && styles.large, block && styles.block, className)}
      aria-busy={busy || undefined}
    >
      {busy && <span class={cx(styles.spinner, styles.spinnerSmall)} aria-hidden="true" />}
      {children}
    </button>
  );
}

interface FieldProps {
  label: string;
  hint?: string | undefined;
  error?: string | null | undefined;
  class?: string | undefined;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ComponentChildren;
}

/** A label, the control, a hint and an error, wired together for screen readers. */
export function Field({ label, hint, error, class: className, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={cx(styles.field, className)}>
      <label class={styles.label} for={id}>
        {label}
      </label>
      {children({ id, describedBy, invalid: Boolean(error) })}
      {hint && (
        <span class={styles.hint} id={hintId}>
          {hint}
        </span>
      )}
      {error && (
        <span class={styles.fieldError} id={errorId}>
          {error}
        </span>
      )}
    </div>
  );
}

export const inputClass = styles.input;

export function Notice({
  kind,
  title,
  detail,
  action,
  live = 'polite',
}: {
  kind: 'error' | 'success' | 'info' | 'warn';
  title: string;
  detail?: string | null;
  action?: ComponentChildren;
  live?: 'polite' | 'assertive' | 'off';
}) {
  return (
    <div class={cx(styles.notice, styles[kind])} role={kind === 'error' ? 'alert' : 'status'} aria-live={live}>
      <div class={styles.noticeBody}>
        <span class={styles.noticeTitle}>{title}</span>
        {detail && <span class={styles.noticeDetail}>{detail}</span>}
      </div>
      {action && <div class={styles.noticeAction}>{action}</div>}
    </div>
  );
}

/** What went wrong and what to do; the server's own words follow unless the form shows them beside its fields. */
export function ErrorNotice({ error, onRetry, showDetail = true }: { error: unknown; onRetry?: () => void; showDetail?: boolean }) {
  const { t } = useI18n();
  const { title, detail } = describeError(error, t);
  return (
    <Notice
      kind="error"
      title={title}
      detail={detail && showDetail ? t.errors.serverSaid + detail : null}
      live="assertive"
      action={
        onRetry &&
        isRetryable(error) && (
          <Button variant="secondary" onClick={onRetry}>
            {t.common.retry}
          </Button>
        )
      }
    />
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div class={styles.loading} role="status" aria-live="polite">
      <span class={styles.spinner} aria-hidden="true" />
      <span>{label ?? t.common.loading}</span>
    </div>
  );
}

export type BadgeTone = 'neutral' | 'blue' | 'amber' | 'orange' | 'red' | 'green';

export function Badge({ tone, children, title }: { tone: BadgeTone; children: ComponentChildren; title?: string }) {
  return (
    <span class={cx(styles.badge, styles[tone])} title={title}>
      {children}
    </span>
  );
}

export function Empty({ title, hint }: { title: string; hint?: string }) {
  return (
    <div class={styles.empty}>
      <p class={styles.emptyTitle}>{title}</p>
      {hint && <p>{hint}</p>}
    </div>
  );
}

/**
 * The outcome of an action taken further down a long page, kept in view at the bottom of the window.
 * Successes close by themselves after a while; failures stay until closed.
 */
export function Toast({ children, onClose, autoCloseMs }: { children: ComponentChildren; onClose: () => void; autoCloseMs?: number }) {
  const { t } = useI18n();
  useEffect(() => {
    if (autoCloseMs === undefined) return;
    const timer = setTimeout(onClose, autoCloseMs);
    return () => clearTimeout(timer);
  }, [autoCloseMs, onClose]);
  return (
    <div class={styles.toast}>
      <div class={styles.toastBody}>{children}</div>
      <button type="button" class={styles.toastClose} onClick={onClose} aria-label={t.common.close}>
        ×
      </button>
    </div>
  );
}
