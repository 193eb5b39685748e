import { describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../../shared/schemas/cases.js';
import type { SyncProgress } from '../../sync/index.js';
import type { StoredVisit } from '../../sync/records.js';
import { formatBytes, summarizeSync } from './sync-summary.js';

const caseA = { id: 'case-a', debtorName: '张三', timeZone: 'Asia/Shanghai' } as CaseDetail;
const part = <T>(state: 'pending' | 'synced' | 'failed', checkedInAt?: string) => ({ state, mutation: { checkedInAt } as T });

function visit(
  id: string,
  checkedInAt: string,
  states: { checkIn: 'pending' | 'synced' | 'failed'; record?: 'pending' | 'synced' | 'failed' },
): StoredVisit {
  return {
    visitId: id,
    caseId: 'case-a',
    addressId: 'addr',
    createdAt: checkedInAt,
    checkIn: part<NonNullable<StoredVisit['checkIn']>['mutation']>(states.checkIn, checkedInAt),
    ...(states.record ? { record: part<NonNullable<StoredVisit['record']>['mutation']>(states.record) } : {}),
  };
}

const idle: SyncProgress = {
  phase: 'idle',
  itemsPending: 0,
  mutationsPending: 0,
  photosPending: 0,
  audioPending: 0,
  bytesPending: 0,
  visitPhotos: [],
  visitAudio: [],
  lastSuccessfulSyncAt: '2026-11-24T02:00:00.000Z',
  oldestUnsentAt: null,
  oldestUnsentAgeMs: null,
  failures: [],
  signedOut: false,
  lastError: null,
  nextRetryAt: null,
};

describe('the sync summary', () => {
  it('is "all sent" only with nothing pending and nothing refused', () => {
    const summary = summarizeSync(idle, [visit('v1', '2026-11-24T02:00:00.000Z', { checkIn: 'synced', record: 'synced' })], [caseA]);
    expect(summary).toMatchObject({ allSent: true, unsentVisits: [], failures: [] });
  });

  it('lists each visit with something still on the device, oldest first, with "n of m photos"', () => {
    const progress: SyncProgress = {
      ...idle,
      itemsPending: 3,
      mutationsPending: 1,
      photosPending: 2,
      bytesPending: 300_000,
      visitPhotos: [
        { visitId: 'v2', caseId: 'case-a', received: 1, expected: 3 },
        { visitId: 'v1', caseId: 'case-a', received: 2, expected: 2 },
      ],
    };
    const summary = summarizeSync(
      progress,
      [
        visit('v2', '2026-11-24T03:00:00.000Z', { checkIn: 'synced', record: 'synced' }),
        visit('v1', '2026-11-24T02:00:00.000Z', { checkIn: 'synced', record: 'synced' }),
        visit('v3', '2026-11-24T01:00:00.000Z', { checkIn: 'pending' }),
      ],
      [caseA],
    );
    expect(summary.allSent).toBe(false);
    expect(summary.unsentVisits.map((line) => [line.visitId, line.state, `${line.photosReceived}/${line.photosExpected}`])).toEqual([
      ['v3', 'pending', '0/0'],
      // Its records are acknowledged, but it is not synced while two of its photos are still on the phone.
      ['v2', 'pending', '1/3'],
    ]);
    // A visit whose audio has not all arrived is still unsent, whatever its photos.
    const audio = summarizeSync(
      { ...progress, visitAudio: [{ visitId: 'v1', caseId: 'case-a', received: 0, expected: 1 }] },
      [visit('v1', '2026-11-24T02:00:00.000Z', { checkIn: 'synced', record: 'synced' })],
      [caseA],
    );
    expect(audio.unsentVisits.map((line) => [line.visitId, `${line.audioReceived}/${line.audioExpected}`])).toEqual([['v1', '0/1']]);
    expect(summary.unsentVisits[0]?.debtorName).toBe('张三');
  });

  it('shows refusals with their reason and where to act on them', () => {
    const progress: SyncProgress = {
      ...idle,
      failures: [
        {
          kind: 'mutation',
          mutationId: 'm1',
          type: 'visit.checkIn',
          caseId: 'case-a',
          visitId: 'v1',
          status: 'rejected',
          reason: 'outside visiting hours',
          at: '2026-11-24T02:00:00.000Z',
        },
        {
          kind: 'mutation',
          mutationId: 'm2',
          type: 'sos.raise',
          caseId: null,
          visitId: null,
          status: 'rejected',
          reason: 'bad',
          at: '2026-11-24T02:00:00.000Z',
        },
        { kind: 'photo', sha256: 'abc', visitIds: ['v1'], reason: 'bytes damaged' },
      ],
    };
    const summary = summarizeSync(progress, [visit('v1', '2026-11-24T02:00:00.000Z', { checkIn: 'failed' })], [caseA]);
    expect(summary.allSent).toBe(false);
    expect(summary.failures).toEqual([
      {
        key: 'mutation:m1',
        kind: 'mutation',
        type: 'visit.checkIn',
        debtorName: '张三',
        reason: 'outside visiting hours',
        href: '/visits/v1',
      },
      { key: 'mutation:m2', kind: 'mutation', type: 'sos.raise', debtorName: null, reason: 'bad', href: null },
      { key: 'photo:abc', kind: 'photo', type: null, debtorName: '张三', reason: 'bytes damaged', href: '/visits/v1' },
    ]);
  });

  it('formats sizes for people', () => {
    expect([formatBytes(900), formatBytes(2048), formatBytes(300_000), formatBytes(3_500_000)]).toEqual([
      '900 B',
      '2.0 KB',
      '293 KB',
      '3.3 MB',
    ]);
  });
});
