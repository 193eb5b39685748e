// Money travels and is stored as integer minor units (fen); only the edges format it.

/** Largest amount we accept: 10 billion yuan in fen, well inside Number.MAX_SAFE_INTEGER. */
export const maxMinorUnits = 1_000_000_000_000;

const formats = new Map<string, Intl.NumberFormat>();

/** Yuan from integer fen; the narrow symbol keeps "¥" in English too (not "CN¥"). */
export function formatYuan(minorUnits: number, locale = 'zh-CN'): string {
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol' });
    formats.set(locale, format);
  }
  return format.format(minorUnits / 100);
}
