// Team results as one SQL statement: every figure is grouped in PostgreSQL, per bucket and group
// and for the whole range (grouping sets), never summed over rows in JavaScript.
// The definitions are in README.md beside this file.
import { type SQL, sql } from 'drizzle-orm';
import { contactPersons } from '../../shared/outcomes.js';
import type { ResultGrouping, ResultPeriod } from '../../shared/schemas/results.js';
import { rowsOf } from '../db/bulk.js';
import type { Executor } from '../db/client.js';

export interface ResultsSelection {
  period: ResultPeriod;
  groupBy: ResultGrouping;
  /** Local dates in the business zone, both included. */
  from: string;
  to: string;
  /** The instants where `from` begins and the day after `to` begins in the business zone. */
  fromInstant: Date;
  untilInstant: Date;
  timeZone: string;
  teamId: string | null;
  collectorId: string | null;
}

/** One grouped row; `total` marks the whole range's row. Money in fen, durations in seconds, distance in metres. */
export interface ResultsRecord {
  total: boolean;
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

// A visit's pieces arrive in any order; whichever is known dates it (as on the dispatcher's day).
// The same expression is indexed (visits_visited_at_idx), so keep the two identical.
const visitedAt = (alias: string) => sql.raw(`coalesce(${alias}.checked_in_at, ${alias}.recorded_at, ${alias}.checked_out_at)`);

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

export async function resultsOf(db: Executor, s: ResultsSelection): Promise<ResultsRecord[]> {
  const unit = s.period;
  const tz = s.timeZone;
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
  const query = sql`
    with scope as (
      select id, team_id from users where role = 'collector'${sql.join(scopeFilter)}
    ),
    v as materialized (
      select ${key} as key,
        date_trunc(${unit}, ${visitedAt('v')} at time zone ${tz})::date as bucket,
        v.case_id, v.met_person, v.promise_amount, v.promise_due_date, v.payment_amount, v.evidence_flags,
        v.checked_in_at, v.checked_out_at,
        (select r.decision from visit_reviews r where r.visit_id = v.id and r.subject = 'evidence' and r.current) as verdict,
        v.promise_amount is not null and exists (
          select 1 from visits paid
          where paid.case_id = v.case_id and paid.outcome = 'paid_official_channel'
            and ${visitedAt('paid')} > ${visitedAt('v')}
            and (${visitedAt('paid')} at time zone ${tz})::date <= v.promise_due_date
        ) as kept
      from visits v join scope s on s.id = v.collector_id
      where v.outcome is not null
        and ${visitedAt('v')} >= ${s.fromInstant.toISOString()}::timestamptz
        and ${visitedAt('v')} < ${s.untilInstant.toISOString()}::timestamptz
    ),
    done_cells as (
      select bucket, key,
        count(*) as done,
        count(*) filter (where met_person = any(${sql.param([...contactPersons])}::text[])) as contacts,
        count(*) filter (where promise_amount is not null) as promises,
        count(*) filter (where promise_amount is not null and (kept or promise_due_date < (now() at time zone ${tz})::date)) as promises_due,
        count(*) filter (where kept) as promises_kept,
        coalesce(sum(promise_amount), 0) as amount_promised,
        coalesce(sum(payment_amount), 0) as amount_recovered,
        count(*) filter (where jsonb_array_length(evidence_flags) > 0) as anomalies,
        count(*) filter (where verdict = 'accepted') as evidence_accepted,
        count(*) filter (where verdict = 'rejected') as evidence_rejected,
        sum(extract(epoch from checked_out_at - checked_in_at)) filter (where checked_out_at is not null and checked_in_at is not null) as on_site_s,
        count(*) filter (where checked_out_at is not null and checked_in_at is not null) as on_site_n
      from v group by bucket, key
    ),
    outstanding_cells as (
      select cc.bucket, cc.key, sum(c.total_outstanding) as outstanding
      from (select distinct bucket, key, case_id from v) cc join cases c on c.id = cc.case_id
      group by cc.bucket, cc.key
    ),
    latest_routes as (
      select distinct on (r.collector_id, r.service_date) r.id, ${key} as key,
        date_trunc(${unit}, r.service_date::timestamp)::date as bucket, r.travel_seconds, r.distance_m
      from routes r join scope s on s.id = r.collector_id
      where r.published_at is not null and r.service_date between ${s.from}::date and ${s.to}::date
      order by r.collector_id, r.service_date, r.published_at desc, r.id desc
    ),
    route_cells as (
      select lr.bucket, lr.key, sum(st.stops) as planned,
        sum(lr.travel_seconds) filter (where st.stops > 0) as travel_s,
        sum(lr.distance_m) filter (where st.stops > 0) as travel_m
      from latest_routes lr cross join lateral (select count(*) as stops from route_stops rs where rs.route_id = lr.id) st
      group by lr.bucket, lr.key
    ),
    cells as (
      select bucket, key, planned, travel_s, travel_m, 0 as done, 0 as contacts, 0 as promises, 0 as promises_due, 0 as promises_kept,
        0 as amount_promised, 0 as amount_recovered, 0 as anomalies, 0 as evidence_accepted, 0 as evidence_rejected,
        null::numeric as on_site_s, 0 as on_site_n, 0 as outstanding
      from route_cells
      union all
      select bucket, key, 0, null, null, done, contacts, promises, promises_due, promises_kept,
        amount_promised, amount_recovered, anomalies, evidence_accepted, evidence_rejected, on_site_s, on_site_n, 0
      from done_cells
      union all
      select bucket, key, 0, null, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, 0, outstanding
      from outstanding_cells
    ),
    grouped as (
      select grouping(bucket) = 1 as total, bucket, key,
        coalesce(sum(planned), 0)::int as planned, coalesce(sum(done), 0)::int as done, coalesce(sum(contacts), 0)::int as contacts,
        coalesce(sum(promises), 0)::int as promises, coalesce(sum(promises_due), 0)::int as promises_due, coalesce(sum(promises_kept), 0)::int as promises_kept,
        coalesce(sum(amount_promised), 0)::float8 as amount_promised, coalesce(sum(amount_recovered), 0)::float8 as amount_recovered,
        -- The whole range counts each case once, however many buckets and groups visited it.
        case when grouping(bucket) = 1
          then (select coalesce(sum(total_outstanding), 0) from cases where id in (select case_id from v))
          else coalesce(sum(outstanding), 0) end::float8 as outstanding,
        coalesce(sum(anomalies), 0)::int as anomalies,
        coalesce(sum(evidence_accepted), 0)::int as evidence_accepted,
        coalesce(sum(evidence_rejected), 0)::int as evidence_rejected,
        sum(on_site_s)::float8 / nullif(sum(on_site_n), 0) as avg_on_site_s,
        sum(travel_s)::float8 / nullif(sum(planned), 0) as travel_s_per_stop,
        sum(travel_m)::float8 / nullif(sum(planned), 0) as travel_m_per_stop
      from cells
      group by grouping sets ((bucket, key), ())
    )
    select g.total, g.bucket::text as bucket, g.planned, g.done, g.contacts, g.promises, g.promises_due, g.promises_kept,
      g.amount_promised, g.amount_recovered, g.outstanding, g.anomalies, g.avg_on_site_s, g.travel_s_per_stop, g.travel_m_per_stop,
      g.evidence_accepted, g.evidence_rejected,
      g.contacts::float8 / nullif(g.done, 0) as contact_rate, g.promises::float8 / nullif(g.done, 0) as promise_rate,
      g.promises_kept::float8 / nullif(g.promises_due, 0) as kept_rate, g.amount_recovered / nullif(g.outstanding, 0) as recovery_rate,
      ${names}
    order by g.total, g.bucket, team_name nulls last, collector_name nulls last`;
  return rowsOf<ResultsRecord>(db, query);
}
