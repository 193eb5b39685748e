// Reads of the device's sync store for the collector's views: everything they show comes from here,
// never from the network, so the day's work is there with no signal at all.
import { useEffect, useState } from 'preact/hooks';
import type { CaseDetail } from '../../../shared/schemas/cases.js';
import type { DeviceRoute } from '../../../shared/schemas/sync.js';
import type { SyncEngine } from '../../sync/index.js';
import type { StoredNote, StoredPhoto, StoredVisit } from '../../sync/records.js';
import { rulesFrom, type DeviceRules } from '../check-in/check-in-rules.js';
import { useEngineState, useStoreRevision } from './collector-engine.js';

type SyncDatabase = SyncEngine['db'];

export interface DayData {
  cases: CaseDetail[];
  route: DeviceRoute | null;
  visits: StoredVisit[];
  /** Null until the first sync has brought the cases to this device. */
  lastSuccessfulSyncAt: string | null;
}

export async function readDay(db: SyncDatabase): Promise<DayData> {
  const [cases, route, visits, meta] = await Promise.all([
    db.getAll('cases'),
    db.get('route', 'today'),
    db.getAll('visits'),
    db.get('meta', 'sync'),
  ]);
  return {
    cases: cases.map((stored) => stored.detail),
    route: route?.route ?? null,
    visits,
    lastSuccessfulSyncAt: meta?.lastSuccessfulSyncAt ?? null,
  };
}

export interface CaseData {
  detail: CaseDetail | null;
  route: DeviceRoute | null;
  visits: StoredVisit[];
  notes: StoredNote[];
  photos: StoredPhoto[];
  lastSuccessfulSyncAt: string | null;
  rules: DeviceRules;
}

export async function readCase(db: SyncDatabase, caseId: string): Promise<CaseData> {
  const [stored, route, visits, notes, meta] = await Promise.all([
    db.get('cases', caseId),
    db.get('route', 'today'),
    db.getAllFromIndex('visits', 'byCase', caseId),
    db.getAllFromIndex('notes', 'byCase', caseId),
    db.get('meta', 'sync'),
  ]);
  const hashes = new Set(visits.flatMap((visit) => visit.record?.mutation.photos.map((photo) => photo.sha256) ?? []));
  const photos = (await Promise.all([...hashes].map((hash) => db.get('photos', hash)))).filter((photo): photo is StoredPhoto => !!photo);
  return {
    detail: stored?.detail ?? null,
    route: route?.route ?? null,
    visits: visits.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1)),
    notes,
    photos,
    lastSuccessfulSyncAt: meta?.lastSuccessfulSyncAt ?? null,
    rules: rulesFrom(meta),
  };
}

export type StoreQuery<T> =
  | { status: 'waiting'; data: null; engine: SyncEngine | null }
  | { status: 'ready'; data: T; engine: SyncEngine }
  | { status: 'failed'; data: null; error: string; engine: null };

/** Reads from the store now and again after every change; the last answer stays shown while the next is read. */
export function useStoreQuery<T>(read: (db: SyncDatabase) => Promise<T>, deps: readonly unknown[]): StoreQuery<T> {
  const engineState = useEngineState();
  const revision = useStoreRevision();
  const engine = engineState.status === 'open' ? engineState.engine : null;
  const [result, setResult] = useState<{ data: T; engine: SyncEngine; key: string } | null>(null);
  const key = JSON.stringify(deps);
  useEffect(() => {
    if (!engine) return;
    let current = true;
    read(engine.db).then(
      (data) => {
        if (current) setResult({ data, engine, key });
      },
      () => {
        // A closing database at sign-out; the next revision reads again.
      },
    );
    return () => {
      current = false;
    };
    // The read is keyed by its deps (serialised) and the store's revision, not by the function's identity.
  }, [engine, revision, key]);
  if (engineState.status === 'failed') return { status: 'failed', data: null, error: engineState.error, engine: null };
  if (!engine || !result || result.engine !== engine || result.key !== key) return { status: 'waiting', data: null, engine };
  return { status: 'ready', data: result.data, engine: result.engine };
}

export interface VisitData {
  visit: StoredVisit | null;
  detail: CaseDetail | null;
  photos: StoredPhoto[];
  /** The pieces of the visit's audio recording on the device (their sync state). */
  audio: StoredPhoto[];
}

export async function readVisit(db: SyncDatabase, visitId: string): Promise<VisitData> {
  const visit = (await db.get('visits', visitId)) ?? null;
  if (!visit) return { visit: null, detail: null, photos: [], audio: [] };
  const stored = await db.get('cases', visit.caseId);
  const files = async (hashes: string[]) =>
    (await Promise.all(hashes.map((hash) => db.get('photos', hash)))).filter((file): file is StoredPhoto => !!file);
  const [photos, audio] = await Promise.all([
    files(visit.record?.mutation.photos.map((photo) => photo.sha256) ?? []),
    files(visit.audio?.map((piece) => piece.mutation.audio.sha256) ?? []),
  ]);
  return { visit, detail: stored?.detail ?? null, photos, audio };
}
