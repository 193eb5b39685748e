// The review queue's page time on PostgreSQL with many visits (default 500,000; BENCH_QUEUE_VISITS),
// most already reviewed, as supervisors page it: the default queue, each filter, and ten pages deep.
// Prints {"bench":"review","metric":"queue.page_p95_ms",...} and companions; run by review.bench.ts.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { buildApp } from '../../server/app.js';
import { hashPassword } from '../../server/auth/password.js';
import { insertCreditor } from '../../server/cases/creditors.repository.js';
import { importCases } from '../../server/cases/import.service.js';
import { loadConfig } from '../../server/config.js';
import { openPostgres } from '../../server/db/client.js';
import { demoCases, demoCreditors } from '../../server/demo/shenyang.js';
import { newId } from '../../server/ids.js';
import { percentile, report, withBenchDatabase } from './postgres.js';

const bench = 'review';
const log = (line: string) => process.stderr.write(`${line}\n`);

/** Visits by SQL (generate_series): 5 teams of 10 collectors over 90 days, evidence flags in believable shares, 70% reviewed. */
export async function seedReviewQueue(url: string, visits: number): Promise<void> {
  const database = openPostgres(url);
  await database.migrate();
  for (const creditor of demoCreditors) await insertCreditor(database.db, { id: newId(), ...creditor });
  await importCases(database.db, null, demoCases(5_000, 23), { defaultTimeZone: 'Asia/Shanghai' });
  const passwordHash = await hashPassword('bench-password');
  await database.close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const q = (text: string, values: unknown[] = []) => client.query(text, values);
    await q(`insert into teams (id, name) select gen_random_uuid(), 'queue team ' || g from generate_series(1, 5) g`);
    await q(
      `insert into users (id, username, display_name, role, team_id, password_hash)
       select gen_random_uuid(), 'qc' || g, '外访员' || g, 'collector', (select id from teams order by name offset (g % 5) limit 1), $1
       from generate_series(1, 50) g`,
      [passwordHash],
    );
    await q(
      `insert into users (id, username, display_name, role, password_hash) values (gen_random_uuid(), 'qs', '主管', 'supervisor', $1)`,
      [passwordHash],
    );
    await q(`create temporary table case_list as
      select row_number() over (order by c.id) - 1 as n, c.id, a.id as address_id, a.lat, a.lng
      from cases c join lateral (select * from case_addresses where case_id = c.id limit 1) a on true`);
    await q(
      `create temporary table collector_list as select row_number() over (order by id) - 1 as n, id from users where role = 'collector'`,
    );
    const flags = {
      warning: `'[{"code":"far_from_address","severity":"warning","details":{"distanceM":420,"radiusM":150,"accuracyM":35}}]'::jsonb`,
      two: `'[{"code":"poor_gps_accuracy","severity":"warning","details":{"accuracyM":180,"limitM":100}},{"code":"device_clock_skew","severity":"warning","details":{"skewS":900,"limitS":300}}]'::jsonb`,
      high: `'[{"code":"duplicate_photo","severity":"high","details":{"photos":1,"otherVisitId":"x"}}]'::jsonb`,
    };
    for (let from = 1; from <= visits; from += 100_000) {
      const until = Math.min(visits, from + 99_999);
      await q(`insert into visits (id, case_id, address_id, collector_id, checked_in_at, check_in_received_at, check_in_lat, check_in_lng, check_in_accuracy_m,
          check_in_distance_m, recorded_at, record_received_at, outcome, met_person, checked_out_at, check_out_received_at, evidence_flags, evidence_score)
        select gen_random_uuid(), c.id, c.address_id, k.id, at, at + interval '3 minutes', c.lat, c.lng, 15, 20, at + interval '20 minutes', at + interval '25 minutes',
          (array['nobody_home','met_debtor','met_family','promise_to_pay','refused','moved_away'])[1 + g % 6], 'debtor', at + interval '30 minutes', at + interval '35 minutes',
          case when p < 60 then '[]'::jsonb when p < 85 then ${flags.warning} when p < 95 then ${flags.two} else ${flags.high} end,
          case when p < 60 then 0 when p < 85 then 10 when p < 95 then 20 else 40 end
        from generate_series(${from}, ${until}) g
        cross join lateral (select abs(hashtext(g::text)) % 100 as p, now() - ((g % 90) || ' days')::interval - ((g % 600) || ' minutes')::interval as at) x
        join case_list c on c.n = g % 5000
        join collector_list k on k.n = g % 50`);
      log(`  ${until.toLocaleString('en')} visits`);
    }
    // Most visits were judged already: the queue is what is left, plus the decided ones on demand.
    await q(`insert into visit_reviews (id, visit_id, subject, decision, reason, reviewer_id, decided_at)
      select gen_random_uuid(), v.id, 'evidence', case when v.evidence_score >= 20 then 'rejected' else 'accepted' end,
        case when v.evidence_score >= 20 then '证据不足' end, (select id from users where username = 'qs'), v.record_received_at + interval '1 day'
      from visits v where (hashtext(v.id::text) & 1023) < 717`);
    // As autovacuum leaves a settled table: statistics, and the visibility map index-only scans rely on.
    await q('vacuum analyze');
  } finally {
    await client.end();
  }
}

export async function reviewQueueBench(): Promise<void> {
  const visits = Number(process.env.BENCH_QUEUE_VISITS ?? 500_000);
  await withBenchDatabase(async (url) => {
    log(`seeding ${visits.toLocaleString('en')} visits for the review queue…`);
    await seedReviewQueue(url, visits);
    const database = openPostgres(url);
    const app = await buildApp({ config: loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' }), database });
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'qs', password: 'bench-password' } });
      const headers = { authorization: `Bearer ${login.json<{ token: string }>().token}` };
      const { rows: teams } = await database.pool!.query<{ id: string }>('select id from teams order by name');
      const { rows: collectors } = await database.pool!.query<{ id: string }>(
        `select id from users where role = 'collector' order by username`,
      );
      const day = (daysAgo: number) =>
        new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() - daysAgo * 86_400_000));
      const queries = [
        '',
        '?status=accepted,rejected',
        '?status=pending,accepted,rejected,revisit',
        `?teamId=${teams[1]!.id}`,
        `?collectorId=${collectors[7]!.id}`,
        '?outcome=refused',
        `?from=${day(1)}&to=${day(1)}`,
        `?from=${day(6)}&to=${day(0)}`,
        `?teamId=${teams[3]!.id}&from=${day(29)}&to=${day(0)}&outcome=promise_to_pay`,
      ];
      const samples: number[] = [];
      const byQuery = new Map<string, number[]>();
      let current = '';
      const page = async (query: string) => {
        const started = performance.now();
        const response = await app.inject({ url: `/api/review/visits${query}`, headers });
        const took = performance.now() - started;
        samples.push(took);
        byQuery.set(current, [...(byQuery.get(current) ?? []), took]);
        if (response.statusCode !== 200) throw new Error(`${query}: ${response.body}`);
        return response.json<{ visits: unknown[]; nextCursor: string | null }>();
      };
      for (const query of queries) await page(query); // warm the caches and plans
      samples.length = 0;
      for (let round = 0; round < 5; round++) {
        for (const query of queries) {
          current = query;
          // The first page, then nine more by the cursor, as a supervisor working down the queue.
          let answer = await page(query);
          for (let deeper = 0; deeper < 9 && answer.nextCursor; deeper++)
            answer = await page(`${query}${query ? '&' : '?'}cursor=${answer.nextCursor}`);
        }
      }
      for (const [query, times] of byQuery) {
        times.sort((a, b) => a - b);
        log(`  ${query || '(pending)'}: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms`);
      }
      samples.sort((a, b) => a - b);
      report(bench, 'queue.page_p50_ms', percentile(samples, 50), 'ms');
      report(bench, 'queue.page_p95_ms', percentile(samples, 95), 'ms');
      report(bench, 'queue.pages', samples.length, 'count');
      report(bench, 'queue.visits', visits, 'count');
    } finally {
      await app.close();
      await database.close();
    }
  });
}

export default reviewQueueBench;
