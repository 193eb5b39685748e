import type { SessionUser } from '../../shared/schemas/auth.js';
import type { VisitPhotoStatus } from '../../shared/schemas/sync.js';
import type { Database } from '../db/client.js';
import { notFound } from '../http/errors.js';
import { collectorMaySee, findPhoto, visitPhotoArrivals } from './photos.repository.js';

export async function photoStatus(db: Database, user: SessionUser, visitIds: string[]): Promise<VisitPhotoStatus[]> {
  const rows = await visitPhotoArrivals(db, user.id, visitIds);
  return visitIds.flatMap((visitId) => {
    const listed = rows.filter((r) => r.visitId === visitId);
    if (listed.length === 0) return [];
    const missing = listed.filter((r) => r.arrived === null).map((r) => r.sha256);
    return [{ visitId, expected: listed.length, received: listed.length - missing.length, missing }];
  });
}

/** The stored photo if this person may see it; otherwise not found (never "forbidden": ids leak nothing). */
export async function readablePhoto(db: Database, user: SessionUser, sha256: string) {
  const photo = await findPhoto(db, sha256);
  if (!photo) throw notFound('Photo');
  if (user.role === 'collector' && photo.uploadedBy !== user.id && !(await collectorMaySee(db, user.id, sha256))) throw notFound('Photo');
  if (user.role === 'api_client') throw notFound('Photo');
  return photo;
}
