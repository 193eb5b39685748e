import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { photos, visitPhotos, visits } from '../db/schema/index.js';

export async function findVisit(db: Executor, id: string) {
  const [row] = await db.select().from(visits).where(eq(visits.id, id)).limit(1);
  return row;
}

/** The photos a visit lists, each with whether its bytes have arrived. */
export async function listedPhotos(db: Executor, visitId: string) {
  return db
    .select({ sha256: visitPhotos.sha256, sizeBytes: visitPhotos.sizeBytes, takenAt: visitPhotos.takenAt, arrived: photos.sha256 })
    .from(visitPhotos)
    .leftJoin(photos, eq(photos.sha256, visitPhotos.sha256))
    .where(eq(visitPhotos.visitId, visitId))
    .orderBy(visitPhotos.takenAt);
}

/** Which of these hashes have their bytes in the store. */
export async function arrivedHashes(db: Executor, hashes: string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const rows = await db.select({ sha256: photos.sha256 }).from(photos).where(inArray(photos.sha256, hashes));
  return new Set(rows.map((row) => row.sha256));
}
