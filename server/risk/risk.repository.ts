// Risk signals in the database: the parts a sync push adds to its one statement, the feed, the
// supervisors' board and acknowledgement.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { riskActions } from '../../shared/risk.js';
import type { RiskBoardItem, RiskSignal } from '../../shared/schemas/risk.js';
import { bulkInsert } from '../db/bulk.js';
import type { Executor } from '../db/client.js';
import { caseRisk, cases, creditors, riskDeliveries, riskSignals, teams, users, visits } from '../db/schema/index.js';
import type { RiskWrites } from './risk.assess.js';

const signalInsertColumns = [
  'id',
  'findings',
  'caseId',
  'visitId',
  'type',
  'severity',
  'reason',
  'status',
  'dueOn',
  'occurredAt',
  'closedAt',
  'closedReason',
] as const;

/** New signals, their webhook outbox rows only for signals not already stored, exactly once. */
export function newSignalParts(signals: RiskWrites['signals'], deliver: boolean): SQL[] {
  if (signals.length === 0) return [];
  const parts = [sql`${bulkInsert(riskSignals, signalInsertColumns, signals)} on conflict do nothing`];
  if (deliver) {
    // Sibling CTEs share the statement's snapshot, so "not stored yet" means "inserted by this statement".
    parts.push(sql`insert into ${riskDeliveries} (signal_id)
      select n.id from unnest(${sql.param(signals.map((s) => s.id))}::uuid[]) as n(id)
      where not exists (select 1 from ${riskSignals} s where s.id = n.id)
      on conflict do nothing`);
  }
  return parts;
}

/**
 * What a sync push writes for risk, as parts of its one statement (see sync.repository.ts writePush):
 * the signals and their outbox rows, each case's level (an older visit never overrides a newer
 * assessment), and the earlier open promises a payment or a newer promise closes.
 */
export function riskPushParts(writes: RiskWrites): SQL[] {
  const parts = newSignalParts(writes.signals, writes.deliver);
  if (writes.caseLevels.length > 0) {
    parts.push(sql`${bulkInsert(caseRisk, ['caseId', 'level', 'abilityWillingness', 'visitId', 'assessedAt'], writes.caseLevels)}
      on conflict (case_id) do update set level = excluded.level, ability_willingness = excluded.ability_willingness,
        visit_id = excluded.visit_id, assessed_at = excluded.assessed_at, updated_at = now()
      where ${caseRisk.assessedAt} <= excluded.assessed_at`);
  }
  if (writes.settled.length > 0) {
    const { settled } = writes;
    parts.push(sql`update ${riskSignals} s set status = 'closed', closed_at = now(), closed_reason = x.reason
      from unnest(${sql.param(settled.map((x) => x.caseId))}::uuid[], ${sql.param(settled.map((x) => x.visitId))}::uuid[],
        ${sql.param(settled.map((x) => x.before.toISOString()))}::timestamptz[], ${sql.param(settled.map((x) => x.reason))}::text[]) as x(case_id, visit_id, before, reason)
      where s.case_id = x.case_id and s.type = 'promise_made' and s.status <> 'closed' and s.visit_id <> x.visit_id and s.occurred_at < x.before`);
  }
  return parts;
}

const signalColumns = {
  id: riskSignals.id,
  xid: riskSignals.xid,
  seq: riskSignals.seq,
  caseId: riskSignals.caseId,
  creditor: creditors.code,
  caseExternalId: cases.externalId,
  visitId: riskSignals.visitId,
  type: riskSignals.type,
  severity: riskSignals.severity,
  reason: riskSignals.reason,
  findings: riskSignals.findings,
  status: riskSignals.status,
  dueOn: riskSignals.dueOn,
  createdAt: riskSignals.createdAt,
  acknowledgedAt: riskSignals.acknowledgedAt,
  closedAt: riskSignals.closedAt,
};
export interface SignalRow {
  id: string;
  xid: number;
  seq: number;
  caseId: string;
  creditor: string;
  caseExternalId: string;
  visitId: string;
  type: RiskSignal['type'];
  severity: RiskSignal['severity'];
  reason: string;
  findings: RiskSignal['findings'];
  status: RiskSignal['status'];
  dueOn: string | null;
  createdAt: Date;
  acknowledgedAt: Date | null;
  closedAt: Date | null;
}

export const cursorOf = (row: { xid: number; seq: number }) => `${row.xid}-${row.seq}`;

export function toSignal(row: SignalRow): RiskSignal {
  return {
    id: row.id,
    cursor: cursorOf(row),
    caseId: row.caseId,
    creditor: row.creditor,
    caseExternalId: row.caseExternalId,
    visitId: row.visitId,
    type: row.type,
    severity: row.severity,
    reason: row.reason,
    findings: row.findings,
    action: riskActions[row.type],
    status: row.status,
    dueOn: row.dueOn,
    createdAt: row.createdAt.toISOString(),
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}

/**
 * Signals after the cursor, from finished transactions only (`below`: the oldest still running), in
 * order; with `teamId`, only those of visits by that team's collectors (the board's rule).
 */
export async function signalsAfter(
  db: Executor,
  after: { xid: number; seq: number },
  below: number,
  limit: number,
  teamId: string | null = null,
): Promise<RiskSignal[]> {
  const ofTeam =
    teamId === null
      ? undefined
      : sql`exists (select 1 from ${visits} join ${users} on ${users.id} = ${visits.collectorId} where ${visits.id} = ${riskSignals.visitId} and ${users.teamId} = ${teamId})`;
  const rows = await db
    .select(signalColumns)
    .from(riskSignals)
    .innerJoin(cases, eq(cases.id, riskSignals.caseId))
    .innerJoin(creditors, eq(creditors.id, cases.creditorId))
    .where(and(sql`(${riskSignals.xid}, ${riskSignals.seq}) > (${after.xid}, ${after.seq})`, sql`${riskSignals.xid} < ${below}`, ofTeam))
    .orderBy(asc(riskSignals.xid), asc(riskSignals.seq))
    .limit(limit);
  return rows.map(toSignal);
}

export interface BoardFilter {
  statuses: RiskSignal['status'][];
  types?: RiskSignal['type'][] | undefined;
  severities?: RiskSignal['severity'][] | undefined;
  teamId?: string | undefined;
  bbox?: { minLng: number; minLat: number; maxLng: number; maxLat: number } | undefined;
  ids?: string[];
}

const severityOrder = sql`array_position(array['info', 'low', 'medium', 'high']::text[], ${riskSignals.severity})`;

function boardWhere(filter: BoardFilter): SQL | undefined {
  const { bbox } = filter;
  return and(
    inArray(riskSignals.status, filter.statuses),
    filter.types ? inArray(riskSignals.type, filter.types) : undefined,
    filter.severities ? inArray(riskSignals.severity, filter.severities) : undefined,
    filter.teamId ? eq(users.teamId, filter.teamId) : undefined,
    bbox
      ? sql`${cases.lng} between ${bbox.minLng} and ${bbox.maxLng} and ${cases.lat} between ${bbox.minLat} and ${bbox.maxLat}`
      : undefined,
    filter.ids ? inArray(riskSignals.id, filter.ids) : undefined,
  );
}

/** The board's rows: signals with their case's place and level, the visit's collector and team; gravest, then newest, first. */
export async function boardItems(db: Executor, filter: BoardFilter, limit: number): Promise<RiskBoardItem[]> {
  const rows = await db
    .select({
      ...signalColumns,
      caseRiskLevel: caseRisk.level,
      debtorName: cases.debtorName,
      address: cases.address,
      lat: cases.lat,
      lng: cases.lng,
      timeZone: cases.timeZone,
      collectorId: visits.collectorId,
      collectorName: users.displayName,
      teamId: users.teamId,
      teamName: teams.name,
    })
    .from(riskSignals)
    .innerJoin(cases, eq(cases.id, riskSignals.caseId))
    .innerJoin(creditors, eq(creditors.id, cases.creditorId))
    .innerJoin(visits, eq(visits.id, riskSignals.visitId))
    .innerJoin(users, eq(users.id, visits.collectorId))
    .leftJoin(teams, eq(teams.id, users.teamId))
    .leftJoin(caseRisk, eq(caseRisk.caseId, riskSignals.caseId))
    .where(boardWhere(filter))
    .orderBy(desc(severityOrder), desc(riskSignals.createdAt), desc(riskSignals.seq))
    .limit(limit);
  return rows.map((row) => ({
    ...toSignal(row),
    caseRiskLevel: row.caseRiskLevel,
    debtorName: row.debtorName,
    address: row.address,
    lat: row.lat,
    lng: row.lng,
    timeZone: row.timeZone,
    collectorId: row.collectorId,
    collectorName: row.collectorName,
    teamId: row.teamId,
    teamName: row.teamName,
  }));
}

/** Every signal the filter matches, counted by the visit's team, type and severity. */
export async function boardCounts(db: Executor, filter: BoardFilter) {
  return db
    .select({
      teamId: users.teamId,
      teamName: teams.name,
      type: riskSignals.type,
      severity: riskSignals.severity,
      count: sql<number>`count(*)::int`,
    })
    .from(riskSignals)
    .innerJoin(cases, eq(cases.id, riskSignals.caseId))
    .innerJoin(visits, eq(visits.id, riskSignals.visitId))
    .innerJoin(users, eq(users.id, visits.collectorId))
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(boardWhere(filter))
    .groupBy(users.teamId, teams.name, riskSignals.type, riskSignals.severity);
}

/** Open → acknowledged; answers whether this call changed it. */
export async function acknowledgeSignal(db: Executor, id: string, by: string, note: string | null): Promise<boolean> {
  const changed = await db
    .update(riskSignals)
    .set({ status: 'acknowledged', acknowledgedAt: new Date(), acknowledgedBy: by, acknowledgementNote: note })
    .where(and(eq(riskSignals.id, id), eq(riskSignals.status, 'open')))
    .returning({ id: riskSignals.id });
  return changed.length > 0;
}
