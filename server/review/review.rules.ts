// The review's rules as plain functions: how risky a visit looks, its timeline, and who may decide.
import type { EvidenceFlag } from '../../shared/schemas/evidence.js';
import type { ReviewStatus, RiskLevel, TimelineEvent } from '../../shared/schemas/review.js';

const riskOrder: Record<RiskLevel, number> = { none: 0, info: 1, warning: 2, high: 3 };

/** The worst severity among the flags: the queue's badge. */
export function riskOf(flags: readonly Pick<EvidenceFlag, 'severity'>[]): RiskLevel {
  return flags.reduce<RiskLevel>((worst, flag) => (riskOrder[flag.severity] > riskOrder[worst] ? flag.severity : worst), 'none');
}

export function reviewStatusOf(decision: string | null | undefined): ReviewStatus {
  return decision === 'accepted' || decision === 'rejected' || decision === 'revisit' ? decision : 'pending';
}

export interface TimelineInput {
  plannedArrival: Date | null;
  checkIn: { at: Date; receivedAt: Date | null } | null;
  photos: { sha256: string; takenAt: Date; receivedAt: Date | null }[];
  record: { at: Date | null; receivedAt: Date | null } | null;
  audio: { sha256: string; startedAt: string }[];
  checkOut: { at: Date; receivedAt: Date | null } | null;
}

/** Planned arrival → check-in → photos → record → check-out, in the phone's time order, each with when the server got it. */
export function buildTimeline(input: TimelineInput): TimelineEvent[] {
  const iso = (at: Date | null | undefined) => at?.toISOString() ?? null;
  const events: TimelineEvent[] = [];
  if (input.plannedArrival) events.push({ kind: 'planned_arrival', deviceAt: iso(input.plannedArrival), serverAt: null, ref: null });
  if (input.checkIn) events.push({ kind: 'check_in', deviceAt: iso(input.checkIn.at), serverAt: iso(input.checkIn.receivedAt), ref: null });
  for (const photo of input.photos)
    events.push({ kind: 'photo', deviceAt: iso(photo.takenAt), serverAt: iso(photo.receivedAt), ref: photo.sha256 });
  for (const piece of input.audio) events.push({ kind: 'audio', deviceAt: piece.startedAt, serverAt: null, ref: piece.sha256 });
  if (input.record) events.push({ kind: 'record', deviceAt: iso(input.record.at), serverAt: iso(input.record.receivedAt), ref: null });
  if (input.checkOut)
    events.push({ kind: 'check_out', deviceAt: iso(input.checkOut.at), serverAt: iso(input.checkOut.receivedAt), ref: null });
  const rank: Record<TimelineEvent['kind'], number> = { planned_arrival: 0, check_in: 1, audio: 2, photo: 3, record: 4, check_out: 5 };
  const time = (event: TimelineEvent) => (event.deviceAt === null ? Number.POSITIVE_INFINITY : Date.parse(event.deviceAt));
  // Stable by kind on equal times, so check-in stays before the photos taken the same second.
  return events.sort((a, b) => time(a) - time(b) || rank[a.kind] - rank[b.kind]);
}

export interface StandingDecision {
  id: string;
  decision: string;
  reviewerName: string;
  decidedAt: Date;
}

export interface Refusal {
  status: 403 | 409;
  message: string;
}

/**
 * Whether a decision may be taken: nobody decides on a visit they made themselves (so a supervisor
 * never approves their own request), and a decided visit changes only when the request names the
 * standing decision it replaces (so two supervisors never overwrite each other unknowingly).
 */
export function decisionRefusal(input: {
  deciderId: string;
  collectorId: string;
  standing: StandingDecision | undefined;
  replaces: string | undefined;
  what: 'verdict' | 'settlement';
}): Refusal | null {
  const noun = input.what === 'verdict' ? 'verdict' : 'settlement decision';
  if (input.deciderId === input.collectorId) {
    return { status: 403, message: `This visit is your own: another supervisor must give the ${noun}.` };
  }
  const { standing, replaces } = input;
  if (standing && replaces === undefined) {
    return {
      status: 409,
      message: `Already decided (${standing.decision}) by ${standing.reviewerName} at ${standing.decidedAt.toISOString()}. To change it, send replaces: "${standing.id}" with the reason for the change.`,
    };
  }
  if (replaces !== undefined && standing?.id !== replaces) {
    return {
      status: 409,
      message: standing
        ? `That ${noun} is no longer the standing one: ${standing.reviewerName} decided ${standing.decision} at ${standing.decidedAt.toISOString()}. Reload the visit and decide again.`
        : `There is no ${noun} to replace yet. Leave out replaces.`,
    };
  }
  return null;
}
