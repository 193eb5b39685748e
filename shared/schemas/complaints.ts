// Complaints (投诉) from a debtor or a creditor about a visit or a collector, tracked to resolution.
import { z } from 'zod';

export const complaintSources = ['debtor', 'creditor'] as const;
export const complaintChannels = ['phone', 'letter', 'email', 'in_person', 'online', 'regulator'] as const;
export const complaintStatuses = ['open', 'investigating', 'resolved'] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];

const person = z.object({ id: z.uuid(), name: z.string() });

export const complaint = z.object({
  id: z.uuid(),
  visitId: z.uuid().nullable(),
  caseId: z.uuid().nullable(),
  collector: person,
  source: z.enum(complaintSources),
  channel: z.enum(complaintChannels),
  body: z.string(),
  receivedAt: z.iso.datetime(),
  recordedBy: person,
  assignee: person.nullable(),
  status: z.enum(complaintStatuses),
  resolution: z.string().nullable(),
  resolvedAt: z.iso.datetime().nullable(),
  resolvedBy: person.nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Complaint = z.infer<typeof complaint>;

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'Write what was said')
    .max(max, `Keep it under ${max.toLocaleString('en')} characters`);

/** About one visit (its collector and case follow from it) or about a collector in general. */
export const createComplaintRequest = z
  .strictObject({
    visitId: z.uuid('Not a visit id').optional(),
    collectorId: z.uuid('Not a collector id').optional(),
    source: z.enum(complaintSources),
    channel: z.enum(complaintChannels),
    body: text(4000),
    /** When the complaint came in; now when left out. */
    receivedAt: z.iso.datetime({ offset: true }).optional(),
    assigneeId: z.uuid('Not a user id').optional(),
  })
  .refine((c) => c.visitId !== undefined || c.collectorId !== undefined, {
    message: 'Say which visit or which collector the complaint is about',
    path: ['visitId'],
  });
export type CreateComplaintRequest = z.infer<typeof createComplaintRequest>;

/** Assign, start investigating, or resolve (with the resolution). Status only moves forward: open → investigating → resolved. */
export const updateComplaintRequest = z
  .strictObject({
    assigneeId: z.uuid('Not a user id').optional(),
    status: z.enum(['investigating', 'resolved']).optional(),
    resolution: text(4000).optional(),
  })
  .refine((u) => u.assigneeId !== undefined || u.status !== undefined, { message: 'Send an assignee or a new status' })
  .refine((u) => u.status !== 'resolved' || u.resolution !== undefined, {
    message: 'Write how the complaint was resolved',
    path: ['resolution'],
  })
  .refine((u) => u.resolution === undefined || u.status === 'resolved', {
    message: 'A resolution goes with status resolved',
    path: ['resolution'],
  });
export type UpdateComplaintRequest = z.infer<typeof updateComplaintRequest>;

const listParam = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((value) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value), z.array(z.enum(values)).min(1));

export const complaintListQuery = z.strictObject({
  status: listParam(complaintStatuses).optional(),
  visitId: z.uuid('Not a visit id').optional(),
  collectorId: z.uuid('Not a collector id').optional(),
  /** `me`: the signed-in supervisor's own. */
  assigneeId: z.union([z.uuid(), z.literal('me')]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type ComplaintListQuery = z.output<typeof complaintListQuery>;

export const complaintListResponse = z.object({ complaints: z.array(complaint), nextCursor: z.string().nullable() });
export type ComplaintListResponse = z.infer<typeof complaintListResponse>;

export const complaintIdParams = z.strictObject({ id: z.uuid('Not a complaint id') });

export const assignableSupervisor = z.object({ id: z.uuid(), name: z.string(), teamName: z.string().nullable() });
export type AssignableSupervisor = z.infer<typeof assignableSupervisor>;
