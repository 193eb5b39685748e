// The day's list as the collector sees it, derived from the store: the published route's stops in
// order, or, with no route today, every assigned case by priority. Pure, so it is tested in Node.
import type { CaseDetail } from '../../../shared/schemas/cases.js';
import type { DeviceRoute } from '../../../shared/schemas/sync.js';
import type { SyncProgress } from '../../sync/progress.js';
import type { StoredVisit } from '../../sync/records.js';

/** Where the visits recorded on this device stand with the server. */
export type StopSyncState = 'none' | 'pending' | 'synced' | 'failed';
/** How far the collector got at this stop today. */
export type StopProgress = 'todo' | 'checkedIn' | 'recorded' | 'checkedOut';

export interface DayStop {
  /** 1-based position on the route, or in the priority list. */
  number: number;
  caseId: string;
  addressId: string;
  debtorName: string;
  totalOutstanding: number;
  daysPastDue: number;
  priority: number;
  address: string;
  lat: number;
  lng: number;
  timeZone: string;
  window: { start: string; end: string } | null;
  plannedArrival: string | null;
  progress: StopProgress;
  syncState: StopSyncState;
}

export interface DayPlan {
  kind: 'route' | 'cases';
  stops: DayStop[];
}

/** Which visits still have photos or audio to send, and which have one the server refused for good. */
export interface VisitFileStates {
  unsent: ReadonlySet<string>;
  refused: ReadonlySet<string>;
}

export const noVisitFiles: VisitFileStates = { unsent: new Set(), refused: new Set() };

/** A visit whose records are all acknowledged is not synced while its photos or audio are not on the server. */
export function visitFileStatesOf(progress: SyncProgress | null): VisitFileStates {
  if (!progress) return noVisitFiles;
  const unsent = [...progress.visitPhotos, ...progress.visitAudio]
    .filter((line) => line.received < line.expected)
    .map((line) => line.visitId);
  const refused = progress.failures.flatMap((failure) => (failure.kind === 'mutation' ? [] : failure.visitIds));
  return { unsent: new Set(unsent), refused: new Set(refused) };
}

export function syncStateOf(visits: readonly StoredVisit[], files: VisitFileStates = noVisitFiles): StopSyncState {
  const parts = visits.flatMap((visit) =>
    [visit.checkIn, visit.record, visit.checkOut, ...(visit.audio ?? [])].filter((part) => part !== undefined),
  );
  if (parts.length === 0) return 'none';
  if (parts.some((part) => part.state === 'failed') || visits.some((visit) => files.refused.has(visit.visitId))) return 'failed';
  if (parts.some((part) => part.state === 'pending') || visits.some((visit) => files.unsent.has(visit.visitId))) return 'pending';
  return 'synced';
}

export function progressOf(visits: readonly StoredVisit[]): StopProgress {
  let best: StopProgress = 'todo';
  const rank: Record<StopProgress, number> = { todo: 0, checkedIn: 1, recorded: 2, checkedOut: 3 };
  for (const visit of visits) {
    const here: StopProgress = visit.checkOut ? 'checkedOut' : visit.record ? 'recorded' : visit.checkIn ? 'checkedIn' : 'todo';
    if (rank[here] > rank[best]) best = here;
  }
  return best;
}

/** The case's main address: the one its summary names, else the first. */
export function primaryAddress(detail: CaseDetail): CaseDetail['addresses'][number] | undefined {
  return detail.addresses.find((address) => address.address === detail.address) ?? detail.addresses[0];
}

function byPriority(a: CaseDetail, b: CaseDetail): number {
  return b.priority - a.priority || b.daysPastDue - a.daysPastDue || b.totalOutstanding - a.totalOutstanding || a.id.localeCompare(b.id);
}

export function planDay(
  cases: readonly CaseDetail[],
  route: DeviceRoute | null,
  visits: readonly StoredVisit[],
  files: VisitFileStates = noVisitFiles,
): DayPlan {
  const caseById = new Map(cases.map((detail) => [detail.id, detail]));
  const visitsByCase = new Map<string, StoredVisit[]>();
  for (const visit of visits) visitsByCase.set(visit.caseId, [...(visitsByCase.get(visit.caseId) ?? []), visit]);

  const stop = (
    number: number,
    detail: CaseDetail,
    address: CaseDetail['addresses'][number],
    extra: Pick<DayStop, 'window' | 'plannedArrival'>,
  ): DayStop => {
    const here = (visitsByCase.get(detail.id) ?? []).filter((visit) => visit.addressId === address.id);
    return {
      number,
      caseId: detail.id,
      addressId: address.id,
      debtorName: detail.debtorName,
      totalOutstanding: detail.amounts.totalOutstanding,
      daysPastDue: detail.daysPastDue,
      priority: detail.priority,
      address: address.address,
      lat: address.lat,
      lng: address.lng,
      timeZone: detail.timeZone,
      progress: progressOf(here),
      syncState: syncStateOf(here, files),
      ...extra,
    };
  };

  if (route && route.stops.length > 0) {
    const stops: DayStop[] = [];
    for (const routeStop of [...route.stops].sort((a, b) => a.sequence - b.sequence)) {
      const detail = caseById.get(routeStop.caseId);
      const address = detail?.addresses.find((candidate) => candidate.id === routeStop.addressId);
      // A stop whose case left the device (reassigned since the route was published) is not shown.
      if (!detail || !address) continue;
      stops.push(
        stop(stops.length + 1, detail, address, {
          window: { start: routeStop.windowStart, end: routeStop.windowEnd },
          plannedArrival: routeStop.plannedArrival,
        }),
      );
    }
    return { kind: 'route', stops };
  }

  const stops: DayStop[] = [];
  for (const detail of [...cases].sort(byPriority)) {
    const address = primaryAddress(detail);
    if (address) stops.push(stop(stops.length + 1, detail, address, { window: null, plannedArrival: null }));
  }
  return { kind: 'cases', stops };
}
