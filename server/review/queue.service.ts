import type { ReviewQueueItem, ReviewQueueQuery, ReviewQueueResponse } from '../../shared/schemas/review.js';
import { zonedInstant } from '../../shared/zoned-time.js';
import type { Database } from '../db/client.js';
import { DomainError } from '../http/errors.js';
import { type QueueCursor, type QueueRow, queuePageIds, queueRows } from './queue.repository.js';
import { reviewStatusOf, riskOf } from './review.rules.js';

const encodeCursor = (cursor: QueueCursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');

function decodeCursor(text: string): QueueCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      Number.isInteger(value[0]) &&
      typeof value[1] === 'string' &&
      /^[0-9a-f-]{36}$/i.test(value[1])
    ) {
      return [value[0] as number, value[1]];
    }
  } catch {
    // refused below
  }
  throw new DomainError(400, 'The cursor is not one this server gave out. Start again from the first page.');
}

function nextDay(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

function toItem(row: QueueRow): ReviewQueueItem {
  const settlement =
    row.promiseKind === 'settlement_requested'
      ? row.settlementDecision === 'approved' || row.settlementDecision === 'refused'
        ? row.settlementDecision
        : 'pending'
      : null;
  return {
    visitId: row.visitId,
    caseId: row.caseId,
    caseExternalId: row.caseExternalId,
    creditor: row.creditor,
    debtorName: row.debtorName,
    collector: { id: row.collectorId, name: row.collectorName, teamId: row.teamId, teamName: row.teamName },
    checkedInAt: row.checkedInAt?.toISOString() ?? null,
    recordedAt: row.recordedAt?.toISOString() ?? null,
    timeZone: row.timeZone,
    outcome: row.outcome,
    evidenceScore: row.evidenceScore,
    risk: riskOf(row.evidenceFlags),
    flags: row.evidenceFlags.map(({ code, severity }) => ({ code, severity })),
    photos: row.photos,
    status: reviewStatusOf(row.evidenceDecision),
    settlement,
    openComplaints: row.openComplaints,
  };
}

/** A page of the queue; dates are days in the service's zone (TIME_ZONE), both ends included. */
export async function reviewQueue(
  db: Database,
  query: ReviewQueueQuery,
  options: { scopeTeam: string | null; timeZone: string },
): Promise<ReviewQueueResponse> {
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const ids = await queuePageIds(
    db,
    {
      statuses: query.status,
      scopeTeam: options.scopeTeam,
      teamId: query.teamId,
      collectorId: query.collectorId,
      outcomes: query.outcome,
      from: query.from === undefined ? undefined : zonedInstant(query.from, 0, options.timeZone),
      until: query.to === undefined ? undefined : zonedInstant(nextDay(query.to), 0, options.timeZone),
    },
    cursor,
    query.limit + 1,
  );
  const page = ids.slice(0, query.limit);
  const rows = new Map(
    (
      await queueRows(
        db,
        page.map((p) => p.id),
      )
    ).map((row) => [row.visitId, row]),
  );
  const last = page.at(-1);
  return {
    visits: page.flatMap((p) => {
      const row = rows.get(p.id);
      return row ? [toItem(row)] : [];
    }),
    nextCursor: ids.length > query.limit && last ? encodeCursor([last.evidenceScore, last.id]) : null,
  };
}
