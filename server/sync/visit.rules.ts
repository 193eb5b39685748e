// How each mutation changes a visit, as pure functions: the push service loads what they
// need, runs them in order in memory, and writes the outcome once.
import { classifyPromise, isWithinVisitingHours, localClock, type VisitingHours } from '../../shared/conduct.js';
import type { LatLng } from '../../shared/geo.js';
import { formatYuan } from '../../shared/money.js';
import type { VisitMutation } from '../../shared/schemas/sync.js';
import { maxAudioPerVisit } from '../../shared/sync-limits.js';
import type { visits } from '../db/schema/index.js';

export type VisitRow = typeof visits.$inferInsert;

/** A case the pushing collector may act on (assigned to them, open). */
export interface CaseInScope {
  id: string;
  totalOutstanding: number;
  timeZone: string;
  visitingHours: VisitingHours;
  addresses: Map<string, LatLng>;
}

export interface MutationContext {
  collectorId: string;
  receivedAt: Date;
  deviceClockSkewS: number;
  caseOf(caseId: string): CaseInScope | undefined;
}

export type Applied = { ok: true; visit: VisitRow | undefined } | { ok: false; reason: string };

const refuse = (reason: string): Applied => ({ ok: false, reason });

const notYours =
  'This case is no longer assigned to you (reassigned, closed or returned), so the record was not accepted. Tell your dispatcher if you did visit.';

function startVisit(mutation: { visitId: string; caseId: string; addressId: string }, context: MutationContext): VisitRow {
  return {
    id: mutation.visitId,
    caseId: mutation.caseId,
    addressId: mutation.addressId,
    collectorId: context.collectorId,
    deviceClockSkewS: context.deviceClockSkewS,
  };
}

function sameVisit(existing: VisitRow | undefined, mutation: { caseId: string }, context: MutationContext): string | undefined {
  if (!existing) return undefined;
  if (existing.collectorId !== context.collectorId || existing.caseId !== mutation.caseId) {
    return 'This visit id belongs to another visit; the app must make a new id. Nothing was changed.';
  }
  return undefined;
}

export function applyVisitMutation(existing: VisitRow | undefined, mutation: VisitMutation, context: MutationContext): Applied {
  const caseInScope = context.caseOf(mutation.caseId);
  if (!caseInScope) return refuse(notYours);
  const mismatch = sameVisit(existing, mutation, context);
  if (mismatch) return refuse(mismatch);
  // Keep the worst skew seen across the pushes that carried this visit.
  const previousSkew = existing?.deviceClockSkewS ?? 0;
  const skew = Math.abs(context.deviceClockSkewS) >= Math.abs(previousSkew) ? context.deviceClockSkewS : previousSkew;

  switch (mutation.type) {
    case 'visit.checkIn': {
      if (!caseInScope.addresses.has(mutation.addressId)) return refuse('The address is not one of this case’s addresses.');
      const at = new Date(mutation.checkedInAt);
      if (!isWithinVisitingHours(at, caseInScope.timeZone, caseInScope.visitingHours)) {
        const { start, end } = caseInScope.visitingHours;
        return refuse(
          `Check-in at ${localClock(at, caseInScope.timeZone)} (${caseInScope.timeZone}) is outside the permitted visiting hours ${start}–${end} in the debtor’s local time. Visit again within those hours.`,
        );
      }
      const visit = existing ?? startVisit(mutation, context);
      return {
        ok: true,
        visit: {
          ...visit,
          addressId: mutation.addressId,
          checkedInAt: at,
          checkInReceivedAt: context.receivedAt,
          checkInLat: mutation.position.lat,
          checkInLng: mutation.position.lng,
          checkInAccuracyM: mutation.position.accuracyM,
          deviceClockSkewS: skew,
        },
      };
    }
    case 'visit.record': {
      if (!caseInScope.addresses.has(mutation.addressId)) return refuse('The address is not one of this case’s addresses.');
      const outstanding = caseInScope.totalOutstanding;
      let promiseKind: 'promise' | 'settlement_requested' | null = null;
      if (mutation.promiseToPay) {
        const kind = classifyPromise(mutation.promiseToPay.amount, outstanding);
        if (kind === 'exceeds_outstanding') {
          return refuse(`The promise of ${formatYuan(mutation.promiseToPay.amount)} is more than the total outstanding ${formatYuan(outstanding)}. Correct the amount.`);
        }
        promiseKind = kind;
      } else if (mutation.outcome === 'promise_to_pay') {
        return refuse('The outcome is "promise to pay" but no amount and date were given. Add them.');
      }
      if (mutation.payment && mutation.payment.amount > outstanding) {
        return refuse(`The reported payment of ${formatYuan(mutation.payment.amount)} is more than the total outstanding ${formatYuan(outstanding)}.`);
      }
      if (mutation.outcome === 'paid_official_channel' && !mutation.payment) {
        return refuse('The outcome is "paid" but no payment reference was given. Payments go through the creditor’s official channel: record its reference.');
      }
      const visit = existing ?? startVisit(mutation, context);
      return {
        ok: true,
        visit: {
          ...visit,
          recordedAt: new Date(mutation.createdAt),
          recordReceivedAt: context.receivedAt,
          outcome: mutation.outcome,
          metPerson: mutation.metPerson,
          thirdPartyStatement: mutation.thirdPartyStatement ?? null,
          abilityWillingness: mutation.abilityWillingness ?? null,
          familySituation: mutation.familySituation ?? null,
          notes: mutation.notes ?? null,
          newPhone: mutation.newPhone ?? null,
          promiseAmount: mutation.promiseToPay?.amount ?? null,
          promiseDueDate: mutation.promiseToPay?.dueDate ?? null,
          promiseKind,
          paymentAmount: mutation.payment?.amount ?? null,
          paymentReference: mutation.payment?.reference ?? null,
          paymentChannel: mutation.payment?.channel ?? null,
          expectedPhotos: mutation.photos.length,
          deviceClockSkewS: skew,
        },
      };
    }
    case 'visit.checkOut': {
      const at = new Date(mutation.checkedOutAt);
      if (existing?.checkedInAt && at < existing.checkedInAt) {
        return refuse('Check-out is earlier than check-in on this device’s clock. Check the phone’s date and time.');
      }
      if (!existing) return refuse('Check-out arrived for a visit this server has not seen; the app sends the check-in first.');
      return {
        ok: true,
        visit: {
          ...existing,
          checkedOutAt: at,
          checkOutReceivedAt: context.receivedAt,
          checkOutLat: mutation.position?.lat ?? null,
          checkOutLng: mutation.position?.lng ?? null,
          deviceClockSkewS: skew,
        },
      };
    }
    case 'visit.audio': {
      if (!existing) return refuse('The recording arrived for a visit this server has not seen; the app sends the check-in first.');
      const audio = existing.audio ?? [];
      // The same bytes announced again (a second device start, say) are already listed.
      if (audio.some((piece) => piece.sha256 === mutation.audio.sha256)) return { ok: true, visit: existing };
      if (audio.length >= maxAudioPerVisit) return refuse(`A visit holds at most ${maxAudioPerVisit} pieces of recording; this one was not accepted.`);
      return { ok: true, visit: { ...existing, audio: [...audio, mutation.audio], deviceClockSkewS: skew } };
    }
  }
}
