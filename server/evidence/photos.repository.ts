import { and, eq, exists, inArray, sql } from 'drizzle-orm';
import { rowsOf } from '../db/bulk.js';
import type { Executor } from '../db/client.js';
import { photos, users, visitPhotos, visits } from '../db/schema/index.js';

export async function insertPhoto(db: Executor, photo: typeof photos.$inferInsert): Promise<void> {
  await db.insert(photos).values(photo).onConflictDoNothing();
}

export async function findPhoto(db: Executor, sha256: string) {
  const [row] = await db.select().from(photos).where(eq(photos.sha256, sha256)).limit(1);
  return row;
}

/** A collector may see a photo they uploaded or one listed by a visit of theirs. */
export async function collectorMaySee(db: Executor, collectorId: string, sha256: string): Promise<boolean> {
  const [row] = await db
    .select({ sha256: visitPhotos.sha256 })
    .from(visitPhotos)
    .where(
      and(
        eq(visitPhotos.sha256, sha256),
        exists(db.select({ id: visits.id }).from(visits).where(and(eq(visits.id, visitPhotos.visitId), eq(visits.collectorId, collectorId)))),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Staff limited to a team may see a photo (or recording) its collectors uploaded or listed on their visits. */
export async function teamMaySee(db: Executor, teamId: string, sha256: string): Promise<boolean> {
  const rows = await rowsOf<{ found: number }>(
    db,
    sql`select 1 as found from ${photos} p join ${users} u on u.id = p.uploaded_by where p.sha256 = ${sha256} and u.team_id = ${teamId}
      union all
      select 1 from ${visitPhotos} vp join ${visits} v on v.id = vp.visit_id join ${users} u on u.id = v.collector_id
      where vp.sha256 = ${sha256} and u.team_id = ${teamId}
      limit 1`,
  );
  return rows.length > 0;
}

/** Each visit's listed photos with whether their bytes have arrived. */
export async function visitPhotoArrivals(db: Executor, collectorId: string, visitIds: string[]) {
  if (visitIds.length === 0) return [];
  return db
    .select({ visitId: visitPhotos.visitId, sha256: visitPhotos.sha256, arrived: photos.sha256 })
    .from(visitPhotos)
    .innerJoin(visits, eq(visits.id, visitPhotos.visitId))
    .leftJoin(photos, eq(photos.sha256, visitPhotos.sha256))
    .where(and(inArray(visitPhotos.visitId, visitIds), eq(visits.collectorId, collectorId)));
}

/** Each visit's announced audio with whether its bytes have arrived (the list lives on the visit row). */
export async function visitAudioArrivals(db: Executor, collectorId: string, visitIds: string[]) {
  if (visitIds.length === 0) return [];
  const rows = await rowsOf<{ visit_id: string; sha256: string; arrived: string | null }>(
    db,
    sql`select v.id as visit_id, piece->>'sha256' as sha256, p.sha256 as arrived
      from ${visits} v cross join lateral jsonb_array_elements(coalesce(v.audio, '[]'::jsonb)) as piece
      left join ${photos} p on p.sha256 = piece->>'sha256'
      where v.id = any(${sql.param(visitIds)}::uuid[]) and v.collector_id = ${collectorId}`,
  );
  return rows.map((row) => ({ visitId: row.visit_id, sha256: row.sha256, arrived: row.arrived }));
}
