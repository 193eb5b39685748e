// Reading and handling risk signals: the feed for the risk system, the supervisors' board (limited
// to their team when teams are restricted), and acknowledgement (audited).
import type { SessionUser } from '../../shared/schemas/auth.js';
import type { RiskBoardItem, RiskBoardResponse, RiskFeedResponse, riskBoardQuery, riskFeedQuery } from '../../shared/schemas/risk.js';
import type { z } from 'zod';
import { writeAudit } from '../audit/audit.repository.js';
import type { Database } from '../db/client.js';
import { DomainError, notFound } from '../http/errors.js';
import { oldestRunningTransaction } from '../sync/pull.repository.js';
import { acknowledgeSignal, boardCounts, boardItems, cursorOf, signalsAfter } from './risk.repository.js';

function parseCursor(text: string | undefined): { xid: number; seq: number } {
  if (text === undefined) return { xid: 0, seq: 0 };
  const [xid, seq] = text.split('-').map(Number) as [number, number];
  if (!Number.isSafeInteger(xid) || !Number.isSafeInteger(seq))
    throw new DomainError(400, 'Not a cursor this server gave out; start again without `after`.');
  return { xid, seq };
}

/**
 * Signals in the order their transactions finished: a reader that follows nextCursor sees each once,
 * none skipped. `team` (staff limited to a team) keeps to that team's collectors' visits.
 */
export async function readFeed(db: Database, query: z.output<typeof riskFeedQuery>, team: string | null = null): Promise<RiskFeedResponse> {
  const after = parseCursor(query.after);
  const below = await oldestRunningTransaction(db);
  const rows = await signalsAfter(db, after, below, query.limit + 1, team);
  const signals = rows.slice(0, query.limit);
  const last = signals.at(-1);
  return { signals, nextCursor: last ? last.cursor : cursorOf(after), hasMore: rows.length > query.limit };
}

export async function readBoard(db: Database, query: z.output<typeof riskBoardQuery>, team: string | null): Promise<RiskBoardResponse> {
  if (team !== null && query.teamId !== undefined && query.teamId !== team) {
    throw new DomainError(403, 'You see only your own team’s signals. Leave out teamId or choose your team.');
  }
  const filter = { statuses: query.status, types: query.type, severities: query.severity, teamId: team ?? query.teamId, bbox: query.bbox };
  const [signals, counts] = [await boardItems(db, filter, query.limit), await boardCounts(db, filter)];
  return { signals, counts, total: counts.reduce((sum, c) => sum + c.count, 0) };
}

/** A signal as the board shows it, if `team` (null: every team) may see it. */
export async function boardSignal(db: Database, id: string, team: string | null): Promise<RiskBoardItem | undefined> {
  const [item] = await boardItems(db, { statuses: ['open', 'acknowledged', 'closed'], ids: [id], teamId: team ?? undefined }, 1);
  return item;
}

/** Open → acknowledged by `user`; acknowledging again answers the signal as it is; a closed one is refused. */
export async function acknowledge(
  db: Database,
  user: SessionUser,
  id: string,
  note: string | undefined,
  team: string | null,
): Promise<RiskBoardItem> {
  const before = await boardSignal(db, id, team);
  if (!before) throw notFound('Risk signal');
  if (before.status === 'closed') throw new DomainError(409, 'This signal is already closed; there is nothing to acknowledge.');
  if (before.status === 'open') {
    await db.transaction(async (tx) => {
      if (!(await acknowledgeSignal(tx, id, user.id, note ?? null))) return;
      await writeAudit(tx, {
        actorUserId: user.id,
        actorRole: user.role,
        action: 'risk.acknowledge',
        subjectType: 'risk_signal',
        subjectId: id,
        detail: { caseId: before.caseId, type: before.type, ...(note ? { note } : {}) },
      });
    });
  }
  return (await boardSignal(db, id, team)) ?? before;
}
