// Money travels and is stored as integer minor units (fen); only the edges format it.

/** Largest amount we accept: 10 billion yuan in fen, well inside Number.MAX_SAFE_INTEGER. */
export const maxMinorUnits = 1_000_000_000_000;

export function formatYuan(minorUnits: number, locale = 'zh-CN'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' }).format(minorUnits / 100);
}
