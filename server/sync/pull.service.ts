// What a collector's device must hold, since a cursor: its assigned cases, tombstones for
// cases it may no longer hold, and today's route.
import type { SessionUser } from '../../shared/schemas/auth.js';
import type { CaseDetail } from '../../shared/schemas/cases.js';
import { type PullResponse, syncProtocolVersion } from '../../shared/schemas/sync.js';
import { listCases } from '../cases/cases.repository.js';
import { caseDetailsFor } from '../cases/cases.service.js';
import type { Database } from '../db/client.js';
import { DomainError } from '../http/errors.js';
import { changesAfter, oldestRunningTransaction } from './pull.repository.js';
import { todaysRoute } from '../dispatch/routes.repository.js';

const snapshotLimit = 2_000;

function parseCursor(cursor: string): { xid: number; seq: number } {
  const [xid, seq] = cursor.split('-').map(Number);
  if (xid === undefined || seq === undefined || !Number.isSafeInteger(xid) || !Number.isSafeInteger(seq)) {
    throw new DomainError(400, 'Not a cursor this server gave out; pull without a cursor to start again.');
  }
  return { xid, seq };
}

export interface PullSettings {
  timeZone: string;
  geofenceRadiusM: number;
  poorAccuracyM: number;
}

export async function pull(db: Database, user: SessionUser, query: { cursor?: string | undefined; limit: number }, settings: PullSettings): Promise<PullResponse> {
  // Read the boundary first: anything committed after it is sent again next time, never lost.
  const below = await oldestRunningTransaction(db);
  const route = await todaysRoute(db, user.id, settings.timeZone);
  const base = {
    protocolVersion: syncProtocolVersion,
    route,
    settings: { geofenceRadiusM: settings.geofenceRadiusM, poorAccuracyM: settings.poorAccuracyM },
    serverTime: new Date().toISOString(),
  } as const;

  if (query.cursor === undefined) {
    const ids = (await listCases(db, { sort: 'priority', order: 'desc', limit: snapshotLimit }, { collectorId: user.id }, undefined)).map((c) => c.id);
    return { ...base, cursor: `${below}-0`, hasMore: false, snapshot: true, cases: await caseDetailsFor(db, user, ids), removedCaseIds: [] };
  }

  const after = parseCursor(query.cursor);
  const changes = await changesAfter(db, user.id, after, below, query.limit);
  const last = changes.at(-1);
  const touched = [...new Set(changes.map((c) => c.caseId))];
  // The current state decides, whatever the order of the changes: a case in scope now is sent, any other is removed.
  const cases: CaseDetail[] = await caseDetailsFor(db, user, touched);
  const present = new Set(cases.map((c) => c.id));
  return {
    ...base,
    cursor: last ? `${last.xid}-${last.seq}` : query.cursor,
    hasMore: changes.length === query.limit,
    snapshot: false,
    cases,
    removedCaseIds: touched.filter((id) => !present.has(id)),
  };
}
