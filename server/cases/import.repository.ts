import { inArray, sql } from 'drizzle-orm';
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

// An import says "received" for every open case; it must not undo an assignment.
const importedStatus = sql`case when excluded.status = 'received' then ${cases.status} else excluded.status end`;
const changed = sql`(${cases.principal}, ${cases.interest}, ${cases.fees}, ${cases.daysPastDue}, ${cases.status}, ${cases.escalationReason}, ${cases.priority}, ${cases.debtorPhone})
  is distinct from (excluded.principal, excluded.interest, excluded.fees, excluded.days_past_due, ${importedStatus}, excluded.escalation_reason, excluded.priority, excluded.debtor_phone)`;

/**
 * Inserts new cases and updates amounts and status of known ones, keyed on (creditor, external id).
 * Returns the rows written: `inserted` tells a new case from an update; unchanged rows are not returned.
 * Addresses of known cases are left alone: after intake they change only through the field.
 */
export async function upsertCases(db: Executor, rows: NewCase[]) {
  return db
    .insert(cases)
    .values(rows)
    .onConflictDoUpdate({
      target: [cases.creditorId, cases.externalId],
      set: {
        principal: sql`excluded.principal`,
        interest: sql`excluded.interest`,
        fees: sql`excluded.fees`,
        totalOutstanding: sql`excluded.total_outstanding`,
        daysPastDue: sql`excluded.days_past_due`,
        bucket: sql`excluded.bucket`,
        status: importedStatus,
        escalationReason: sql`excluded.escalation_reason`,
        priority: sql`excluded.priority`,
        debtorPhone: sql`excluded.debtor_phone`,
        updatedAt: sql`now()`,
      },
      setWhere: changed,
    })
    .returning({ id: cases.id, creditorId: cases.creditorId, externalId: cases.externalId, inserted: sql<boolean>`(xmax = 0)` });
}

export async function insertCaseChildren(db: Executor, addresses: NewAddress[], contacts: NewContact[], notes: NewNote[]) {
  if (addresses.length > 0) await db.insert(caseAddresses).values(addresses);
  if (contacts.length > 0) await db.insert(caseContacts).values(contacts);
  if (notes.length > 0) await db.insert(caseNotes).values(notes);
}
