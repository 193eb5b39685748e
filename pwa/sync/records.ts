// What the device keeps between syncs: its copy of the server's cases and route, what the
// collector recorded, the ordered outbox of mutations, and the state of each photo upload.
import type { Mutation, Position } from '../../shared/schemas/sync.js';
import type { CaseDetail } from '../../shared/schemas/cases.js';
import type { DeviceRoute, PullResponse } from '../../shared/schemas/sync.js';
import type { AudioContentType, PhotoContentType } from '../../shared/sync-limits.js';

export type { AudioContentType, PhotoContentType } from '../../shared/sync-limits.js';

/** Where a recorded part stands with the server. */
export type SyncState = 'pending' | 'synced' | 'failed';

export interface StoredCase {
  id: string;
  detail: CaseDetail;
}

export interface StoredRoute {
  key: 'today';
  route: DeviceRoute;
}

export type CheckInMutation = Extract<Mutation, { type: 'visit.checkIn' }>;
export type RecordMutation = Extract<Mutation, { type: 'visit.record' }>;
export type CheckOutMutation = Extract<Mutation, { type: 'visit.checkOut' }>;
export type AudioMutation = Extract<Mutation, { type: 'visit.audio' }>;
export type NoteMutation = Extract<Mutation, { type: 'note.add' }>;
export type SosMutation = Extract<Mutation, { type: 'sos.raise' }>;

export interface VisitPart<M extends Mutation> {
  mutation: M;
  state: SyncState;
}

/** One visit as the device knows it: each part travels as its own mutation. */
export interface StoredVisit {
  visitId: string;
  caseId: string;
  addressId: string;
  checkIn?: VisitPart<CheckInMutation>;
  record?: VisitPart<RecordMutation>;
  checkOut?: VisitPart<CheckOutMutation>;
  /** The pieces of the visit's audio recording (one per app start during the visit). */
  audio?: VisitPart<AudioMutation>[];
  createdAt: string;
}

export interface StoredNote {
  noteId: string;
  caseId: string;
  mutation: NoteMutation;
  state: SyncState;
}

/**
 * A mutation waiting for the server (pending), one it refused for good (failed), or a refused one the
 * collector has since corrected (resolved): kept until the server acknowledges the correction.
 */
export interface OutboxEntry {
  /** Assigned by IndexedDB: the order in which the collector recorded things. */
  seq?: number;
  state: 'pending' | 'failed' | 'resolved';
  mutation: Mutation;
  /** Device time when recorded, for "oldest unsent item". */
  enqueuedAt: string;
  failure?: { status: 'rejected' | 'conflict'; reason: string; at: string };
  /** For a resolved entry: the id of the mutation that corrects it. */
  resolvedBy?: string;
}

/**
 * waiting: its visit record is not yet acknowledged; held: that record was refused, so the photo
 * stays on the device beside the failure and is not sent; pending: to upload; uploaded: the server verified its hash; confirmed: the server lists it on
 * its visit, so the bytes may go; failed: the bytes on the device no longer match their hash.
 */
export type PhotoState = 'waiting' | 'held' | 'pending' | 'uploaded' | 'confirmed' | 'failed';

/**
 * A content-addressed file of a visit, a photo or a piece of its audio recording (both travel the
 * same way, so they share this store; `contentType` tells them apart). The bytes live apart so
 * progress can be counted without reading them.
 */
export interface StoredPhoto {
  sha256: string;
  sizeBytes: number;
  contentType: PhotoContentType | AudioContentType;
  visitIds: string[];
  /** When the photo was taken, or the recording started. */
  takenAt: string;
  /** A recording's length. */
  durationS?: number;
  position?: Position;
  state: PhotoState;
  createdAt: string;
  /** Hash mismatches answered by the server; a few in a row mean the stored bytes are damaged. */
  mismatches: number;
  failure?: string;
}

/** A piece of a visit's audio recording rather than a photo. */
export function isAudio(file: Pick<StoredPhoto, 'contentType'>): boolean {
  return file.contentType.startsWith('audio/');
}

/** Bytes as an ArrayBuffer, never a Blob: Safari loses Blobs stored in IndexedDB. */
export interface StoredPhotoBytes {
  sha256: string;
  bytes: ArrayBuffer;
}

/** Where a tus upload stands, so an interrupted one resumes instead of starting over. */
export interface UploadState {
  sha256: string;
  uploadUrl: string;
  offset: number;
  sizeBytes: number;
}

export interface SyncMeta {
  deviceId: string;
  cursor?: string;
  /** The server's rules the app applies offline (geofence, GPS accuracy), from the last pull. */
  settings?: PullResponse['settings'];
  lastSuccessfulSyncAt?: string;
  lastServerTime?: string;
}
