// Queries of case intake; batches are written with bulkInsert (one array per column).
import { inArray, sql } from 'drizzle-orm';
import { bulkInsert, rowsOf } from '../db/bulk.js';
import type { Executor } from '../db/client.js';
import { caseAddresses, caseContacts, caseNotes, cases, creditors } from '../db/schema/index.js';

export type NewCase = typeof cases.$inferInsert;
export type NewAddress = typeof caseAddresses.$inferInsert;
export type NewContact = typeof caseContacts.$inferInsert;
export type NewNote = typeof caseNotes.$inferInsert;

export async function creditorIdsByCode(db: Executor, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.select({ id: creditors.id, code: creditors.code }).from(creditors).where(inArray(creditors.code, codes));
  return new Map(rows.map((row) => [row.code, row.id]));
}

const caseColumns = [
  'id', 'creditorId', 'externalId', 'product', 'debtorName', 'debtorIdNumber', 'debtorPhone', 'principal', 'interest', 'fees',
  'totalOutstanding', 'daysPastDue', 'bucket', 'status', 'escalationReason', 'priority', 'timeZone', 'address', 'lat', 'lng',
] as const satisfies readonly (keyof NewCase)[];

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
    sql`${bulkInsert(cases, caseColumns, rows)}
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
  if (addresses.length > 0) await db.execute(bulkInsert(caseAddresses, ['id', 'caseId', 'kind', 'address', 'lat', 'lng'], addresses));
  if (contacts.length > 0) await db.execute(bulkInsert(caseContacts, ['id', 'caseId', 'name', 'relation', 'phone'], contacts));
  if (notes.length > 0) await db.execute(bulkInsert(caseNotes, ['id', 'caseId', 'writtenAt', 'author', 'channel', 'body'], notes));
}
