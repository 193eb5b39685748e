// Team results as one SQL statement: every figure is grouped in PostgreSQL, per bucket and group
// and for the whole range (grouping sets), never summed over rows in JavaScript. Visit figures come
// from the daily rollup (rollup.repository.ts, refreshed before each read), plans from the routes.
// The definitions are in README.md beside this file.
import { type SQL, sql } from 'drizzle-orm';
import type { ResultGrouping, ResultPeriod } from '../../shared/schemas/results.js';
import { rowsOf } from '../db/bulk.js';
import type { Executor } from '../db/client.js';

export interface ResultsSelection {
  period: ResultPeriod;
  groupBy: ResultGrouping;
  /** Local dates in the business zone, both included. */
  from: string;
  to: string;
  timeZone: string;
  teamId: string | null;
  collectorId: string | null;
}

/** One grouped row: a bucket and group, a bucket's total over its groups, or the whole range. Money in fen, durations in seconds, distance in metres. */
export interface ResultsRecord {
  level: 'cell' | 'bucket' | 'total';
  bucket: string | null;
  team_id: string | null;
  team_name: string | null;
  collector_id: string | null;
  collector_name: string | null;
  planned: number;
  done: number;
  contacts: number;
  promises: number;
  promises_due: number;
  promises_kept: number;
  amount_promised: number;
  amount_recovered: number;
  outstanding: number;
  anomalies: number;
  evidence_accepted: number;
  evidence_rejected: number;
  avg_on_site_s: number | null;
  travel_s_per_stop: number | null;
  travel_m_per_stop: number | null;
  contact_rate: number | null;
  promise_rate: number | null;
  kept_rate: number | null;
  recovery_rate: number | null;
}

export async function teamExists(db: Executor, teamId: string): Promise<boolean> {
  const rows = await rowsOf<{ found: boolean }>(db, sql`select true as found from teams where id = ${teamId}`);
  return rows.length > 0;
}

/** The collector's team (null: none), or undefined when no collector has this id. */
export async function collectorTeam(db: Executor, collectorId: string): Promise<{ teamId: string | null } | undefined> {
  const rows = await rowsOf<{ team_id: string | null }>(
    db,
    sql`select team_id from users where id = ${collectorId} and role = 'collector'`,
  );
  return rows[0] ? { teamId: rows[0].team_id } : undefined;
}

/**
 * How many of a cell's unkept promises are due on the day of the read: the dates are kept sorted,
 * so a cell wholly past (most of them) or wholly ahead is answered without unnesting its dates.
 */
function unkeptDue(timeZone: string): SQL {
  const today = sql`(now() at time zone ${timeZone})::date`;
  return sql`case
    when cardinality(d.unkept_due_dates) = 0 or d.unkept_due_dates[1] >= ${today} then 0
    when d.unkept_due_dates[cardinality(d.unkept_due_dates)] < ${today} then cardinality(d.unkept_due_dates)
    else (select count(*) from unnest(d.unkept_due_dates) due where due < ${today}) end`;
}

/** The statement behind `resultsOf` (exported so its plan can be read with EXPLAIN). */
export function resultsStatement(s: ResultsSelection): SQL {
  const unit = s.period;
  const scopeFilter: SQL[] = [];
  if (s.teamId !== null) scopeFilter.push(sql` and team_id = ${s.teamId}`);
  if (s.collectorId !== null) scopeFilter.push(sql` and id = ${s.collectorId}`);
  const key = s.groupBy === 'collector' ? sql.raw('s.id') : sql.raw('s.team_id');
  const names =
    s.groupBy === 'collector'
      ? sql`cu.team_id as team_id, t.name as team_name, g.key as collector_id, cu.display_name as collector_name
          from grouped g left join users cu on cu.id = g.key left join teams t on t.id = cu.team_id`
      : sql`g.key as team_id, t.name as team_name, null::uuid as collector_id, null::text as collector_name
          from grouped g left join teams t on t.id = g.key`;
  return sql`
    with scope as (
      select id, team_id from users where role = 'collector'${sql.join(scopeFilter)}
    ),
    done_cells as (
      select date_trunc(${unit}, d.day::timestamp)::date as bucket, ${key} as key,
        sum(d.done) as done, sum(d.contacts) as contacts, sum(d.promises) as promises, sum(d.promises_kept) as promises_kept,
        -- A promise is due once its due date has passed in the business zone, or once it is kept.
        sum(d.promises_kept + ${unkeptDue(s.timeZone)}) as promises_due,
        sum(d.amount_promised) as amount_promised, sum(d.amount_recovered) as amount_recovered, sum(d.anomalies) as anomalies,
        sum(d.evidence_accepted) as evidence_accepted, sum(d.evidence_rejected) as evidence_rejected,
        sum(d.on_site_seconds) as on_site_s, sum(d.on_site_visits) as on_site_n
      from results_daily d join scope s on s.id = d.collector_id
      where d.day between ${s.from}::date and ${s.to}::date
      group by 1, 2
    ),
    latest_routes as materialized (
      select distinct on (r.collector_id, r.service_date) r.id, ${key} as key,
        date_trunc(${unit}, r.service_date::timestamp)::date as bucket, r.travel_seconds, r.distance_m
      from routes r join scope s on s.id = r.collector_id
      where r.published_at is not null and r.service_date between ${s.from}::date and ${s.to}::date
      order by r.collector_id, r.service_date, r.published_at desc, r.id desc
    ),
    stops as (
      select lr.bucket, lr.key, rs.case_id, c.total_outstanding
      from latest_routes lr join route_stops rs on rs.route_id = lr.id join cases c on c.id = rs.case_id
    ),
    route_cells as (
      select bucket, key, sum(travel_seconds) as travel_s, sum(distance_m) as travel_m
      from latest_routes lr where exists (select 1 from route_stops rs where rs.route_id = lr.id)
      group by bucket, key
    ),
    -- Outstanding counts each case once per bucket and group, per bucket, and over the range, however
    -- often it was planned there: one pass over the stops, grouped three ways.
    planned_cases as materialized (
      select grouping(bucket) as no_bucket, grouping(key) as no_key, bucket, key, count(*) as stops, max(total_outstanding) as outstanding
      from stops
      group by grouping sets ((bucket, key, case_id), (bucket, case_id), (case_id))
    ),
    planned_cells as (
      select bucket, key, sum(stops) as planned, sum(outstanding) as outstanding
      from planned_cases where no_bucket = 0 and no_key = 0
      group by bucket, key
    ),
    bucket_outstanding as materialized (
      select bucket, sum(outstanding) as outstanding from planned_cases where no_bucket = 0 and no_key = 1 group by bucket
    ),
    cells as (
      select bucket, key, 0 as planned, travel_s, travel_m, 0 as done, 0 as contacts, 0 as promises, 0 as promises_due, 0 as promises_kept,
        0 as amount_promised, 0 as amount_recovered, 0 as anomalies, 0 as evidence_accepted, 0 as evidence_rejected,
        null::float8 as on_site_s, 0 as on_site_n, 0 as outstanding
      from route_cells
      union all
      select bucket, key, 0, null, null, done, contacts, promises, promises_due, promises_kept,
        amount_promised, amount_recovered, anomalies, evidence_accepted, evidence_rejected, on_site_s, on_site_n, 0
      from done_cells
      union all
      select bucket, key, planned, null, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, 0, outstanding
      from planned_cells
    ),
    grouped as (
      select case when grouping(bucket) = 1 then 'total' when grouping(key) = 1 then 'bucket' else 'cell' end as level, bucket, key,
        coalesce(sum(planned), 0)::int as planned, coalesce(sum(done), 0)::int as done, coalesce(sum(contacts), 0)::int as contacts,
        coalesce(sum(promises), 0)::int as promises, coalesce(sum(promises_due), 0)::int as promises_due,
        coalesce(sum(promises_kept), 0)::int as promises_kept,
        coalesce(sum(amount_promised), 0)::float8 as amount_promised, coalesce(sum(amount_recovered), 0)::float8 as amount_recovered,
        coalesce(sum(outstanding), 0)::float8 as cell_outstanding,
        coalesce(sum(anomalies), 0)::int as anomalies,
        coalesce(sum(evidence_accepted), 0)::int as evidence_accepted,
        coalesce(sum(evidence_rejected), 0)::int as evidence_rejected,
        sum(on_site_s)::float8 / nullif(sum(on_site_n), 0) as avg_on_site_s,
        sum(travel_s)::float8 / nullif(sum(planned), 0) as travel_s_per_stop,
        sum(travel_m)::float8 / nullif(sum(planned), 0) as travel_m_per_stop
      from cells
      group by grouping sets ((bucket, key), (bucket), ())
    )
    select g.level, g.bucket::text as bucket, g.planned, g.done, g.contacts, g.promises, g.promises_due, g.promises_kept,
      g.amount_promised, g.amount_recovered, o.outstanding, g.anomalies, g.avg_on_site_s, g.travel_s_per_stop, g.travel_m_per_stop,
      g.evidence_accepted, g.evidence_rejected,
      g.contacts::float8 / nullif(g.done, 0) as contact_rate, g.promises::float8 / nullif(g.done, 0) as promise_rate,
      g.promises_kept::float8 / nullif(g.promises_due, 0) as kept_rate, g.amount_recovered / nullif(o.outstanding, 0) as recovery_rate,
      ${names}
    cross join lateral (
      select case g.level
        when 'total' then (select coalesce(sum(outstanding), 0) from planned_cases where no_bucket = 1)
        when 'bucket' then coalesce((select bo.outstanding from bucket_outstanding bo where bo.bucket = g.bucket), 0)
        else g.cell_outstanding end::float8 as outstanding
    ) o
    order by g.level desc, g.bucket, team_name nulls last, collector_name nulls last`;
}

export async function resultsOf(db: Executor, s: ResultsSelection): Promise<ResultsRecord[]> {
  return rowsOf<ResultsRecord>(db, resultsStatement(s));
}
