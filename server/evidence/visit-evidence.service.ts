import type { SessionUser } from '../../shared/schemas/auth.js';
import type { VisitEvidence } from '../../shared/schemas/evidence.js';
import type { Database } from '../db/client.js';
import { teamsOf } from '../dispatch/team.repository.js';
import { notFound } from '../http/errors.js';
import { arrivedHashes, findVisit, listedPhotos } from './visit-evidence.repository.js';

/**
 * A visit's evidence for staff (of the visit's collector's team when `team` is set:
 * DISPATCH_TEAM_SCOPE=team), or for the collector who made it; anyone else finds nothing.
 */
export async function visitEvidence(db: Database, user: SessionUser, visitId: string, team: string | null): Promise<VisitEvidence> {
  const visit = await findVisit(db, visitId);
  if (!visit || (user.role === 'collector' && visit.collectorId !== user.id)) throw notFound('Visit');
  if (user.role !== 'collector' && team !== null && (await teamsOf(db, [visit.collectorId])).get(visit.collectorId) !== team) throw notFound('Visit');
  const audio = visit.audio ?? [];
  const [photos, arrived] = await Promise.all([
    listedPhotos(db, visit.id),
    arrivedHashes(
      db,
      audio.map((piece) => piece.sha256),
    ),
  ]);
  const iso = (at: Date | null) => at?.toISOString() ?? null;
  return {
    id: visit.id,
    caseId: visit.caseId,
    addressId: visit.addressId,
    collectorId: visit.collectorId,
    checkedInAt: iso(visit.checkedInAt),
    checkInReceivedAt: iso(visit.checkInReceivedAt),
    checkInDistanceM: visit.checkInDistanceM,
    checkInAccuracyM: visit.checkInAccuracyM,
    deviceClockSkewS: visit.deviceClockSkewS,
    outcome: visit.outcome,
    checkedOutAt: iso(visit.checkedOutAt),
    // The score and flags are the reviewer's judgement of the visit; a collector who saw them could learn to dodge the checks.
    ...(user.role === 'collector' ? {} : { evidenceFlags: visit.evidenceFlags, evidenceScore: visit.evidenceScore }),
    photos: photos.map((photo) => ({
      sha256: photo.sha256,
      sizeBytes: photo.sizeBytes,
      takenAt: photo.takenAt.toISOString(),
      arrived: photo.arrived !== null,
    })),
    audio: audio.map((piece) => ({ ...piece, arrived: arrived.has(piece.sha256) })),
  };
}
