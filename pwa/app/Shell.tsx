// The frame around every signed-in view: brand, role navigation, language, who is signed in, sign-out.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SessionUser } from '../../shared/schemas/auth.js';
import { useI18n } from './i18n/i18n.js';
import { followLink } from './router.js';
import { signOut } from './session.js';
import { cx } from './ui/ui.js';
import styles from './Shell.module.css';

export interface NavItem {
  href: string;
  label: string;
  active: boolean;
}

export function LanguageSwitch({ class: className }: { class?: string | undefined }) {
  const { locale, setLocale, t } = useI18n();
  const next = locale === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <button
      type="button"
      class={className}
      lang={next}
      aria-label={t.language.switchToLabel}
      title={t.language.switchToLabel}
      onClick={() => setLocale(next)}
    >
      {t.language.switchTo}
    </button>
  );
}

export function Shell({
  user,
  nav,
  mobile,
  wide = false,
  pathname,
  footer,
  children,
}: {
  user: SessionUser;
  nav: NavItem[];
  mobile: boolean;
  /** A full-window screen (the dispatcher's console): no page margins or width limit. */
  wide?: boolean;
  /** A new page moves keyboard and screen-reader focus to its content, as a page load would. */
  pathname: string;
  /** Fixed at the bottom on phones (the collector's navigation); the content keeps room for it. */
  footer?: ComponentChildren;
  children: ComponentChildren;
}) {
  const { t } = useI18n();
  const [leaving, setLeaving] = useState(false);
  const main = useRef<HTMLElement>(null);
  const firstPage = useRef(true);
  useEffect(() => {
    if (firstPage.current) {
      firstPage.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
  }, [pathname]);
  const leave = () => {
    setLeaving(true);
    void signOut().finally(() => setLeaving(false));
  };
  return (
    <div class={cx(mobile && styles.mobile)}>
      <a class={styles.skip} href="#main">
        {t.shell.skipToContent}
      </a>
      <header class={styles.header}>
        <div class={styles.bar}>
          <a class={styles.brand} href="/" onClick={followLink}>
            <span class={styles.mark} aria-hidden="true">
              {t.brandMark}
            </span>
            <span class={styles.brandText}>{t.appName}</span>
          </a>
          {nav.length > 0 && (
            <nav class={styles.nav} aria-label={t.shell.mainNav}>
              {nav.map((item) => (
                <a
                  key={item.href}
                  class={styles.navLink}
                  href={item.href}
                  onClick={followLink}
                  aria-current={item.active ? 'page' : undefined}
                >
                  {item.label}
                </a>
              ))}
            </nav>
          )}
          <span class={styles.spacer} />
          {!mobile && (
            <div class={styles.who} data-testid="signed-in-as">
              <span class={styles.whoName}>{user.displayName}</span>
              <span class={styles.whoRole}>{t.roles[user.role]}</span>
            </div>
          )}
          <div class={styles.actions}>
            <LanguageSwitch class={styles.headerButton} />
            <button type="button" class={styles.headerButton} onClick={leave} disabled={leaving} aria-busy={leaving || undefined}>
              {leaving ? t.shell.signingOut : t.shell.signOut}
            </button>
          </div>
        </div>
      </header>
      <main id="main" ref={main} class={cx(styles.main, footer !== undefined && styles.withFooter, wide && styles.wide)} tabIndex={-1}>
        {children}
      </main>
      {footer}
    </div>
  );
}
