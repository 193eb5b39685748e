// A million visits for the team-results benchmark, written by PostgreSQL itself (generate_series),
// not through HTTP: 5 teams, 50 collectors, 90 days up to today in Shanghai, published routes,
// outcomes, promises, payments, evidence flags and supervisors' verdicts in believable shares.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { hashToken } from '../../server/auth/auth.service.js';
import { hashPassword } from '../../server/auth/password.js';
import { insertCreditor } from '../../server/cases/creditors.repository.js';
import { importCases } from '../../server/cases/import.service.js';
import { openPostgres } from '../../server/db/client.js';
import { demoCases, demoCreditors } from '../../server/demo/shenyang.js';
import { newId } from '../../server/ids.js';

export interface ResultsBenchData {
  supervisorToken: string;
  teamIds: string[];
  collectorIds: string[];
  /** The last date of the data in Shanghai (today there). */
  today: string;
}

const days = 90;
const collectorsPerTeam = 10;
const teams = 5;

// Shares of outcomes out of 100 (by a hash of the row number, so every run has the same data):
// each entry is [share, outcome, who was met].
const shares: [number, string, string][] = [
  [30, 'nobody_home', 'nobody'],
  [20, 'met_debtor', 'debtor'],
  [10, 'met_family', 'spouse'],
  [5, 'met_colleague', 'colleague'],
  [15, 'promise_to_pay', 'debtor'],
  [5, 'paid_official_channel', 'debtor'],
  [5, 'refused', 'debtor'],
  [5, 'moved_away', 'neighbour'],
  [5, 'hardship', 'debtor'],
];
const list = (values: string[]) => `array[${values.map((v) => `'${v}'`).join(', ')}]`;
const kindOf = `case ${shares.map((_, k) => `when p < ${shares.slice(0, k + 1).reduce((sum, [n]) => sum + n, 0)} then ${k + 1}`).join(' ')} end`;
const outcomeOf = `(${list(shares.map(([, outcome]) => outcome))})[k]`;
const personOf = `(${list(shares.map(([, , person]) => person))})[k]`;

export async function seedResultsBench(url: string, visitCount: number, log: (line: string) => void): Promise<ResultsBenchData> {
  const database = openPostgres(url);
  await database.migrate();
  const db = database.db;
  for (const creditor of demoCreditors) await insertCreditor(db, { id: newId(), ...creditor });
  log('importing 20,000 cases…');
  await importCases(db, null, demoCases(20_000, 11), { defaultTimeZone: 'Asia/Shanghai' });
  const passwordHash = await hashPassword('bench-password');
  await database.close();

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const q = (text: string, values: unknown[] = []) => client.query(text, values);
    await q(`insert into teams (id, name) select gen_random_uuid(), '外访' || g || '组' from generate_series(1, ${teams}) g`);
    await q(
      `insert into users (id, username, display_name, role, team_id, password_hash)
       select gen_random_uuid(), 'bench' || g, '外访员' || g, 'collector', t.id, $1
       from generate_series(0, ${teams * collectorsPerTeam - 1}) g
       join (select id, row_number() over (order by name) - 1 as n from teams) t on t.n = g % ${teams}`,
      [passwordHash],
    );
    await q(`insert into collectors (user_id, home_address, home_lat, home_lng) select id, '沈阳市', 41.8, 123.4 from users where role = 'collector'`);
    const supervisorId = newId();
    await q(`insert into users (id, username, display_name, role, password_hash) values ($1, 'bench-supervisor', '主管', 'supervisor', $2)`, [supervisorId, passwordHash]);
    const token = randomBytes(32).toString('base64url');
    await q(`insert into sessions (id, token_hash, user_id, expires_at) values ($1, $2, $3, now() + interval '1 day')`, [newId(), hashToken(token), supervisorId]);

    // Numbered helpers so each generated row can pick a collector and a case by arithmetic.
    await q(`create temp table bench_collectors as select row_number() over (order by username) - 1 as n, id from users where role = 'collector'`);
    await q(`create temp table bench_cases as
      select row_number() over (order by c.id) - 1 as n, c.id, c.total_outstanding,
        (select a.id from case_addresses a where a.case_id = c.id order by a.kind limit 1) as address_id
      from cases c`);
    await q('create index on bench_cases (n)');
    const today = (await client.query<{ today: string }>(`select (now() at time zone 'Asia/Shanghai')::date::text as today`)).rows[0]!.today;

    log('publishing 4,500 routes of 20 stops…');
    await q(`insert into routes (id, collector_id, service_date, published_at, travel_seconds, distance_m)
      select gen_random_uuid(), c.id, $1::date - d, ($1::date - d)::timestamp at time zone 'Asia/Shanghai', 3000 + (c.n * 97 + d * 13) % 3600, 15000 + (c.n * 131 + d * 17) % 20000
      from bench_collectors c cross join generate_series(0, ${days - 1}) d`, [today]);
    await q(`insert into route_stops (route_id, sequence, case_id, address_id, planned_arrival, planned_departure, window_start, window_end)
      select r.id, s, bc.id, bc.address_id, r.published_at + s * interval '30 minutes', r.published_at + s * interval '30 minutes' + interval '15 minutes',
        r.published_at, r.published_at + interval '13 hours'
      from routes r cross join generate_series(1, 20) s
      join bench_cases bc on bc.n = (abs(hashtext(r.id::text)) + s * 7919) % 20000`);

    log(`writing ${visitCount.toLocaleString('en')} visits…`);
    const started = Date.now();
    await q(
      `insert into visits (id, case_id, address_id, collector_id, checked_in_at, check_in_received_at, check_in_lat, check_in_lng,
         check_in_accuracy_m, check_in_distance_m, recorded_at, record_received_at, outcome, met_person, promise_amount, promise_due_date,
         promise_kind, payment_amount, payment_reference, payment_channel, checked_out_at, device_clock_skew_s, evidence_flags, evidence_score)
       select gen_random_uuid(), bc.id, bc.address_id, col.id, at, at, 41.8, 123.4, 12, 40,
         case when recorded then at + interval '10 minutes' end, case when recorded then at + interval '10 minutes' end,
         case when recorded then outcome end, case when recorded then met end,
         case when recorded and outcome = 'promise_to_pay' then least(bc.total_outstanding, 100000 + (i % 50) * 1000) end,
         case when recorded and outcome = 'promise_to_pay' then (at at time zone 'Asia/Shanghai')::date + 7 end,
         case when recorded and outcome = 'promise_to_pay' then 'settlement_requested' end,
         case when recorded and outcome = 'paid_official_channel' then least(bc.total_outstanding, 50000 + (i % 40) * 2500) end,
         case when recorded and outcome = 'paid_official_channel' then 'PAY' || i end,
         case when recorded and outcome = 'paid_official_channel' then '银行转账' end,
         case when i % 10 <> 0 then at + (5 + i % 40) * interval '1 minute' end, 0,
         case when i % 13 = 0 then '[{"code":"far_from_address","severity":"warning","details":{"distanceM":420}}]'::jsonb else '[]'::jsonb end,
         case when i % 13 = 0 then 10 else 0 end
       from generate_series(0, $2::int - 1) i
       cross join lateral (select i % 33 <> 0 as recorded, ${kindOf} as k from (select abs(hashint4(i)) % 100 as p) h) kind
       cross join lateral (select ${outcomeOf} as outcome, ${personOf} as met) pick
       join bench_collectors col on col.n = i % ${teams * collectorsPerTeam}
       join bench_cases bc on bc.n = (i::bigint * 7919) % 20000
       cross join lateral (select (($1::date - (i / ${teams * collectorsPerTeam}) % ${days})::timestamp + interval '8 hours'
         + ((i * 37) % 720) * interval '1 minute') at time zone 'Asia/Shanghai' as at) t`,
      [today, visitCount],
    );
    log(`visits written in ${((Date.now() - started) / 1000).toFixed(0)} s; verdicts on a third of them…`);
    await q(`insert into visit_reviews (id, visit_id, subject, decision, reason, reviewer_id, decided_at)
      select gen_random_uuid(), v.id, 'evidence', d.decision, case when d.decision <> 'accepted' then '照片与地址不符' end, $1, v.checked_in_at + interval '1 day'
      from visits v cross join lateral (select case when abs(hashtext(v.id::text)) % 20 < 17 then 'accepted'
        when abs(hashtext(v.id::text)) % 20 < 19 then 'rejected' else 'revisit' end as decision) d
      where v.outcome is not null and abs(hashtext(v.id::text)) % 3 = 0`, [supervisorId]);
    log('analysing…');
    await q('vacuum analyze');
    const teamIds = (await q('select id from teams order by name')).rows.map((r: { id: string }) => r.id);
    const collectorIds = (await q('select id from bench_collectors order by n')).rows.map((r: { id: string }) => r.id);
    return { supervisorToken: token, teamIds, collectorIds, today };
  } finally {
    await client.end();
  }
}
