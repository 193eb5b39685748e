// Promises to pay whose due date may have passed, and the statement that marks them broken.
import { sql } from 'drizzle-orm';
import type { RiskLevel } from '../../shared/risk.js';
import { rowsOf } from '../db/bulk.js';
import type { Executor } from '../db/client.js';
import { caseRisk, cases, riskDeliveries, riskSignals, visits } from '../db/schema/index.js';

export interface PromiseDue {
  signalId: string;
  caseId: string;
  visitId: string;
  dueOn: string;
  timeZone: string;
  amount: number | null;
}

/** Promises not yet kept, superseded or broken, due on or before `lastDueOn`, after `after` in (due date, id) order. */
export async function openPromisesDueBy(
  db: Executor,
  lastDueOn: string,
  after: { dueOn: string; id: string } | null,
  limit: number,
): Promise<PromiseDue[]> {
  const page = after ? sql`and (s.due_on, s.id) > (${after.dueOn}::date, ${after.id}::uuid)` : sql``;
  const rows = await rowsOf<{
    id: string;
    case_id: string;
    visit_id: string;
    due_on: string;
    time_zone: string;
    promise_amount: string | number | null;
  }>(
    db,
    sql`select s.id, s.case_id, s.visit_id, s.due_on::text as due_on, c.time_zone, v.promise_amount
      from ${riskSignals} s join ${cases} c on c.id = s.case_id join ${visits} v on v.id = s.visit_id
      where s.type = 'promise_made' and s.status <> 'closed' and s.due_on <= ${lastDueOn}::date ${page}
      order by s.due_on, s.id limit ${limit}`,
  );
  return rows.map((r) => ({
    signalId: r.id,
    caseId: r.case_id,
    visitId: r.visit_id,
    dueOn: r.due_on,
    timeZone: r.time_zone,
    amount: r.promise_amount === null ? null : Number(r.promise_amount),
  }));
}

export interface BrokenPromise {
  promiseSignalId: string;
  id: string;
  caseId: string;
  visitId: string;
  severity: string;
  reason: string;
  /** JSON of the signal's findings. */
  findings: string;
  dueOn: string;
}

/**
 * One statement: each promise still open (a payment may have closed it since it was read) gets
 * its promise_broken signal (and outbox row), is closed as broken, and lifts its case's level.
 * Ids derive from the promise's visit, so instances sweeping at once raise each signal once.
 */
export async function writeBrokenPromises(db: Executor, broken: BrokenPromise[], level: RiskLevel, deliver: boolean): Promise<number> {
  if (broken.length === 0) return 0;
  const column = <K extends keyof BrokenPromise>(key: K) => sql.param(broken.map((b) => b[key]));
  const levels = sql`array['low', 'medium', 'high']::text[]`;
  const [row] = await rowsOf<{ n: number }>(
    db,
    sql`with x as (
        select * from unnest(${column('promiseSignalId')}::uuid[], ${column('id')}::uuid[], ${column('caseId')}::uuid[], ${column('visitId')}::uuid[],
          ${column('severity')}::text[], ${column('reason')}::text[], ${column('findings')}::jsonb[], ${column('dueOn')}::date[]) as x(promise_id, id, case_id, visit_id, severity, reason, findings, due_on)
      ), still_open as (
        select x.* from x join ${riskSignals} p on p.id = x.promise_id and p.status <> 'closed'
      ), raised as (
        insert into ${riskSignals} (id, case_id, visit_id, type, severity, reason, findings, status, due_on, occurred_at)
        select id, case_id, visit_id, 'promise_broken', severity, reason, findings, 'open', due_on, now() from still_open
        on conflict do nothing
      ), outbox as (
        insert into ${riskDeliveries} (signal_id)
        select o.id from still_open o where ${deliver}::boolean and not exists (select 1 from ${riskSignals} s where s.id = o.id)
        on conflict do nothing
      ), closed as (
        update ${riskSignals} set status = 'closed', closed_at = now(), closed_reason = 'broken' where id in (select promise_id from still_open)
      ), lifted as (
        update ${caseRisk} set level = ${level}, updated_at = now()
        where case_id in (select case_id from still_open) and array_position(${levels}, level) < array_position(${levels}, ${level}::text)
      )
      select count(*)::int as n from still_open`,
  );
  return Number(row?.n ?? 0);
}
