import type { SQL } from 'drizzle-orm';
import { and, asc, desc, eq, gte, ilike, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { CaseFilterQuery, CaseListQuery } from '../../shared/schemas/cases.js';
import type { Executor } from '../db/client.js';
import { caseAddresses, caseContacts, caseNotes, cases, creditors, users, visits } from '../db/schema/index.js';
import { casesOfTeam } from '../dispatch/team.repository.js';
import { openRevisitOfCase } from '../review/decisions.repository.js';

/**
 * Limits what a caller may see: a collector only the cases assigned to them, while assigned;
 * staff restricted to a team (DISPATCH_TEAM_SCOPE=team) the unassigned cases and their team's.
 */
export interface CaseScope {
  collectorId?: string;
  teamId?: string;
}

export type CaseCursor = [value: string | number, id: string];

const sortColumns = {
  priority: cases.priority,
  daysPastDue: cases.daysPastDue,
  totalOutstanding: cases.totalOutstanding,
  receivedAt: cases.receivedAt,
  debtorName: cases.debtorName,
} as const;

const summaryColumns = {
  id: cases.id,
  creditor: creditors.code,
  externalId: cases.externalId,
  product: cases.product,
  debtorName: cases.debtorName,
  debtorIdNumber: cases.debtorIdNumber,
  totalOutstanding: cases.totalOutstanding,
  daysPastDue: cases.daysPastDue,
  bucket: cases.bucket,
  status: cases.status,
  escalationReason: cases.escalationReason,
  priority: cases.priority,
  lat: cases.lat,
  lng: cases.lng,
  address: cases.address,
  assignedCollectorId: cases.assignedCollectorId,
  receivedAt: cases.receivedAt,
  revisit: openRevisitOfCase,
};

export function scopeCondition(scope: CaseScope): SQL | undefined {
  if (scope.teamId !== undefined) return casesOfTeam(scope.teamId);
  if (scope.collectorId === undefined) return undefined;
  return and(eq(cases.assignedCollectorId, scope.collectorId), inArray(cases.status, ['assigned', 'visited']));
}

/** The case table's filters as conditions on `cases` alone (no join), so the map's markers use them too. */
export function filterConditions(query: CaseFilterQuery): (SQL | undefined)[] {
  const { bbox } = query;
  return [
    query.status && inArray(cases.status, query.status),
    query.bucket && inArray(cases.bucket, query.bucket),
    query.escalationReason && inArray(cases.escalationReason, query.escalationReason),
    query.creditor === undefined
      ? undefined
      : inArray(cases.creditorId, sql`(select ${creditors.id} from ${creditors} where ${creditors.code} = ${query.creditor})`),
    query.minDaysPastDue === undefined ? undefined : gte(cases.daysPastDue, query.minDaysPastDue),
    query.maxDaysPastDue === undefined ? undefined : lte(cases.daysPastDue, query.maxDaysPastDue),
    query.minAmount === undefined ? undefined : gte(cases.totalOutstanding, query.minAmount),
    query.maxAmount === undefined ? undefined : lte(cases.totalOutstanding, query.maxAmount),
    query.assignedCollectorId === undefined
      ? undefined
      : query.assignedCollectorId === 'none'
        ? isNull(cases.assignedCollectorId)
        : eq(cases.assignedCollectorId, query.assignedCollectorId),
    query.search
      ? or(ilike(cases.debtorName, `%${escapeLike(query.search)}%`), ilike(cases.externalId, `${escapeLike(query.search)}%`))
      : undefined,
    // Matches the GiST expression index on point(lng, lat).
    bbox
      ? sql`point(${cases.lng}, ${cases.lat}) <@ box(point(${bbox.minLng}, ${bbox.minLat}), point(${bbox.maxLng}, ${bbox.maxLat}))`
      : undefined,
  ];
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listCases(db: Executor, query: CaseListQuery, scope: CaseScope, cursor: CaseCursor | undefined) {
  const column = sortColumns[query.sort];
  const direction = query.order === 'asc' ? asc : desc;
  const comparator = query.order === 'asc' ? sql`>` : sql`<`;
  const cursorCondition = cursor
    ? sql`(${column}, ${cases.id}) ${comparator} (${query.sort === 'receivedAt' ? sql`${cursor[0]}::timestamptz` : cursor[0]}, ${cursor[1]}::uuid)`
    : undefined;
  return db
    .select(summaryColumns)
    .from(cases)
    .innerJoin(creditors, eq(creditors.id, cases.creditorId))
    .where(and(scopeCondition(scope), cursorCondition, ...filterConditions(query)))
    .orderBy(direction(column), direction(cases.id))
    .limit(query.limit + 1);
}

export type CaseSummaryRow = Awaited<ReturnType<typeof listCases>>[number];

/** Full details of the cases among `ids` inside the scope, with addresses, contacts and notes. */
export async function findCases(db: Executor, ids: string[], scope: CaseScope) {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      ...summaryColumns,
      timeZone: cases.timeZone,
      debtorPhone: cases.debtorPhone,
      principal: cases.principal,
      interest: cases.interest,
      fees: cases.fees,
      updatedAt: cases.updatedAt,
      visitingHoursStart: creditors.visitingHoursStart,
      visitingHoursEnd: creditors.visitingHoursEnd,
      recordAudio: creditors.recordAudio,
    })
    .from(cases)
    .innerJoin(creditors, eq(creditors.id, cases.creditorId))
    .where(and(inArray(cases.id, ids), scopeCondition(scope)));
  if (rows.length === 0) return [];
  const found = rows.map((row) => row.id);
  // Sequential on purpose: a transaction's single connection cannot run queries in parallel.
  const addresses = await db.select().from(caseAddresses).where(inArray(caseAddresses.caseId, found)).orderBy(asc(caseAddresses.createdAt), asc(caseAddresses.id));
  const contacts = await db.select().from(caseContacts).where(inArray(caseContacts.caseId, found)).orderBy(asc(caseContacts.id));
  // A collector reads the notes that came with the case and their own, never another collector's (a case handed over keeps them).
  const readable = scope.collectorId === undefined ? undefined : or(isNull(caseNotes.authorId), eq(caseNotes.authorId, scope.collectorId));
  const notes = await db.select().from(caseNotes).where(and(inArray(caseNotes.caseId, found), readable)).orderBy(desc(caseNotes.writtenAt));
  const earlier = await db
    .select({ id: visits.id, caseId: visits.caseId, checkedInAt: visits.checkedInAt, outcome: visits.outcome, notes: visits.notes, collectorId: visits.collectorId, collectorName: users.displayName })
    .from(visits)
    .innerJoin(users, eq(users.id, visits.collectorId))
    .where(inArray(visits.caseId, found))
    .orderBy(desc(visits.createdAt));
  return rows.map((row) => ({
    ...row,
    addresses: addresses.filter((a) => a.caseId === row.id),
    contacts: contacts.filter((c) => c.caseId === row.id),
    notes: notes.filter((n) => n.caseId === row.id),
    previousVisits: earlier
      .filter((v) => v.caseId === row.id)
      .slice(0, 10)
      .map((v) => (scope.collectorId === undefined || v.collectorId === scope.collectorId ? v : { ...v, notes: null })),
  }));
}

export async function findCase(db: Executor, id: string, scope: CaseScope) {
  const [found] = await findCases(db, [id], scope);
  return found;
}
