// The retention job's queries: what is past its period, and removing or anonymising it. Plain SQL that
// PostgreSQL 15 and PGlite (18) both run.
import { sql } from 'drizzle-orm';
import { rowsOf } from '../db/bulk.js';
import type { Executor } from '../db/client.js';

/** What an anonymised case shows where the debtor's name, identity number and addresses were. */
export const anonymisedMarker = '[已匿名 anonymised]';

// Two decimals of a degree is ~1 km: the district stays for maps of old cases, the door does not.
const coarse = (column: string) => sql.raw(`round(${column}::numeric, 2)::double precision`);

/** One instance runs the job at a time; the others skip that run. */
const retentionLockKey = 0x66_76_72_74; // "fvrt"

export async function tryRetentionLock(tx: Executor): Promise<boolean> {
  const [row] = await rowsOf<{ locked: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${retentionLockKey}) as locked`);
  return row?.locked === true;
}

/**
 * Closed or returned cases past `cutoff` that still hold personal data, oldest first, locked for this
 * transaction. A case under an unresolved complaint is held: about the case, one of its visits, or the
 * collector of one of its visits (a complaint about a collector's conduct needs their visits' evidence).
 */
export async function casesDueForAnonymisation(tx: Executor, cutoff: Date, limit: number): Promise<string[]> {
  const rows = await rowsOf<{ id: string }>(
    tx,
    sql`select c.id from cases c
      where c.closed_at < ${cutoff.toISOString()}::timestamptz
        and (c.anonymised_at is null or c.debtor_phone is not null or c.debtor_name <> ${anonymisedMarker})
        and not exists (
          select 1 from complaints k
          where k.status <> 'resolved'
            and (k.case_id = c.id
              or exists (select 1 from visits v where v.id = k.visit_id and v.case_id = c.id)
              or (k.visit_id is null and k.case_id is null and exists (select 1 from visits v where v.case_id = c.id and v.collector_id = k.collector_id))))
      order by c.closed_at, c.id
      limit ${limit}
      for update of c skip locked`,
  );
  return rows.map((row) => row.id);
}

/**
 * Deletes the photo and audio rows of these cases' visits (bytes another case's visit also lists stay)
 * and queues their files for removal after commit; answers how many were queued.
 */
export async function purgeCaseEvidence(tx: Executor, caseIds: string[]): Promise<number> {
  const ids = sql`${sql.param(caseIds)}::uuid[]`;
  const rows = await rowsOf<{ storage_key: string }>(
    tx,
    sql`with listed as (
        select vp.sha256 from visit_photos vp join visits v on v.id = vp.visit_id where v.case_id = any(${ids})
        union
        select piece->>'sha256' from visits v cross join lateral jsonb_array_elements(coalesce(v.audio, '[]'::jsonb)) as piece where v.case_id = any(${ids})
      ),
      gone as (
        delete from photos p
        where p.sha256 in (select sha256 from listed)
          and not exists (select 1 from visit_photos vp join visits v on v.id = vp.visit_id where vp.sha256 = p.sha256 and v.case_id <> all(${ids}))
        returning p.sha256, p.storage_key
      )
      insert into retention_purged_files (storage_key, sha256) select storage_key, sha256 from gone
      on conflict (storage_key) do nothing
      returning storage_key`,
  );
  await tx.execute(sql`delete from visit_photos vp using visits v where v.id = vp.visit_id and v.case_id = any(${ids})`);
  return rows.length;
}

/**
 * Removes the debtor's personal data from these cases: names, identity number, phones, addresses (the
 * text; coordinates coarsened), contacts, prior notes, and what visits wrote about the household.
 * Amounts, outcomes, promises, payments, times and ids stay, so team results do not change.
 */
export async function anonymiseCases(tx: Executor, caseIds: string[], now: Date): Promise<void> {
  const ids = sql`${sql.param(caseIds)}::uuid[]`;
  await tx.execute(sql`delete from case_contacts where case_id = any(${ids})`);
  await tx.execute(sql`delete from case_notes where case_id = any(${ids})`);
  await tx.execute(
    sql`update case_addresses set address = ${anonymisedMarker}, lat = ${coarse('lat')}, lng = ${coarse('lng')} where case_id = any(${ids})`,
  );
  await tx.execute(
    sql`update visits set notes = null, third_party_statement = null, family_situation = null, new_phone = null,
        check_in_lat = ${coarse('check_in_lat')}, check_in_lng = ${coarse('check_in_lng')},
        check_out_lat = ${coarse('check_out_lat')}, check_out_lng = ${coarse('check_out_lng')}
      where case_id = any(${ids})`,
  );
  await tx.execute(
    sql`update cases set debtor_name = ${anonymisedMarker}, debtor_id_number = ${anonymisedMarker}, debtor_phone = null,
        address = ${anonymisedMarker}, lat = ${coarse('lat')}, lng = ${coarse('lng')}, anonymised_at = ${now.toISOString()}::timestamptz
      where id = any(${ids})`,
  );
}

const deleted = async (db: Executor, query: ReturnType<typeof sql>) =>
  (await rowsOf<{ n: number }>(db, sql`with gone as (${query} returning 1) select count(*)::int as n from gone`))[0]?.n ?? 0;

/** Collectors' last positions reported before `cutoff` (the only position history kept). */
export function clearPositions(db: Executor, cutoff: Date): Promise<number> {
  return rowsOf<{ n: number }>(
    db,
    sql`with cleared as (
        update collectors set last_lat = null, last_lng = null, last_accuracy_m = null, last_position_at = null
        where last_position_at < ${cutoff.toISOString()}::timestamptz returning 1)
      select count(*)::int as n from cleared`,
  ).then((rows) => rows[0]?.n ?? 0);
}

/** Sessions that ended (revoked, or expired) before `cutoff`. */
export const deleteEndedSessions = (db: Executor, cutoff: Date) =>
  deleted(
    db,
    sql`delete from sessions where (revoked_at is not null and revoked_at < ${cutoff.toISOString()}::timestamptz) or expires_at < ${cutoff.toISOString()}::timestamptz`,
  );

export const deleteSyncRecords = (db: Executor, cutoff: Date) =>
  deleted(db, sql`delete from sync_mutations where received_at < ${cutoff.toISOString()}::timestamptz`);

export const deleteDeliveredWebhooks = (db: Executor, cutoff: Date) =>
  deleted(db, sql`delete from risk_deliveries where delivered_at < ${cutoff.toISOString()}::timestamptz`);

/** Files whose rows are gone, oldest first; a file whose hash arrived again meanwhile is not among them. */
export async function queuedFiles(db: Executor, limit: number): Promise<{ storageKey: string; sha256: string; inUse: boolean }[]> {
  const rows = await rowsOf<{ storage_key: string; sha256: string; in_use: boolean }>(
    db,
    sql`select q.storage_key, q.sha256, exists (select 1 from photos p where p.storage_key = q.storage_key) as in_use
      from retention_purged_files q order by q.queued_at limit ${limit}`,
  );
  return rows.map((row) => ({ storageKey: row.storage_key, sha256: row.sha256, inUse: row.in_use }));
}

export async function dequeueFile(db: Executor, storageKey: string): Promise<void> {
  await db.execute(sql`delete from retention_purged_files where storage_key = ${storageKey}`);
}
