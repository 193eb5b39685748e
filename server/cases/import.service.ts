// Case intake: each row validated on its own, idempotent on (creditor, external id).
import type { z } from 'zod';
import { bucketFor } from '../../shared/cases.js';
import { toWgs84 } from '../../shared/geo.js';
import type { SessionUser } from '../../shared/schemas/auth.js';
import type { CaseImportResult, CaseImportRow } from '../../shared/schemas/cases.js';
import { caseImportRow } from '../../shared/schemas/cases.js';
import { writeAudit } from '../audit/audit.repository.js';
import type { Database } from '../db/client.js';
import { newId } from '../ids.js';
import type { NewAddress, NewCase, NewContact, NewNote } from './import.repository.js';
import { creditorIdsByCode, insertCaseChildren, upsertCases } from './import.repository.js';

export interface ImportOptions {
  defaultTimeZone: string;
  /** Rows written per transaction. */
  chunkSize?: number;
  onProgress?: (done: number, total: number) => void;
}

type Rejection = CaseImportResult['rejected'][number];

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

function externalIdOf(row: unknown): string | null {
  if (typeof row === 'object' && row !== null && 'externalId' in row && typeof row.externalId === 'string') return row.externalId;
  return null;
}

interface ValidRow {
  row: number;
  creditorId: string;
  value: CaseImportRow;
}

/** Validates every row, then drops duplicates inside the batch and rows of unknown creditors. */
async function validateRows(db: Database, rows: readonly unknown[]): Promise<{ valid: ValidRow[]; rejected: Rejection[] }> {
  const rejected: Rejection[] = [];
  const parsed: { row: number; value: CaseImportRow }[] = [];
  rows.forEach((raw, index) => {
    const result = caseImportRow.safeParse(raw);
    if (result.success) parsed.push({ row: index + 1, value: result.data });
    else rejected.push({ row: index + 1, externalId: externalIdOf(raw), reason: describeIssues(result.error) });
  });

  const creditorIds = await creditorIdsByCode(db, [...new Set(parsed.map((p) => p.value.creditor))]);
  const firstRowOf = new Map<string, number>();
  const valid: ValidRow[] = [];
  for (const { row, value } of parsed) {
    const creditorId = creditorIds.get(value.creditor);
    if (creditorId === undefined) {
      rejected.push({ row, externalId: value.externalId, reason: `Unknown creditor "${value.creditor}". Ask an administrator to register it first.` });
      continue;
    }
    const key = `${value.creditor}\u0000${value.externalId}`;
    const first = firstRowOf.get(key);
    if (first !== undefined) {
      rejected.push({ row, externalId: value.externalId, reason: `Duplicate of row ${first}: the same creditor and external id appear twice in this import.` });
      continue;
    }
    firstRowOf.set(key, row);
    valid.push({ row, creditorId, value });
  }
  rejected.sort((a, b) => a.row - b.row);
  return { valid, rejected };
}

function toNewCase(id: string, creditorId: string, row: CaseImportRow, defaultTimeZone: string): NewCase {
  const first = row.addresses[0]!;
  const position = toWgs84(first, first.coordinateSystem);
  const { principal, interest, fees } = row.amounts;
  return {
    id,
    creditorId,
    externalId: row.externalId,
    product: row.product,
    debtorName: row.debtor.name,
    debtorIdNumber: row.debtor.idNumber,
    debtorPhone: row.debtor.phone ?? null,
    principal,
    interest,
    fees,
    totalOutstanding: principal + interest + fees,
    daysPastDue: row.daysPastDue,
    bucket: bucketFor(row.daysPastDue),
    status: row.status ?? 'received',
    escalationReason: row.escalationReason,
    priority: row.priority,
    timeZone: row.timeZone ?? defaultTimeZone,
    address: first.address,
    lat: position.lat,
    lng: position.lng,
  };
}

function childrenOf(caseId: string, row: CaseImportRow) {
  const addresses: NewAddress[] = row.addresses.map((a) => ({ id: newId(), caseId, kind: a.kind, address: a.address, ...toWgs84(a, a.coordinateSystem) }));
  const contacts: NewContact[] = row.contacts.map((c) => ({ id: newId(), caseId, name: c.name, relation: c.relation, phone: c.phone ?? null }));
  const notes: NewNote[] = row.notes.map((n) => ({ id: newId(), caseId, writtenAt: new Date(n.writtenAt), author: n.author, channel: n.channel, body: n.body }));
  return { addresses, contacts, notes };
}

export async function importCases(
  db: Database,
  actor: Pick<SessionUser, 'id' | 'role'> | null,
  rows: readonly unknown[],
  options: ImportOptions,
): Promise<CaseImportResult> {
  const { valid, rejected } = await validateRows(db, rows);
  const chunkSize = options.chunkSize ?? 500;
  let accepted = 0;
  let updated = 0;
  let written = 0;
  const writeChunk = async (chunk: ValidRow[]) => {
    await db.transaction(async (tx) => {
      const proposed = chunk.map((v) => ({ id: newId(), v }));
      const upserted = await upsertCases(tx, proposed.map(({ id, v }) => toNewCase(id, v.creditorId, v.value, options.defaultTimeZone)));
      const byKey = new Map(proposed.map((p) => [`${p.v.creditorId}\u0000${p.v.value.externalId}`, p]));
      const addresses: NewAddress[] = [];
      const contacts: NewContact[] = [];
      const notes: NewNote[] = [];
      for (const row of upserted) {
        if (!row.inserted) {
          updated += 1;
          continue;
        }
        accepted += 1;
        const source = byKey.get(`${row.creditorId}\u0000${row.externalId}`);
        if (!source) continue;
        const children = childrenOf(row.id, source.v.value);
        addresses.push(...children.addresses);
        contacts.push(...children.contacts);
        notes.push(...children.notes);
      }
      await insertCaseChildren(tx, addresses, contacts, notes);
    });
    written += chunk.length;
    options.onProgress?.(written, valid.length);
  };
  // Two batches in flight: one is being prepared here while the database writes the other.
  // Batches hold distinct keys (duplicates were rejected above), so they never contend.
  const chunks: ValidRow[][] = [];
  for (let start = 0; start < valid.length; start += chunkSize) chunks.push(valid.slice(start, start + chunkSize));
  let nextChunk = 0;
  const writer = async () => {
    for (let chunk = chunks[nextChunk++]; chunk !== undefined; chunk = chunks[nextChunk++]) await writeChunk(chunk);
  };
  await Promise.all([writer(), writer()]);
  const result = { received: rows.length, accepted, updated, unchanged: valid.length - accepted - updated, rejected };
  await writeAudit(db, {
    actorUserId: actor?.id ?? null,
    actorRole: actor?.role ?? 'cli',
    action: 'case.import',
    subjectType: 'case',
    subjectId: null,
    detail: { received: result.received, accepted, updated, unchanged: result.unchanged, rejected: rejected.length },
  });
  return result;
}
