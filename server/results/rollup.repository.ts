// Keeps results_daily (figures per collector and local day) true to the visits and verdicts:
// rebuilt whole when missing or built in another zone, otherwise only the cells the triggers noted
// in results_dirty since the last read are recomputed, before the read, in one transaction.
import { type SQL, sql } from 'drizzle-orm';
import { contactPersons } from '../../shared/outcomes.js';
import { rowsOf } from '../db/bulk.js';
import type { Database, Executor } from '../db/client.js';

// One refresh at a time: a second reader waits and then finds nothing left to do.
const refreshLock = 0x66_76_72_73; // "fvrs"

/** The time that dates a visit (its pieces arrive in any order); the same expression is indexed. */
export const visitedAt = (alias: string) => sql.raw(`coalesce(${alias}.checked_in_at, ${alias}.recorded_at, ${alias}.checked_out_at)`);

/**
 * The rollup's rows for the visits `where` selects (a visit is done once its outcome is recorded).
 * A promise is kept when a later visit to the same case, by anyone, records a payment on or before
 * the promise's due date in the business zone; its verdict is its standing evidence verdict.
 */
function cellsOf(timeZone: string, where: SQL): SQL {
  return sql`
    insert into results_daily (day, collector_id, done, contacts, promises, promises_kept, unkept_due_dates, amount_promised,
      amount_recovered, anomalies, evidence_accepted, evidence_rejected, on_site_seconds, on_site_visits)
    select day, collector_id, count(*), count(*) filter (where met_person = any(${sql.param([...contactPersons])}::text[])),
      count(*) filter (where promise_amount is not null), count(*) filter (where kept),
      coalesce(array_agg(promise_due_date order by promise_due_date) filter (where promise_amount is not null and not kept), '{}'),
      coalesce(sum(promise_amount), 0), coalesce(sum(payment_amount), 0),
      -- The score is the flags' weights added up: above zero exactly when a flag was raised.
      count(*) filter (where evidence_score > 0),
      count(*) filter (where verdict = 'accepted'), count(*) filter (where verdict = 'rejected'),
      coalesce(sum(on_site), 0), count(on_site)
    from (
      select v.collector_id, (${visitedAt('v')} at time zone ${timeZone})::date as day, v.met_person, v.promise_amount,
        v.promise_due_date, v.payment_amount, v.evidence_score, r.decision as verdict,
        extract(epoch from v.checked_out_at - v.checked_in_at) as on_site,
        v.promise_amount is not null and exists (
          select 1 from visits paid
          where paid.case_id = v.case_id and paid.outcome = 'paid_official_channel'
            and ${visitedAt('paid')} > ${visitedAt('v')}
            and (${visitedAt('paid')} at time zone ${timeZone})::date <= v.promise_due_date
        ) as kept
      from visits v
      left join visit_reviews r on r.visit_id = v.id and r.subject = 'evidence' and r.current
      where v.outcome is not null and ${where}
    ) done
    group by day, collector_id`;
}

async function rebuild(tx: Executor, timeZone: string): Promise<void> {
  await tx.execute(sql`delete from results_dirty`);
  await tx.execute(sql`delete from results_daily`);
  await tx.execute(cellsOf(timeZone, sql`true`));
  await tx.execute(sql`insert into results_rollup_state (id, time_zone, rebuilt_at) values (1, ${timeZone}, now())
    on conflict (id) do update set time_zone = excluded.time_zone, rebuilt_at = excluded.rebuilt_at`);
}

async function refreshDirty(tx: Executor, timeZone: string): Promise<void> {
  await tx.execute(sql`create temp table results_cells (collector_id uuid not null, day date not null) on commit drop`);
  // A payment may keep earlier promises on its case: their cells are recounted too.
  await tx.execute(sql`
    with claimed as (delete from results_dirty returning collector_id, case_id, at)
    insert into results_cells
    select collector_id, (at at time zone ${timeZone})::date from claimed
    union
    select p.collector_id, (${visitedAt('p')} at time zone ${timeZone})::date from visits p
    where p.promise_amount is not null and ${visitedAt('p')} is not null
      and p.case_id in (select case_id from claimed where case_id is not null)`);
  const [cells] = await rowsOf<{ n: number }>(tx, sql`select count(*)::int as n from results_cells`);
  if (!cells || cells.n === 0) return;
  await tx.execute(sql`analyze results_cells`);
  await tx.execute(sql`delete from results_daily d using results_cells c where d.collector_id = c.collector_id and d.day = c.day`);
  await tx.execute(
    cellsOf(
      timeZone,
      sql`exists (select 1 from results_cells c where c.collector_id = v.collector_id
        and ${visitedAt('v')} >= (c.day::timestamp at time zone ${timeZone})
        and ${visitedAt('v')} < ((c.day + 1)::timestamp at time zone ${timeZone}))`,
    ),
  );
}

/** Brings results_daily up to date for `timeZone` (the business zone). */
export async function refreshResultsRollup(db: Database, timeZone: string): Promise<void> {
  // Most reads find nothing to do: answer them without a transaction or a lock.
  const [status] = await rowsOf<{ zone: string | null; dirty: boolean }>(
    db,
    sql`select (select time_zone from results_rollup_state where id = 1) as zone, exists (select 1 from results_dirty) as dirty`,
  );
  if (status?.zone === timeZone && !status.dirty) return;
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${refreshLock})`);
    const [state] = await rowsOf<{ time_zone: string }>(tx, sql`select time_zone from results_rollup_state where id = 1`);
    if (state?.time_zone !== timeZone) await rebuild(tx, timeZone);
    else await refreshDirty(tx, timeZone);
  });
}
