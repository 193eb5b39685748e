// The webhook outbox (risk_deliveries): claiming due rows under a lease, and recording each
// attempt's result. Every instance's poller runs these; `skip locked` keeps them off each other's rows.
import { sql } from 'drizzle-orm';
import { rowsOf } from '../db/bulk.js';
import type { Executor } from '../db/client.js';
import type { RiskSignal } from '../../shared/schemas/risk.js';
import { cases, creditors, riskDeliveries, riskSignals } from '../db/schema/index.js';
import { type SignalRow, toSignal } from './risk.repository.js';

export interface ClaimedDelivery {
  signal: RiskSignal;
  /** Attempts so far, this one included. */
  attempts: number;
}

/**
 * Takes up to `limit` due deliveries, with their signals, and pushes them `leaseMs` ahead while they
 * are attempted: a row another instance holds is skipped, and a row whose instance died comes due
 * again by itself. One round trip.
 */
export async function claimDueDeliveries(db: Executor, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
  const rows = await rowsOf<
    SignalRow & { attempts: number; createdAt: Date | string; acknowledgedAt: Date | string | null; closedAt: Date | string | null }
  >(
    db,
    sql`with claimed as (
        update ${riskDeliveries} d set next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000}), attempts = d.attempts + 1
        where d.signal_id in (
          select signal_id from ${riskDeliveries}
          where delivered_at is null and next_attempt_at <= now()
          order by next_attempt_at limit ${limit}
          for update skip locked)
        returning d.signal_id, d.attempts
      )
      select claimed.attempts, s.id, s.xid, s.seq, s.case_id as "caseId", cr.code as creditor, c.external_id as "caseExternalId", s.visit_id as "visitId",
        s.type, s.severity, s.reason, s.findings, s.status, s.due_on::text as "dueOn", s.created_at as "createdAt", s.acknowledged_at as "acknowledgedAt", s.closed_at as "closedAt"
      from claimed join ${riskSignals} s on s.id = claimed.signal_id join ${cases} c on c.id = s.case_id join ${creditors} cr on cr.id = c.creditor_id`,
  );
  const instant = (value: Date | string) => (value instanceof Date ? value : new Date(value));
  return rows.map(({ attempts, ...row }) => ({
    attempts: Number(attempts),
    signal: toSignal({
      ...row,
      xid: Number(row.xid),
      seq: Number(row.seq),
      createdAt: instant(row.createdAt),
      acknowledgedAt: row.acknowledgedAt === null ? null : instant(row.acknowledgedAt),
      closedAt: row.closedAt === null ? null : instant(row.closedAt),
    }),
  }));
}

export interface FailedDelivery {
  signalId: string;
  retryInMs: number;
  error: string;
}

/** One statement for a batch's results: delivered rows are done, failed ones come due after their backoff. */
export async function recordDeliveryResults(db: Executor, delivered: string[], failed: FailedDelivery[]): Promise<void> {
  if (delivered.length === 0 && failed.length === 0) return;
  await db.execute(sql`with done as (
      update ${riskDeliveries} set delivered_at = now(), last_error = null
      where signal_id = any(${sql.param(delivered)}::uuid[]) and delivered_at is null
    ), retry as (
      update ${riskDeliveries} d set next_attempt_at = now() + make_interval(secs => x.retry_ms / 1000.0), last_error = x.error
      from unnest(${sql.param(failed.map((f) => f.signalId))}::uuid[], ${sql.param(failed.map((f) => Math.round(f.retryInMs)))}::bigint[],
        ${sql.param(failed.map((f) => f.error.slice(0, 500)))}::text[]) as x(signal_id, retry_ms, error)
      where d.signal_id = x.signal_id and d.delivered_at is null
    ) select 1`);
}

/** Deliveries not yet made, for health and tests. */
export async function pendingDeliveries(db: Executor): Promise<number> {
  const [row] = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from ${riskDeliveries} where delivered_at is null`);
  return Number(row?.n ?? 0);
}
