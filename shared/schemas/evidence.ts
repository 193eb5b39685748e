import { z } from 'zod';
import { sha256Hex } from './sync.js';

export const evidenceCodes = [
  'far_from_address',
  'poor_gps_accuracy',
  'device_clock_skew',
  'photo_outside_visit',
  'impossible_travel',
  'duplicate_photo',
  'missing_check_in',
] as const;
export type EvidenceCode = (typeof evidenceCodes)[number];

/** An automatic anomaly flag on a visit, with the figures behind it so a person can judge it. */
export const evidenceFlag = z.object({
  code: z.enum(evidenceCodes),
  severity: z.enum(['info', 'warning', 'high']),
  /** Numbers behind the flag (metres, seconds, km/h, other visit id). */
  details: z.record(z.string(), z.union([z.number(), z.string()])),
});
export type EvidenceFlag = z.infer<typeof evidenceFlag>;

/** A visit as a reviewer sees its evidence: where and when, the flags, and which photos and audio have arrived. */
export const visitEvidence = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  addressId: z.uuid(),
  collectorId: z.uuid(),
  /** Device time of the check-in, and when the server received it. */
  checkedInAt: z.iso.datetime().nullable(),
  checkInReceivedAt: z.iso.datetime().nullable(),
  checkInDistanceM: z.number().nullable(),
  checkInAccuracyM: z.number().nullable(),
  deviceClockSkewS: z.number().nullable(),
  outcome: z.string().nullable(),
  checkedOutAt: z.iso.datetime().nullable(),
  /** Staff only: the collector who made the visit is not told which checks it tripped (left out for them). */
  evidenceFlags: z.array(evidenceFlag).optional(),
  evidenceScore: z.number().int().optional(),
  photos: z.array(z.object({ sha256: sha256Hex, sizeBytes: z.number().int(), takenAt: z.iso.datetime(), arrived: z.boolean() })),
  audio: z.array(
    z.object({
      sha256: sha256Hex,
      sizeBytes: z.number().int(),
      contentType: z.string(),
      durationS: z.number(),
      startedAt: z.iso.datetime({ offset: true }),
      complete: z.boolean(),
      arrived: z.boolean(),
    }),
  ),
});
export type VisitEvidence = z.infer<typeof visitEvidence>;
