// The sync protocol between the collector's device and the server: the device pushes
// mutations made offline (each with a device-made UUIDv7 and the device's clock), the
// server answers each one; the device pulls what it must hold since a server cursor.
import { z } from 'zod';
import {
  abilityWillingness,
  assetKinds,
  employmentStatuses,
  healthStatuses,
  incomeSources,
  metPersons,
  outcomes,
} from '../outcomes.js';
import { addressKinds } from '../cases.js';
import { caseDetail, latitude, longitude, minorUnits } from './cases.js';
import {
  audioContentTypes,
  maxAudioBytes,
  maxAudioDurationS,
  maxMutationsPerPush,
  maxPhotoBytes,
  photoContentTypes,
  syncProtocolVersion,
} from '../sync-limits.js';

export { maxMutationsPerPush, syncProtocolVersion, uploadsPath } from '../sync-limits.js';

/** A UUIDv7: made on the device, sortable by creation time. */
export const uuidv7 = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i, 'Must be a UUIDv7');
export const deviceTime = z.iso.datetime({ offset: true });
export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'Must be a lower-case hex SHA-256');

export const position = z.strictObject({
  lat: latitude,
  lng: longitude,
  accuracyM: z.number().min(0).max(100_000),
});
export type Position = z.infer<typeof position>;

export const familySituation = z.strictObject({
  householdMembers: z.number().int().min(0).max(30).optional(),
  dependants: z.number().int().min(0).max(30).optional(),
  employment: z.enum(employmentStatuses).optional(),
  employer: z.string().trim().max(128).optional(),
  incomeSource: z.enum(incomeSources).optional(),
  assetsSeen: z.array(z.enum(assetKinds)).max(assetKinds.length).optional(),
  health: z.enum(healthStatuses).optional(),
  notes: z.string().trim().max(2000).optional(),
});
export type FamilySituation = z.infer<typeof familySituation>;

export const visitPhoto = z.strictObject({
  sha256: sha256Hex,
  sizeBytes: z.number().int().min(1).max(maxPhotoBytes),
  takenAt: deviceTime,
  position: position.optional(),
  caption: z.string().trim().max(200).optional(),
});
export type VisitPhoto = z.infer<typeof visitPhoto>;

const base = { id: uuidv7, createdAt: deviceTime };

/** Arrived at the address: a GPS fix. Refused outside the debtor's permitted visiting hours. */
export const checkInMutation = z.strictObject({
  ...base,
  type: z.literal('visit.checkIn'),
  visitId: uuidv7,
  caseId: z.uuid(),
  addressId: z.uuid(),
  checkedInAt: deviceTime,
  position,
});

/** What happened. May arrive before or after its check-in; the visit is keyed by visitId. */
export const recordMutation = z.strictObject({
  ...base,
  type: z.literal('visit.record'),
  visitId: uuidv7,
  caseId: z.uuid(),
  addressId: z.uuid(),
  outcome: z.enum(outcomes),
  metPerson: z.enum(metPersons),
  /** What was said to a third party (never the debt itself). */
  thirdPartyStatement: z.string().trim().max(1000).optional(),
  promiseToPay: z.strictObject({ amount: minorUnits.min(1, 'A promise must be at least 1 fen'), dueDate: z.iso.date() }).optional(),
  payment: z.strictObject({ amount: minorUnits.min(1), reference: z.string().trim().min(4).max(64), channel: z.string().trim().min(1).max(64) }).optional(),
  abilityWillingness: z.enum(abilityWillingness).optional(),
  familySituation: familySituation.optional(),
  notes: z.string().trim().max(4000).optional(),
  newAddress: z.strictObject({ kind: z.enum(addressKinds), address: z.string().trim().min(1).max(256), lat: latitude, lng: longitude }).optional(),
  newPhone: z.string().trim().max(32).optional(),
  photos: z.array(visitPhoto).max(30).default([]),
});

export const checkOutMutation = z.strictObject({
  ...base,
  type: z.literal('visit.checkOut'),
  visitId: uuidv7,
  caseId: z.uuid(),
  checkedOutAt: deviceTime,
  position: position.optional(),
});

/** One piece of the visit's audio recording; its bytes travel apart, like a photo's. */
export const visitAudio = z.strictObject({
  sha256: sha256Hex,
  sizeBytes: z.number().int().min(1).max(maxAudioBytes, `A recording may be at most ${maxAudioBytes / 1024 / 1024} MB`),
  contentType: z.enum(audioContentTypes),
  durationS: z.number().min(0).max(maxAudioDurationS),
  startedAt: deviceTime,
  /** False for what a closed or crashed app left: it ends where the last saved chunk ends. */
  complete: z.boolean(),
});
export type VisitAudio = z.infer<typeof visitAudio>;

/**
 * The visit's recording (from check-in to check-out, when the creditor asks for it). Apart from the
 * record because the recording ends at check-out, after the record, and because an app closed
 * mid-visit leaves a piece of its own. Accepted only for a visit the server has seen.
 */
export const audioMutation = z.strictObject({
  ...base,
  type: z.literal('visit.audio'),
  visitId: uuidv7,
  caseId: z.uuid(),
  audio: visitAudio,
});

/** A free note on the case, outside any visit. */
export const noteMutation = z.strictObject({
  ...base,
  type: z.literal('note.add'),
  noteId: uuidv7,
  caseId: z.uuid(),
  body: z.string().trim().min(1).max(4000),
});

/** A collector in danger: supervisors are alerted with the position. Queued like any record when offline. */
export const sosMutation = z.strictObject({
  ...base,
  type: z.literal('sos.raise'),
  sosId: uuidv7,
  position: position.optional(),
  note: z.string().trim().max(500).optional(),
});

export const mutation = z.discriminatedUnion('type', [checkInMutation, recordMutation, checkOutMutation, audioMutation, noteMutation, sosMutation]);
export type Mutation = z.output<typeof mutation>;
export type MutationInput = z.input<typeof mutation>;
export type MutationType = Mutation['type'];
/** Mutations about a case (all but an SOS). */
export type CaseMutation = Exclude<Mutation, { type: 'sos.raise' }>;
export type VisitMutation = Exclude<CaseMutation, { type: 'note.add' }>;

/** The envelope is checked strictly; each mutation inside is validated on its own. */
export const pushRequest = z.strictObject({
  protocolVersion: z.literal(syncProtocolVersion, `This app speaks an old sync protocol; reload it to update (server speaks ${syncProtocolVersion})`),
  deviceId: z.string().trim().min(8).max(64),
  /** The device clock when sending, to measure its skew from the server clock. */
  sentAt: deviceTime,
  mutations: z.array(z.unknown()).min(1).max(maxMutationsPerPush, `Send at most ${maxMutationsPerPush} mutations per push`),
});
export type PushRequest = z.infer<typeof pushRequest>;

export const mutationStatuses = ['applied', 'rejected', 'conflict'] as const;
export const mutationResult = z.object({
  id: z.string(),
  /**
   * applied: stored (a replay of an applied id answers applied again, with `replayed`);
   * rejected: refused for `reason`, permanently: retrying the same mutation cannot succeed;
   * conflict: this id was already used for a different payload; nothing was changed.
   */
  status: z.enum(mutationStatuses),
  replayed: z.boolean(),
  reason: z.string().optional(),
  receivedAt: z.iso.datetime(),
});
export type MutationResult = z.infer<typeof mutationResult>;

export const pushResponse = z.object({
  protocolVersion: z.literal(syncProtocolVersion),
  serverTime: z.iso.datetime(),
  results: z.array(mutationResult),
});
export type PushResponse = z.infer<typeof pushResponse>;

export const pullQuery = z.strictObject({
  /** Opaque cursor from the last pull; absent for a full snapshot. */
  cursor: z.string().regex(/^\d{1,19}-\d{1,19}$/, 'Not a cursor this server gave out; pull without a cursor to start again').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const routeStop = z.object({
  sequence: z.number().int(),
  caseId: z.uuid(),
  addressId: z.uuid(),
  plannedArrival: z.iso.datetime(),
  plannedDeparture: z.iso.datetime(),
  windowStart: z.iso.datetime(),
  windowEnd: z.iso.datetime(),
});
export const deviceRoute = z.object({
  id: z.uuid(),
  serviceDate: z.iso.date(),
  publishedAt: z.iso.datetime(),
  stops: z.array(routeStop),
});
export type DeviceRoute = z.infer<typeof deviceRoute>;

export const pullResponse = z.object({
  protocolVersion: z.literal(syncProtocolVersion),
  /** Pass back on the next pull. */
  cursor: z.string(),
  /** True when more changes wait: pull again at once with the new cursor. */
  hasMore: z.boolean(),
  /** A snapshot replaces everything the device holds; otherwise apply as changes. */
  snapshot: z.boolean(),
  cases: z.array(caseDetail),
  /** Cases the device must drop: reassigned, closed or returned. */
  removedCaseIds: z.array(z.uuid()),
  /** Today's published route, when one exists (null: none published). */
  route: deviceRoute.nullable(),
  /** Rules the device applies offline before the server sees a record. */
  settings: z.object({ geofenceRadiusM: z.number(), poorAccuracyM: z.number() }),
  serverTime: z.iso.datetime(),
});
export type PullResponse = z.infer<typeof pullResponse>;

/** What the server knows of a visit's photos (and, apart, its audio): which have arrived. */
export const visitPhotoStatus = z.object({
  visitId: z.uuid(),
  expected: z.number().int(),
  received: z.number().int(),
  missing: z.array(sha256Hex),
  audio: z.object({ expected: z.number().int(), received: z.number().int(), missing: z.array(sha256Hex) }),
});
export type VisitPhotoStatus = z.infer<typeof visitPhotoStatus>;

export const photoStatusQuery = z.strictObject({
  visitIds: z
    .string()
    .transform((value) => value.split(',').filter(Boolean))
    .pipe(z.array(z.uuid()).min(1).max(200)),
});
export const photoStatusResponse = z.object({ visits: z.array(visitPhotoStatus) });
export type PhotoStatusResponse = z.infer<typeof photoStatusResponse>;

/** tus upload metadata every photo or recording upload carries. */
export const photoUploadMetadata = z.strictObject({
  sha256: sha256Hex,
  contentType: z.enum([...photoContentTypes, ...audioContentTypes], 'Send a JPEG, WebP or PNG photo, or a WebM, Ogg or MP4 recording'),
  visitId: uuidv7.optional(),
  filename: z.string().max(128).optional(),
});
export type PhotoUploadMetadata = z.infer<typeof photoUploadMetadata>;
