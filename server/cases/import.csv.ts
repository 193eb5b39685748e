// Turns an upstream CSV file into import rows of the same shape as the JSON import.
import { CsvError, parse } from 'csv-parse/sync';
import { DomainError } from '../http/errors.js';

export const csvColumns = {
  required: ['creditor', 'external_id', 'product', 'debtor_name', 'debtor_id_number', 'principal', 'interest', 'fees', 'days_past_due'],
  optional: [
    'debtor_phone', 'total_outstanding', 'status', 'escalation_reason', 'priority', 'time_zone', 'coordinate_system',
    'home_address', 'home_lat', 'home_lng', 'work_address', 'work_lat', 'work_lng',
    'contact_name', 'contact_relation', 'contact_phone', 'note', 'note_written_at', 'note_author',
  ],
} as const;

type CsvRecord = Record<string, string>;

// A number column keeps its text when it is not a number, so the row's error says what was sent.
function numberOrText(text: string | undefined): number | string | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : text;
}

function textOrUndefined(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}

function addressesOf(record: CsvRecord) {
  const coordinateSystem = textOrUndefined(record.coordinate_system);
  return (['home', 'work'] as const).flatMap((kind) => {
    const address = textOrUndefined(record[`${kind}_address`]);
    if (address === undefined) return [];
    return [{ kind, address, lat: numberOrText(record[`${kind}_lat`]), lng: numberOrText(record[`${kind}_lng`]), ...(coordinateSystem ? { coordinateSystem } : {}) }];
  });
}

function toImportRow(record: CsvRecord): Record<string, unknown> {
  const contactName = textOrUndefined(record.contact_name);
  const note = textOrUndefined(record.note);
  const total = numberOrText(record.total_outstanding);
  const optional = (key: string, value: unknown) => (value === undefined ? {} : { [key]: value });
  return {
    creditor: record.creditor,
    externalId: record.external_id,
    product: record.product,
    debtor: { name: record.debtor_name, idNumber: record.debtor_id_number, ...optional('phone', textOrUndefined(record.debtor_phone)) },
    amounts: {
      principal: numberOrText(record.principal),
      interest: numberOrText(record.interest),
      fees: numberOrText(record.fees),
      ...optional('totalOutstanding', total),
    },
    daysPastDue: numberOrText(record.days_past_due),
    ...optional('status', textOrUndefined(record.status)),
    ...optional('escalationReason', textOrUndefined(record.escalation_reason)),
    ...optional('priority', numberOrText(record.priority)),
    ...optional('timeZone', textOrUndefined(record.time_zone)),
    addresses: addressesOf(record),
    contacts: contactName
      ? [{ name: contactName, relation: textOrUndefined(record.contact_relation) ?? '其他', ...optional('phone', textOrUndefined(record.contact_phone)) }]
      : [],
    notes: note
      ? [{ body: note, writtenAt: textOrUndefined(record.note_written_at) ?? new Date().toISOString(), author: textOrUndefined(record.note_author) ?? 'upstream' }]
      : [],
  };
}

/** Parses the whole file first: a file that is not valid CSV is refused before anything is written. */
export function importRowsFromCsv(text: string): Record<string, unknown>[] {
  let records: CsvRecord[];
  try {
    records = parse(text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, bom: true, trim: false });
  } catch (error) {
    if (error instanceof CsvError) {
      const line = 'lines' in error && typeof error.lines === 'number' ? ` near line ${error.lines}` : '';
      throw new DomainError(400, `The CSV file could not be read${line}: ${error.message}. Check the quoting and the number of columns.`);
    }
    throw error;
  }
  const header = records.length > 0 ? Object.keys(records[0]!) : parseHeader(text);
  const missing = csvColumns.required.filter((column) => !header.includes(column));
  if (missing.length > 0) throw new DomainError(400, `The CSV file is missing the column(s): ${missing.join(', ')}. The first line must name the columns.`);
  const known = new Set<string>([...csvColumns.required, ...csvColumns.optional]);
  const unknown = header.filter((column) => !known.has(column));
  if (unknown.length > 0) throw new DomainError(400, `The CSV file has unknown column(s): ${unknown.join(', ')}. Known columns: ${[...known].join(', ')}.`);
  if (records.length === 0) throw new DomainError(400, 'The CSV file has no cases in it.');
  return records.map(toImportRow);
}

function parseHeader(text: string): string[] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  return firstLine.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
}
