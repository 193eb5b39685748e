// Bulk writes for case intake. Rows travel as one array per column through unnest(): a
// 500-row batch is one short statement instead of thousands of bound parameters, which
// is what keeps intake fast on both PostgreSQL and PGlite.
import { inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { creditors } from '../db/schema/index.js';
import type { caseAddresses, caseContacts, caseNotes, cases } from '../db/schema/index.js';

export type NewCase = typeof cases.$inferInsert;
export type NewAddress = typeof caseAddresses.$inferInsert;
export type NewContact = typeof caseContacts.$inferInsert;
export type NewNote = typeof caseNotes.$inferInsert;

export async function creditorIdsByCode(db: Executor, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.select({ id: creditors.id, code: creditors.code }).from(creditors).where(inArray(creditors.code, codes));
  return new Map(rows.map((row) => [row.code, row.id]));
}

type ColumnType = 'uuid' | 'text' | 'int' | 'smallint' | 'bigint' | 'float8' | 'timestamptz';

/** `unnest($1::uuid[], $2::text[], ...)` over the given columns of `rows`. */
function unnestOf<Row>(rows: readonly Row[], columns: readonly (readonly [keyof Row & string, ColumnType])[]): SQL {
  const arrays = columns.map(([key, type]) => sql`${sql.param(rows.map((row) => row[key] ?? null))}::${sql.raw(type)}[]`);
  return sql`unnest(${sql.join(arrays, sql`, `)})`;
}

async function rowsOf<T>(db: Executor, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}

const caseColumns = [
  ['id', 'uuid'], ['creditorId', 'uuid'], ['externalId', 'text'], ['product', 'text'], ['debtorName', 'text'],
  ['debtorIdNumber', 'text'], ['debtorPhone', 'text'], ['principal', 'bigint'], ['interest', 'bigint'], ['fees', 'bigint'],
  ['totalOutstanding', 'bigint'], ['daysPastDue', 'int'], ['bucket', 'text'], ['status', 'text'], ['escalationReason', 'text'],
  ['priority', 'smallint'], ['timeZone', 'text'], ['address', 'text'], ['lat', 'float8'], ['lng', 'float8'],
] as const satisfies readonly (readonly [keyof NewCase, ColumnType])[];

/**
 * Inserts new cases and updates amounts and status of known ones, keyed on (creditor, external id).
 * Returns the rows written: `inserted` tells a new case from an update; unchanged rows are not returned.
 * Addresses of known cases are left alone: after intake they change only through the field.
 */
export async function upsertCases(db: Executor, rows: NewCase[]) {
  // An import says "received" for every open case; it must not undo an assignment.
  const importedStatus = sql`case when excluded.status = 'received' then cases.status else excluded.status end`;
  const written = await rowsOf<{ id: string; creditor_id: string; external_id: string; inserted: boolean }>(
    db,
    sql`insert into cases (id, creditor_id, external_id, product, debtor_name, debtor_id_number, debtor_phone, principal, interest, fees,
          total_outstanding, days_past_due, bucket, status, escalation_reason, priority, time_zone, address, lat, lng)
        select * from ${unnestOf(rows, caseColumns)}
        on conflict (creditor_id, external_id) do update set
          principal = excluded.principal, interest = excluded.interest, fees = excluded.fees,
          total_outstanding = excluded.total_outstanding, days_past_due = excluded.days_past_due, bucket = excluded.bucket,
          status = ${importedStatus}, escalation_reason = excluded.escalation_reason, priority = excluded.priority,
          debtor_phone = excluded.debtor_phone, updated_at = now()
        where (cases.principal, cases.interest, cases.fees, cases.days_past_due, cases.status, cases.escalation_reason, cases.priority, cases.debtor_phone)
          is distinct from (excluded.principal, excluded.interest, excluded.fees, excluded.days_past_due, ${importedStatus}, excluded.escalation_reason, excluded.priority, excluded.debtor_phone)
        returning id, creditor_id, external_id, (xmax = 0) as inserted`,
  );
  return written.map((row) => ({ id: row.id, creditorId: row.creditor_id, externalId: row.external_id, inserted: row.inserted }));
}

export async function insertCaseChildren(db: Executor, addresses: NewAddress[], contacts: NewContact[], notes: NewNote[]) {
  if (addresses.length > 0) {
    await db.execute(sql`insert into case_addresses (id, case_id, kind, address, lat, lng)
      select * from ${unnestOf(addresses, [['id', 'uuid'], ['caseId', 'uuid'], ['kind', 'text'], ['address', 'text'], ['lat', 'float8'], ['lng', 'float8']])}`);
  }
  if (contacts.length > 0) {
    await db.execute(sql`insert into case_contacts (id, case_id, name, relation, phone)
      select * from ${unnestOf(contacts, [['id', 'uuid'], ['caseId', 'uuid'], ['name', 'text'], ['relation', 'text'], ['phone', 'text']])}`);
  }
  if (notes.length > 0) {
    await db.execute(sql`insert into case_notes (id, case_id, written_at, author, channel, body)
      select * from ${unnestOf(notes, [['id', 'uuid'], ['caseId', 'uuid'], ['writtenAt', 'timestamptz'], ['author', 'text'], ['channel', 'text'], ['body', 'text']])}`);
  }
}
