import { z } from 'zod';

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
