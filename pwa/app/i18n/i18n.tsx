// The message catalogue and formatting in the chosen language; the choice is remembered on the device.
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { en } from './en.js';
import { formatDate, formatDateTime, formatMoney } from './format.js';
import { zhCN, type Messages } from './zh-CN.js';

export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];

const catalogues: Record<Locale, Messages> = { 'zh-CN': zhCN, en };
const storageKey = 'fv.locale';

export function parseLocale(value: string | null | undefined): Locale {
  return locales.find((locale) => locale === value) ?? 'zh-CN';
}

function storedLocale(): Locale {
  try {
    return parseLocale(localStorage.getItem(storageKey));
  } catch {
    return 'zh-CN';
  }
}

export interface I18n {
  locale: Locale;
  t: Messages;
  setLocale: (locale: Locale) => void;
  money: (fen: number) => string;
  dateTime: (iso: string, timeZone?: string) => string;
  date: (iso: string, timeZone?: string) => string;
}

function makeI18n(locale: Locale, setLocale: (locale: Locale) => void): I18n {
  return {
    locale,
    t: catalogues[locale],
    setLocale,
    money: (fen) => formatMoney(fen, locale),
    dateTime: (iso, timeZone) => formatDateTime(iso, locale, timeZone),
    date: (iso, timeZone) => formatDate(iso, locale, timeZone),
  };
}

const I18nContext = createContext<I18n>(makeI18n('zh-CN', () => undefined));

export function I18nProvider({ children }: { children: ComponentChildren }) {
  const [locale, setLocaleState] = useState<Locale>(storedLocale);
  const value = useMemo(
    () =>
      makeI18n(locale, (next) => {
        try {
          localStorage.setItem(storageKey, next);
        } catch {
          // Private browsing may refuse storage; the choice then lasts for this visit only.
        }
        setLocaleState(next);
      }),
    [locale],
  );
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
