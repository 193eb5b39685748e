// Applies a device's push: each mutation validated, deduplicated by its id, checked against
// the rules, and written together with its dedupe record in one statement per push.
import type { z } from 'zod';
import type { SessionUser } from '../../shared/schemas/auth.js';
import { type CaseMutation, mutation as mutationSchema, type Mutation, type MutationResult, type PushRequest, type PushResponse, syncProtocolVersion } from '../../shared/schemas/sync.js';
import type { Database, Executor } from '../db/client.js';
import type { alerts, caseAddresses, caseNotes, syncMutations, visitPhotos } from '../db/schema/index.js';
import type { EvidenceThresholds } from '../evidence/evidence.checks.js';
import { newId } from '../ids.js';
import { assessVisits, type RecordedVisit } from '../risk/risk.assess.js';
import type { RiskRules } from '../risk/risk.rules.js';
import { type KnownContext, withEvidence } from './visit.evidence.js';
import { applyVisitMutation, type CaseInScope, type MutationContext, type VisitRow } from './visit.rules.js';
import { payloadHash } from './payload-hash.js';
import { casesInScope, existingNoteIds, findMutations, findVisits, writePush } from './sync.repository.js';

interface Incoming {
  id: string;
  hash: string;
  mutation: Mutation | undefined;
  invalidReason: string | undefined;
}

function describe(error: z.ZodError): string {
  const first = error.issues[0];
  return first ? `Invalid ${first.path.join('.') || 'mutation'}: ${first.message}` : 'Invalid mutation';
}

function parse(raw: unknown): Incoming {
  const id = typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'string' ? raw.id : '';
  const parsed = mutationSchema.safeParse(raw);
  return parsed.success
    ? { id, hash: payloadHash(raw), mutation: parsed.data, invalidReason: undefined }
    : { id, hash: '', mutation: undefined, invalidReason: describe(parsed.error) };
}

/** What the batch will write, gathered while the rules run in memory. */
interface Writes {
  visits: Map<string, VisitRow>;
  photos: (typeof visitPhotos.$inferInsert)[];
  notes: (typeof caseNotes.$inferInsert)[];
  addresses: (typeof caseAddresses.$inferInsert)[];
  alerts: (typeof alerts.$inferInsert)[];
  /** Note ids already stored or taken earlier in this push: an id is never reused. */
  takenNoteIds: Set<string>;
  visitedCaseIds: Set<string>;
  changedCaseIds: Set<string>;
  mutations: (typeof syncMutations.$inferInsert)[];
  /** Visits recorded by this push (the risk rules read them), and whether the record gave a new address. */
  recorded: Map<string, { newAddress: boolean }>;
}

/** What the push needs besides the request: evidence thresholds, risk rules, and whether signals go out by webhook. */
export interface PushOptions {
  thresholds: EvidenceThresholds;
  risk: { rules: RiskRules; deliver: boolean };
}

function applyOne(item: Mutation, context: MutationContext, writes: Writes, user: SessionUser): string | undefined {
  if (item.type === 'sos.raise') {
    // Never refused: a collector in danger is helped whatever else is wrong with the record.
    writes.alerts.push({
      id: item.sosId,
      kind: 'sos',
      collectorId: user.id,
      lat: item.position?.lat ?? null,
      lng: item.position?.lng ?? null,
      accuracyM: item.position?.accuracyM ?? null,
      note: item.note ?? null,
      raisedAt: new Date(item.createdAt),
      receivedAt: context.receivedAt,
    });
    return undefined;
  }
  if (item.type === 'note.add') {
    if (!context.caseOf(item.caseId)) return 'This case is no longer assigned to you, so the note was not accepted.';
    if (writes.takenNoteIds.has(item.noteId)) return 'This note id was already used for another note; the app must make a new id. Nothing was changed.';
    writes.takenNoteIds.add(item.noteId);
    writes.notes.push({ id: item.noteId, caseId: item.caseId, writtenAt: new Date(item.createdAt), author: user.displayName, authorId: user.id, channel: 'visit', body: item.body });
    writes.changedCaseIds.add(item.caseId);
    return undefined;
  }
  const outcome = applyVisitMutation(writes.visits.get(item.visitId), item, context);
  if (!outcome.ok) return outcome.reason;
  if (outcome.visit) writes.visits.set(item.visitId, outcome.visit);
  if (item.type === 'visit.record') {
    writes.visitedCaseIds.add(item.caseId);
    writes.recorded.set(item.visitId, { newAddress: item.newAddress !== undefined || (writes.recorded.get(item.visitId)?.newAddress ?? false) });
    for (const photo of item.photos) {
      writes.photos.push({
        visitId: item.visitId,
        sha256: photo.sha256,
        sizeBytes: photo.sizeBytes,
        takenAt: new Date(photo.takenAt),
        lat: photo.position?.lat ?? null,
        lng: photo.position?.lng ?? null,
        accuracyM: photo.position?.accuracyM ?? null,
        caption: photo.caption ?? null,
      });
    }
    if (item.newAddress) {
      writes.addresses.push({ id: newId(), caseId: item.caseId, source: 'field', ...item.newAddress });
      writes.changedCaseIds.add(item.caseId);
    }
  }
  return undefined;
}

async function loadContext(tx: Executor, user: SessionUser, fresh: CaseMutation[], receivedAt: Date, skewS: number, writes: Writes): Promise<MutationContext> {
  const scoped = await casesInScope(tx, user.id, [...new Set(fresh.map((m) => m.caseId))]);
  const byId = new Map<string, CaseInScope>(
    scoped.map((c) => [
      c.id,
      {
        id: c.id,
        totalOutstanding: c.totalOutstanding,
        timeZone: c.timeZone,
        visitingHours: { start: c.visitingHoursStart.slice(0, 5), end: c.visitingHoursEnd.slice(0, 5) },
        addresses: new Map(c.addresses.map((a) => [a.id, { lat: a.lat, lng: a.lng }])),
      },
    ]),
  );
  const visitIds = [...new Set(fresh.flatMap((m) => (m.type === 'note.add' ? [] : [m.visitId])))];
  for (const visit of await findVisits(tx, visitIds)) writes.visits.set(visit.id, visit);
  for (const id of await existingNoteIds(tx, fresh.flatMap((m) => (m.type === 'note.add' ? [m.noteId] : [])))) writes.takenNoteIds.add(id);
  return { collectorId: user.id, receivedAt, deviceClockSkewS: skewS, caseOf: (id) => byId.get(id) };
}

function knownFrom(context: MutationContext, fresh: CaseMutation[], stored: ReadonlySet<string>): KnownContext {
  const caseIds = [...new Set(fresh.map((m) => m.caseId))];
  return {
    targetOf: (addressId) => {
      for (const caseId of caseIds) {
        const target = context.caseOf(caseId)?.addresses.get(addressId);
        if (target) return target;
      }
      return undefined;
    },
    stored,
  };
}

/** PostgreSQL's unique_violation, as pg and PGlite report it (drizzle wraps it as the cause). */
function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; typeof e === 'object' && e !== null; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

export async function applyPush(
  db: Database,
  user: SessionUser,
  request: PushRequest,
  options: PushOptions,
): Promise<PushResponse> {
  try {
    return await applyOnce(db, user, request, options);
  } catch (error) {
    // Another push of the same mutations (a retry racing its own first attempt) committed
    // first; a second look answers them as replays instead of failing the device.
    if (!isUniqueViolation(error)) throw error;
    return applyOnce(db, user, request, options);
  }
}

async function applyOnce(
  db: Database,
  user: SessionUser,
  request: PushRequest,
  options: PushOptions,
): Promise<PushResponse> {
  const receivedAt = new Date();
  const skewS = (Date.parse(request.sentAt) - receivedAt.getTime()) / 1000;
  const incoming = request.mutations.map(parse);

  // No transaction around the push: the reads come first and everything it writes is one
  // statement (atomic by itself). Two racing pushes of one mutation collide on its dedupe
  // record, and applyPush looks again.
  const stored = new Map((await findMutations(db, incoming.flatMap((i) => (i.mutation ? [i.id] : [])))).map((row) => [row.id, row]));
  const seenInBatch = new Map<string, { hash: string; result: MutationResult }>();
  const fresh = incoming.flatMap((i): CaseMutation[] => (i.mutation && !stored.has(i.id) && i.mutation.type !== 'sos.raise' ? [i.mutation] : []));
  const writes: Writes = { visits: new Map(), photos: [], notes: [], addresses: [], alerts: [], takenNoteIds: new Set(), visitedCaseIds: new Set(), changedCaseIds: new Set(), mutations: [], recorded: new Map() };
  const touchedVisitIds = new Set<string>();
  const context = await loadContext(db, user, fresh, receivedAt, skewS, writes);
  const storedVisits = new Set(writes.visits.keys());

  const answers = incoming.map((item): MutationResult => {
    const base = { id: item.id, receivedAt: receivedAt.toISOString() };
    if (!item.mutation) return { ...base, status: 'rejected', replayed: false, reason: item.invalidReason };
    const previous = stored.get(item.id) ?? seenInBatch.get(item.id);
    if (previous) {
      const samePayload = ('payloadHash' in previous ? previous.payloadHash : previous.hash) === item.hash;
      const sameOwner = !('userId' in previous) || previous.userId === user.id;
      if (samePayload && sameOwner) return { ...previous.result, replayed: true };
      return { ...base, status: 'conflict', replayed: false, reason: 'This mutation id was already used for different content. Nothing was changed; the app must make a new id for a new record.' };
    }
    const reason = applyOne(item.mutation, context, writes, user);
    const result: MutationResult = reason === undefined ? { ...base, status: 'applied', replayed: false } : { ...base, status: 'rejected', replayed: false, reason };
    if (reason === undefined && 'visitId' in item.mutation) touchedVisitIds.add(item.mutation.visitId);
    seenInBatch.set(item.id, { hash: item.hash, result });
    writes.mutations.push({ id: item.id, userId: user.id, deviceId: request.deviceId, type: item.mutation.type, payloadHash: item.hash, result, deviceCreatedAt: new Date(item.mutation.createdAt), receivedAt });
    return result;
  });

  const touched = [...touchedVisitIds].map((id) => writes.visits.get(id)!);
  const visits = await withEvidence(db, user.id, touched, writes.photos, options.thresholds, knownFrom(context, fresh, storedVisits));
  // Risk signals come from the recorded visits in memory and go into the same statement.
  const recorded = visits.flatMap((visit): RecordedVisit[] => {
    const record = writes.recorded.get(visit.id);
    const scope = context.caseOf(visit.caseId);
    return record && scope ? [{ visit, newAddress: record.newAddress, totalOutstanding: scope.totalOutstanding }] : [];
  });
  await writePush(db, {
    visits,
    photos: writes.photos,
    notes: writes.notes,
    addresses: writes.addresses,
    alerts: writes.alerts,
    visitedCaseIds: [...writes.visitedCaseIds],
    changedCaseIds: [...writes.changedCaseIds],
    mutations: writes.mutations,
    risk: assessVisits(recorded, options.risk.rules, options.risk.deliver),
  });
  return { protocolVersion: syncProtocolVersion, serverTime: new Date().toISOString(), results: answers };
}
