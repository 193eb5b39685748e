// Assembles a visit's review: evidence beside the target and the collector's day, the anomalies in
// words, the decisions so far and the complaints. The evidence pack writes the same document.
import { maskIdNumber } from '../../shared/cases.js';
import { distanceMeters } from '../../shared/geo.js';
import type { SessionUser } from '../../shared/schemas/auth.js';
import type { NeighbourCheckIn, ReviewDecision, RevisitRequest, VisitReview } from '../../shared/schemas/review.js';
import { explainFlagBoth } from '../../shared/review-words.js';
import { writeAudit } from '../audit/audit.repository.js';
import type { Database } from '../db/client.js';
import { notFound } from '../http/errors.js';
import { listComplaints } from './complaints.repository.js';
import { toComplaint } from './complaints.service.js';
import { decisionHistory, type RevisitRow, revisitOfVisit } from './decisions.repository.js';
import { buildTimeline, reviewStatusOf, riskOf } from './review.rules.js';
import {
  findVisitForReview,
  neighbourCheckIn,
  photosForReview,
  plannedArrival,
  storedFiles,
  type VisitForReview,
} from './visit-review.repository.js';

const iso = (at: Date | null) => at?.toISOString() ?? null;

export function toRevisit(row: RevisitRow): RevisitRequest {
  return {
    id: row.id,
    visitId: row.visitId,
    reason: row.reason,
    requestedBy: { id: row.requestedById, name: row.requestedByName },
    requestedAt: row.requestedAt.toISOString(),
    status: row.cancelledAt !== null ? 'cancelled' : row.done ? 'done' : 'open',
  };
}

/** What the review page and the evidence pack show of a visit; `stored` tells where each arrived file lives. */
export interface AssembledReview {
  review: VisitReview;
  stored: Map<string, { storageKey: string; sizeBytes: number; contentType: string }>;
}

async function neighbours(db: Database, found: VisitForReview) {
  const { visit } = found;
  if (!visit.checkedInAt || visit.checkInLat === null || visit.checkInLng === null) return { previous: null, next: null };
  const here = { lat: visit.checkInLat, lng: visit.checkInLng };
  const at = visit.checkedInAt;
  const describe = (row: Awaited<ReturnType<typeof neighbourCheckIn>>): NeighbourCheckIn | null =>
    row && row.checkedInAt && row.lat !== null && row.lng !== null
      ? {
          visitId: row.visitId,
          caseId: row.caseId,
          debtorName: row.debtorName,
          checkedInAt: row.checkedInAt.toISOString(),
          lat: row.lat,
          lng: row.lng,
          distanceM: Math.round(distanceMeters(here, { lat: row.lat, lng: row.lng })),
          minutesApart: Math.round(Math.abs(at.getTime() - row.checkedInAt.getTime()) / 60_000),
        }
      : null;
  const previous = await neighbourCheckIn(db, visit.collectorId, visit.id, at, 'previous');
  const next = await neighbourCheckIn(db, visit.collectorId, visit.id, at, 'next');
  return { previous: describe(previous), next: describe(next) };
}

export async function assembleReview(db: Database, viewer: SessionUser, found: VisitForReview): Promise<AssembledReview> {
  const { visit } = found;
  const audio = visit.audio ?? [];
  const photoRows = await photosForReview(db, visit.id);
  const audioFiles = await storedFiles(
    db,
    audio.map((piece) => piece.sha256),
  );
  const around = await neighbours(db, found);
  const planned = visit.checkedInAt ? await plannedArrival(db, visit.collectorId, visit.caseId, visit.checkedInAt) : null;
  const history = await decisionHistory(db, [visit.id]);
  const revisit = await revisitOfVisit(db, visit.id);
  const complaints = await listComplaints(db, { scopeTeam: null, besideVisit: { visitId: visit.id, collectorId: visit.collectorId } }, 200);

  const stored = new Map<string, { storageKey: string; sizeBytes: number; contentType: string }>();
  for (const photo of photoRows) {
    if (photo.storageKey !== null && photo.storedBytes !== null && photo.contentType !== null)
      stored.set(photo.sha256, { storageKey: photo.storageKey, sizeBytes: photo.storedBytes, contentType: photo.contentType });
  }
  for (const file of audioFiles) stored.set(file.sha256, file);

  const decisions: ReviewDecision[] = history.map(({ review, reviewerName }) => ({
    id: review.id,
    subject: review.subject,
    decision: review.decision,
    reason: review.reason,
    reviewer: { id: review.reviewerId, name: reviewerName },
    decidedAt: review.decidedAt.toISOString(),
    replacesId: review.replacesId,
    current: review.current,
  }));
  const standing = (subject: 'evidence' | 'settlement') => decisions.find((d) => d.subject === subject && d.current)?.decision;
  const settlementDecision = standing('settlement');
  const checkIn =
    visit.checkedInAt && visit.checkInLat !== null && visit.checkInLng !== null
      ? {
          at: visit.checkedInAt.toISOString(),
          receivedAt: iso(visit.checkInReceivedAt),
          lat: visit.checkInLat,
          lng: visit.checkInLng,
          accuracyM: visit.checkInAccuracyM ?? 0,
          distanceM: Math.round(visit.checkInDistanceM ?? distanceMeters({ lat: visit.checkInLat, lng: visit.checkInLng }, found.target)),
        }
      : null;

  const review: VisitReview = {
    visit: {
      id: visit.id,
      collector: { id: visit.collectorId, name: found.collectorName, teamName: found.teamName },
      outcome: visit.outcome,
      metPerson: (visit.metPerson as VisitReview['visit']['metPerson']) ?? null,
      thirdPartyStatement: visit.thirdPartyStatement,
      abilityWillingness: (visit.abilityWillingness as VisitReview['visit']['abilityWillingness']) ?? null,
      familySituation: visit.familySituation,
      notes: visit.notes,
      newPhone: visit.newPhone,
      promise:
        visit.promiseAmount !== null && visit.promiseDueDate !== null
          ? { amount: visit.promiseAmount, dueDate: visit.promiseDueDate, kind: visit.promiseKind ?? 'promise' }
          : null,
      payment:
        visit.paymentAmount !== null
          ? { amount: visit.paymentAmount, reference: visit.paymentReference ?? '', channel: visit.paymentChannel ?? '' }
          : null,
      evidenceScore: visit.evidenceScore,
      risk: riskOf(visit.evidenceFlags),
      deviceClockSkewS: visit.deviceClockSkewS,
    },
    case: {
      id: found.case.id,
      externalId: found.case.externalId,
      creditor: found.creditor,
      debtorName: found.case.debtorName,
      debtorIdNumberMasked: maskIdNumber(found.case.debtorIdNumber),
      totalOutstanding: found.case.totalOutstanding,
      timeZone: found.case.timeZone,
      status: found.case.status,
    },
    target: found.target,
    checkIn,
    checkOut: visit.checkedOutAt
      ? { at: visit.checkedOutAt.toISOString(), receivedAt: iso(visit.checkOutReceivedAt), lat: visit.checkOutLat, lng: visit.checkOutLng }
      : null,
    photos: photoRows.map((p) => ({
      sha256: p.sha256,
      sizeBytes: p.sizeBytes,
      takenAt: p.takenAt.toISOString(),
      lat: p.lat,
      lng: p.lng,
      accuracyM: p.accuracyM,
      caption: p.caption,
      arrived: p.receivedAt !== null,
      receivedAt: iso(p.receivedAt),
    })),
    audio: audio.map((piece) => ({ ...piece, arrived: stored.has(piece.sha256) })),
    previousCheckIn: around.previous,
    nextCheckIn: around.next,
    timeline: buildTimeline({
      plannedArrival: planned,
      checkIn: visit.checkedInAt ? { at: visit.checkedInAt, receivedAt: visit.checkInReceivedAt } : null,
      photos: photoRows.map((p) => ({ sha256: p.sha256, takenAt: p.takenAt, receivedAt: p.receivedAt })),
      record: visit.recordReceivedAt ? { at: visit.recordedAt, receivedAt: visit.recordReceivedAt } : null,
      audio: audio.map((piece) => ({ sha256: piece.sha256, startedAt: piece.startedAt })),
      checkOut: visit.checkedOutAt ? { at: visit.checkedOutAt, receivedAt: visit.checkOutReceivedAt } : null,
    }),
    anomalies: visit.evidenceFlags.map((flag) => ({ ...flag, text: explainFlagBoth(flag, found.target.kind) })),
    review: { status: reviewStatusOf(standing('evidence')), history: decisions, revisit: revisit ? toRevisit(revisit) : null },
    settlement:
      visit.promiseKind === 'settlement_requested' && visit.promiseAmount !== null && visit.promiseDueDate !== null
        ? {
            status: settlementDecision === 'approved' || settlementDecision === 'refused' ? settlementDecision : 'pending',
            amount: visit.promiseAmount,
            totalOutstanding: found.case.totalOutstanding,
            dueDate: visit.promiseDueDate,
          }
        : null,
    complaints: complaints.map(toComplaint),
    mayDecide: viewer.id !== visit.collectorId,
  };
  return { review, stored };
}

/** The review page's data; every look at it is audited (debtor data is need-to-know). */
export async function readVisitReview(db: Database, user: SessionUser, visitId: string, scopeTeam: string | null): Promise<VisitReview> {
  const found = await findVisitForReview(db, visitId, scopeTeam);
  if (!found) throw notFound('Visit');
  const { review } = await assembleReview(db, user, found);
  await writeAudit(db, {
    actorUserId: user.id,
    actorRole: user.role,
    action: 'visit.review_view',
    subjectType: 'visit',
    subjectId: visitId,
    detail: { caseId: found.case.id },
  });
  return review;
}
