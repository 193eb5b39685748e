import type { SessionUser } from '../../shared/schemas/auth.js';
import type { VisitPhotoStatus } from '../../shared/schemas/sync.js';
import type { Database } from '../db/client.js';
import { notFound } from '../http/errors.js';
import { collectorMaySee, findPhoto, teamMaySee, visitAudioArrivals, visitPhotoArrivals } from './photos.repository.js';

/** For each visit: which of its photos, and apart which pieces of its audio, have arrived. Visits listing neither are left out. */
export async function photoStatus(db: Database, user: SessionUser, visitIds: string[]): Promise<VisitPhotoStatus[]> {
  const [photoRows, audioRows] = await Promise.all([visitPhotoArrivals(db, user.id, visitIds), visitAudioArrivals(db, user.id, visitIds)]);
  const tally = (rows: { visitId: string; sha256: string; arrived: string | null }[], visitId: string) => {
    const listed = rows.filter((r) => r.visitId === visitId);
    const missing = listed.filter((r) => r.arrived === null).map((r) => r.sha256);
    return { expected: listed.length, received: listed.length - missing.length, missing };
  };
  return visitIds.flatMap((visitId) => {
    const photos = tally(photoRows, visitId);
    const audio = tally(audioRows, visitId);
    return photos.expected + audio.expected === 0 ? [] : [{ visitId, ...photos, audio }];
  });
}

/**
 * The stored photo if this person may see it; otherwise not found (never "forbidden": ids leak
 * nothing). `team`: the team staff are limited to (DISPATCH_TEAM_SCOPE=team), null for everyone's.
 */
export async function readablePhoto(db: Database, user: SessionUser, sha256: string, team: string | null) {
  if (user.role === 'api_client') throw notFound('Photo');
  const photo = await findPhoto(db, sha256);
  if (!photo) throw notFound('Photo');
  if (user.role === 'collector') {
    if (photo.uploadedBy !== user.id && !(await collectorMaySee(db, user.id, sha256))) throw notFound('Photo');
  } else if (team !== null && !(await teamMaySee(db, team, sha256))) throw notFound('Photo');
  return photo;
}
