// Checks a chosen case file before it is sent, so an obviously wrong file gets an answer at once.
export type UploadProblem = 'wrongKind' | 'badJson' | 'notArray' | 'empty';

export type PreparedUpload =
  { ok: true; contentType: 'text/csv' | 'application/json'; text: string } | { ok: false; problem: UploadProblem };

export function prepareUpload(name: string, type: string, text: string): PreparedUpload {
  const lower = name.toLowerCase();
  const kind =
    lower.endsWith('.csv') || type === 'text/csv' ? 'csv' : lower.endsWith('.json') || type === 'application/json' ? 'json' : null;
  if (kind === null) return { ok: false, problem: 'wrongKind' };
  // Spreadsheet programs often save a byte-order mark first; it is not part of the data.
  const content = text.replace(/^\uFEFF/, '');
  if (content.trim() === '') return { ok: false, problem: 'empty' };
  if (kind === 'csv') return { ok: true, contentType: 'text/csv', text: content };
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return { ok: false, problem: 'badJson' };
  }
  if (!Array.isArray(parsed)) return { ok: false, problem: 'notArray' };
  if (parsed.length === 0) return { ok: false, problem: 'empty' };
  return { ok: true, contentType: 'application/json', text: content };
}

export function formatSize(bytes: number, locale: string): string {
  const format = (value: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${format(bytes / 1024)} KB`;
  return `${format(bytes / (1024 * 1024))} MB`;
}
