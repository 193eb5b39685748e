import { maskIdNumber } from '../../shared/cases.js';
import type { SessionUser } from '../../shared/schemas/auth.js';
import type { CaseDetail, CaseListQuery, CaseListResponse, CaseSummary } from '../../shared/schemas/cases.js';
import { writeAudit } from '../audit/audit.repository.js';
import { type DispatchTeamScope, visibleTeam } from '../dispatch/team-scope.js';
import type { Database } from '../db/client.js';
import { DomainError, notFound } from '../http/errors.js';
import type { CaseCursor, CaseScope, CaseSummaryRow } from './cases.repository.js';
import { findCase, findCases, listCases } from './cases.repository.js';

export function scopeFor(user: SessionUser, teamScope: DispatchTeamScope = 'all'): CaseScope {
  if (user.role === 'collector') return { collectorId: user.id };
  const team = visibleTeam(user, teamScope);
  return team === null ? {} : { teamId: team };
}

function encodeCursor(cursor: CaseCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string): CaseCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      (typeof value[0] === 'string' || typeof value[0] === 'number') &&
      typeof value[1] === 'string' &&
      /^[0-9a-f-]{36}$/i.test(value[1])
    ) {
      return [value[0], value[1]];
    }
  } catch {
    // fall through to the refusal below
  }
  throw new DomainError(400, 'The cursor is not one this server gave out. Start again from the first page.');
}

function toSummary(row: CaseSummaryRow): CaseSummary {
  const { debtorIdNumber, receivedAt, revisit, ...rest } = row;
  return {
    ...rest,
    debtorIdNumberMasked: maskIdNumber(debtorIdNumber),
    receivedAt: receivedAt.toISOString(),
    revisit: revisit ? { reason: revisit.reason, requestedAt: new Date(revisit.requestedAt).toISOString(), visitId: revisit.visitId } : null,
  };
}

export async function searchCases(db: Database, user: SessionUser, query: CaseListQuery, teamScope: DispatchTeamScope = 'all'): Promise<CaseListResponse> {
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const rows = await listCases(db, query, scopeFor(user, teamScope), cursor);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor([query.sort === 'receivedAt' ? last.receivedAt.toISOString() : last[query.sort], last.id])
      : null;
  return { cases: page.map(toSummary), nextCursor };
}

type FoundCase = NonNullable<Awaited<ReturnType<typeof findCase>>>;

function toDetail(found: FoundCase): CaseDetail {
  const { addresses, contacts, notes, principal, interest, fees, updatedAt, visitingHoursStart, visitingHoursEnd, recordAudio, previousVisits, ...summary } = found;
  return {
    ...toSummary(summary),
    timeZone: summary.timeZone,
    debtorPhone: summary.debtorPhone,
    amounts: { principal, interest, fees, totalOutstanding: summary.totalOutstanding },
    addresses: addresses.map(({ id: addressId, kind, address, lat, lng }) => ({ id: addressId, kind, address, lat, lng })),
    contacts: contacts.map(({ id: contactId, name, relation, phone }) => ({ id: contactId, name, relation, phone })),
    notes: notes.map((note) => ({ id: note.id, writtenAt: note.writtenAt.toISOString(), author: note.author, channel: note.channel, body: note.body })),
    visitingHours: { start: visitingHoursStart.slice(0, 5), end: visitingHoursEnd.slice(0, 5) },
    recordAudio,
    previousVisits: previousVisits.map((v) => ({ id: v.id, checkedInAt: v.checkedInAt?.toISOString() ?? null, outcome: v.outcome, collectorName: v.collectorName, notes: v.notes })),
    updatedAt: updatedAt.toISOString(),
  };
}

/** Every read of a case's details is audited; another collector's case is simply not found. */
export async function readCase(db: Database, user: SessionUser, id: string, teamScope: DispatchTeamScope = 'all'): Promise<CaseDetail> {
  const found = await findCase(db, id, scopeFor(user, teamScope));
  if (!found) throw notFound('Case');
  await writeAudit(db, { actorUserId: user.id, actorRole: user.role, action: 'case.view', subjectType: 'case', subjectId: id });
  return toDetail(found);
}

/** Details of many cases at once (a device's pull), audited as one read listing them. */
export async function caseDetailsFor(db: Database, user: SessionUser, ids: string[]): Promise<CaseDetail[]> {
  const found = await findCases(db, ids, scopeFor(user));
  if (found.length > 0) {
    await writeAudit(db, { actorUserId: user.id, actorRole: user.role, action: 'case.sync', subjectType: 'case', subjectId: null, detail: { caseIds: found.map((c) => c.id) } });
  }
  return found.map(toDetail);
}
