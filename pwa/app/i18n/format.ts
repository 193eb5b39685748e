// Locale-aware formatting of money and times; times are shown in the case's zone, never the device's.
import { formatYuan } from '../../../shared/money.js';

export const defaultTimeZone = 'Asia/Shanghai';

/** Yuan from integer fen. */
export function formatMoney(fen: number, locale: string): string {
  return formatYuan(fen, locale);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${withTime ? 't' : 'd'}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    });
    formatters.set(key, found);
  }
  return found;
}

// English readers here work beside Chinese colleagues: year-month-day avoids the US day/month ambiguity.
function format(iso: string, locale: string, timeZone: string, withTime: boolean): string {
  const date = new Date(iso);
  if (locale.startsWith('zh')) return formatter(locale, timeZone, withTime).format(date);
  const parts = Object.fromEntries(
    formatter('en-GB', timeZone, withTime)
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  return withTime ? `${day} ${parts.hour}:${parts.minute}` : day;
}

export function formatDateTime(iso: string, locale: string, timeZone: string = defaultTimeZone): string {
  return format(iso, locale, timeZone, true);
}

export function formatDate(iso: string, locale: string, timeZone: string = defaultTimeZone): string {
  return format(iso, locale, timeZone, false);
}

/**
 * Reads an amount typed in yuan ("1,234.5", "￥800") as integer fen; null when it is not an amount.
 * Parsed from the digits, not through floating point, so 0.29 yuan is exactly 29 fen.
 */
export function yuanToFen(text: string): number | null {
  const cleaned = text.replace(/[\s,，¥￥]/g, '');
  const match = /^(\d{1,13})(?:\.(\d{0,2}))?$/.exec(cleaned);
  if (!match) return null;
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? '').padEnd(2, '0'));
  return whole * 100 + fraction;
}

/** The inverse of yuanToFen for pre-filling a field: no currency sign, no grouping. */
export function fenToYuanText(fen: number): string {
  const whole = Math.floor(fen / 100);
  const rest = fen % 100;
  return rest === 0 ? String(whole) : `${whole}.${String(rest).padStart(2, '0')}`;
}
