import { describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../../shared/schemas/cases.js';
import type { DeviceRoute } from '../../../shared/schemas/sync.js';
import type { StoredVisit } from '../../sync/records.js';
import type { SyncProgress } from '../../sync/progress.js';
import { planDay, progressOf, syncStateOf, visitFileStatesOf } from './day-plan.js';

let n = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

function caseOf(name: string, priority: number, daysPastDue = 30): CaseDetail {
  const id = uuid();
  const home = { id: uuid(), kind: 'home' as const, address: `${name} 家`, lat: 41.8, lng: 123.4 };
  const work = { id: uuid(), kind: 'work' as const, address: `${name} 单位`, lat: 41.81, lng: 123.41 };
  return {
    id,
    creditor: 'Bank',
    externalId: `X-${name}`,
    product: 'credit_card',
    debtorName: name,
    debtorIdNumberMasked: '210***********1234',
    totalOutstanding: 100_00 * priority,
    daysPastDue,
    bucket: 'M1',
    status: 'assigned',
    escalationReason: 'unreachable',
    priority,
    lat: home.lat,
    lng: home.lng,
    address: home.address,
    assignedCollectorId: uuid(),
    receivedAt: '2026-11-01T00:00:00.000Z',
    timeZone: 'Asia/Shanghai',
    debtorPhone: null,
    amounts: { principal: 100_00 * priority, interest: 0, fees: 0, totalOutstanding: 100_00 * priority },
    addresses: [home, work],
    contacts: [],
    notes: [],
    visitingHours: { start: '08:00', end: '21:00' },
    recordAudio: false,
    previousVisits: [],
    updatedAt: '2026-11-01T00:00:00.000Z',
  };
}

function visitAt(
  detail: CaseDetail,
  addressIndex: number,
  parts: Partial<Pick<StoredVisit, 'checkIn' | 'record' | 'checkOut'>>,
): StoredVisit {
  return {
    visitId: uuid(),
    caseId: detail.id,
    addressId: detail.addresses[addressIndex]?.id ?? '',
    createdAt: '2026-11-23T02:00:00.000Z',
    ...parts,
  };
}

const checkIn = (state: 'pending' | 'synced' | 'failed') => ({ state, mutation: {} as NonNullable<StoredVisit['checkIn']>['mutation'] });
const record = (state: 'pending' | 'synced' | 'failed') => ({ state, mutation: {} as NonNullable<StoredVisit['record']>['mutation'] });

describe('the day plan', () => {
  const low = caseOf('低', 2);
  const high = caseOf('高', 5);
  const mid = caseOf('中', 3, 90);

  it('with no route, lists every case by priority at its main address', () => {
    const plan = planDay([low, high, mid], null, []);
    expect(plan.kind).toBe('cases');
    expect(plan.stops.map((stop) => [stop.number, stop.debtorName, stop.address, stop.window])).toEqual([
      [1, '高', '高 家', null],
      [2, '中', '中 家', null],
      [3, '低', '低 家', null],
    ]);
    expect(plan.stops[0]?.totalOutstanding).toBe(500_00);
  });

  it('follows the route in sequence, at the routed address, with its window, and skips stops no longer on the device', () => {
    const gone = uuid();
    const route: DeviceRoute = {
      id: uuid(),
      serviceDate: '2026-11-23',
      publishedAt: '2026-11-22T12:00:00.000Z',
      stops: [
        {
          sequence: 2,
          caseId: low.id,
          addressId: low.addresses[1]?.id ?? '',
          plannedArrival: '2026-11-23T03:00:00.000Z',
          plannedDeparture: '2026-11-23T03:20:00.000Z',
          windowStart: '2026-11-23T02:00:00.000Z',
          windowEnd: '2026-11-23T04:00:00.000Z',
        },
        {
          sequence: 1,
          caseId: mid.id,
          addressId: mid.addresses[0]?.id ?? '',
          plannedArrival: '2026-11-23T01:00:00.000Z',
          plannedDeparture: '2026-11-23T01:20:00.000Z',
          windowStart: '2026-11-23T00:00:00.000Z',
          windowEnd: '2026-11-23T10:00:00.000Z',
        },
        {
          sequence: 3,
          caseId: gone,
          addressId: uuid(),
          plannedArrival: '2026-11-23T05:00:00.000Z',
          plannedDeparture: '2026-11-23T05:20:00.000Z',
          windowStart: '2026-11-23T00:00:00.000Z',
          windowEnd: '2026-11-23T10:00:00.000Z',
        },
      ],
    };
    const plan = planDay([low, high, mid], route, [
      visitAt(low, 1, { checkIn: checkIn('pending') }),
      visitAt(low, 0, { checkIn: checkIn('failed') }),
    ]);
    expect(plan.kind).toBe('route');
    expect(plan.stops.map((stop) => [stop.number, stop.debtorName, stop.address])).toEqual([
      [1, '中', '中 家'],
      [2, '低', '低 单位'],
    ]);
    // Only the visit at the routed address counts for that stop.
    expect(plan.stops[1]).toMatchObject({
      progress: 'checkedIn',
      syncState: 'pending',
      window: { start: '2026-11-23T02:00:00.000Z', end: '2026-11-23T04:00:00.000Z' },
    });
    expect(plan.stops[0]).toMatchObject({ progress: 'todo', syncState: 'none' });
  });

  it('an empty published route falls back to the priority list', () => {
    expect(planDay([low], { id: uuid(), serviceDate: '2026-11-23', publishedAt: '2026-11-22T12:00:00.000Z', stops: [] }, []).kind).toBe(
      'cases',
    );
  });
});

describe('a stop’s state', () => {
  const detail = caseOf('甲', 3);
  it('is the furthest step reached and the worst sync state', () => {
    expect(progressOf([])).toBe('todo');
    expect(
      progressOf([
        visitAt(detail, 0, { checkIn: checkIn('synced') }),
        visitAt(detail, 0, { checkIn: checkIn('synced'), record: record('pending') }),
      ]),
    ).toBe('recorded');
    expect(syncStateOf([])).toBe('none');
    expect(syncStateOf([visitAt(detail, 0, { checkIn: checkIn('synced'), record: record('synced') })])).toBe('synced');
    expect(syncStateOf([visitAt(detail, 0, { checkIn: checkIn('synced'), record: record('pending') })])).toBe('pending');
    expect(syncStateOf([visitAt(detail, 0, { checkIn: checkIn('failed'), record: record('pending') })])).toBe('failed');
  });

  it('counts a visit whose records are all acknowledged as not synced while a photo is not on the server, and as failed when one was refused', () => {
    const visit = visitAt(detail, 0, { checkIn: checkIn('synced'), record: record('synced') });
    const other = visitAt(detail, 0, { checkIn: checkIn('synced') });
    const progress = (visitPhotos: SyncProgress['visitPhotos'], failures: SyncProgress['failures'] = []) =>
      ({ visitPhotos, visitAudio: [], failures }) as unknown as SyncProgress;
    const line = (visitId: string, received: number) => ({ visitId, caseId: detail.id, received, expected: 2 });

    expect(syncStateOf([visit], visitFileStatesOf(null))).toBe('synced');
    expect(syncStateOf([visit], visitFileStatesOf(progress([line(visit.visitId, 1)])))).toBe('pending');
    expect(syncStateOf([visit], visitFileStatesOf(progress([line(visit.visitId, 2)])))).toBe('synced');
    const refused = progress(
      [line(visit.visitId, 1)],
      [{ kind: 'photo', sha256: 'a'.repeat(64), visitIds: [visit.visitId], reason: 'not a photo' }],
    );
    expect(syncStateOf([visit], visitFileStatesOf(refused))).toBe('failed');
    // Another visit's photos say nothing of this one.
    expect(syncStateOf([other], visitFileStatesOf(refused))).toBe('synced');
    expect(planDay([detail], null, [visit], visitFileStatesOf(refused)).stops[0]?.syncState).toBe('failed');
  });
});
