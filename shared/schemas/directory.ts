// Reference lists the dispatcher's filters and the admin screens need.
import { z } from 'zod';

export const collectorSummary = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  teamId: z.uuid().nullable(),
  teamName: z.string().nullable(),
  disabled: z.boolean(),
  homeAddress: z.string(),
  homeLat: z.number(),
  homeLng: z.number(),
  shiftStart: z.string(),
  shiftEnd: z.string(),
  maxVisitsPerDay: z.number().int(),
  travelMode: z.enum(['walk', 'ebike', 'car', 'transit']),
  skills: z.array(z.string()),
});
export type CollectorSummary = z.infer<typeof collectorSummary>;

export const creditorSummary = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  timeZone: z.string(),
  visitingHoursStart: z.string(),
  visitingHoursEnd: z.string(),
});
export type CreditorSummary = z.infer<typeof creditorSummary>;

export const teamSummary = z.object({ id: z.uuid(), name: z.string(), territory: z.string().nullable() });
export type TeamSummary = z.infer<typeof teamSummary>;
