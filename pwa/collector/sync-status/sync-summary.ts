// What is not yet on the server, in the collector's terms: per visit (with its photos and audio) and in total,
// the oldest thing waiting, the last good sync, and what the server refused for good and why.
import type { CaseDetail } from '../../../shared/schemas/cases.js';
import type { SyncProgress } from '../../sync/index.js';
import type { StoredVisit } from '../../sync/records.js';
import { syncStateOf, visitFileStatesOf, type StopSyncState } from '../day/day-plan.js';

export interface VisitSyncLine {
  visitId: string;
  caseId: string;
  debtorName: string;
  timeZone: string;
  startedAt: string;
  state: StopSyncState;
  photosReceived: number;
  photosExpected: number;
  /** Pieces of the visit's audio recording. */
  audioReceived: number;
  audioExpected: number;
}

export interface FailureLine {
  key: string;
  kind: 'mutation' | 'photo' | 'audio';
  /** The mutation's type, for a refused record. */
  type: string | null;
  debtorName: string | null;
  reason: string;
  /** Where to act on it: the visit (a refused record is corrected there) or the case. */
  href: string | null;
}

export interface SyncSummary {
  allSent: boolean;
  itemsPending: number;
  mutationsPending: number;
  photosPending: number;
  audioPending: number;
  bytesPending: number;
  /** Visits with anything not yet on the server, oldest first. */
  unsentVisits: VisitSyncLine[];
  failures: FailureLine[];
}

export function summarizeSync(progress: SyncProgress, visits: readonly StoredVisit[], cases: readonly CaseDetail[]): SyncSummary {
  const caseById = new Map(cases.map((detail) => [detail.id, detail]));
  const photosByVisit = new Map(progress.visitPhotos.map((line) => [line.visitId, line]));
  const audioByVisit = new Map(progress.visitAudio.map((line) => [line.visitId, line]));
  const visitById = new Map(visits.map((visit) => [visit.visitId, visit]));
  const files = visitFileStatesOf(progress);

  const unsentVisits = visits
    .map((visit): VisitSyncLine => {
      const detail = caseById.get(visit.caseId);
      const photos = photosByVisit.get(visit.visitId);
      const audio = audioByVisit.get(visit.visitId);
      return {
        visitId: visit.visitId,
        caseId: visit.caseId,
        debtorName: detail?.debtorName ?? '—',
        timeZone: detail?.timeZone ?? 'Asia/Shanghai',
        startedAt: visit.checkIn?.mutation.checkedInAt ?? visit.createdAt,
        state: syncStateOf([visit], files),
        photosReceived: photos?.received ?? 0,
        photosExpected: photos?.expected ?? 0,
        audioReceived: audio?.received ?? 0,
        audioExpected: audio?.expected ?? 0,
      };
    })
    .filter(
      (line) =>
        line.state === 'pending' ||
        line.state === 'failed' ||
        line.photosReceived < line.photosExpected ||
        line.audioReceived < line.audioExpected,
    )
    .sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0));

  const failures = progress.failures.map((failure): FailureLine => {
    if (failure.kind !== 'mutation') {
      const visit = failure.visitIds.map((id) => visitById.get(id)).find((found) => found !== undefined);
      return {
        key: `${failure.kind}:${failure.sha256}`,
        kind: failure.kind,
        type: null,
        debtorName: visit ? (caseById.get(visit.caseId)?.debtorName ?? null) : null,
        reason: failure.reason,
        href: visit ? `/visits/${visit.visitId}` : null,
      };
    }
    const caseId = failure.caseId;
    return {
      key: `mutation:${failure.mutationId}`,
      kind: 'mutation',
      type: failure.type,
      debtorName: caseId ? (caseById.get(caseId)?.debtorName ?? null) : null,
      reason: failure.reason,
      href: failure.visitId && visitById.has(failure.visitId) ? `/visits/${failure.visitId}` : caseId ? `/cases/${caseId}` : null,
    };
  });

  return {
    allSent: progress.itemsPending === 0 && failures.length === 0,
    itemsPending: progress.itemsPending,
    mutationsPending: progress.mutationsPending,
    photosPending: progress.photosPending,
    audioPending: progress.audioPending,
    bytesPending: progress.bytesPending,
    unsentVisits,
    failures,
  };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}
