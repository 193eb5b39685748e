import { describe, expect, it } from 'vitest';
import type { StoredPhoto, StoredVisit } from '../../sync/records.js';
import { photoCounts, visitRefusals } from './visit-view.js';

const visit = {
  visitId: 'v1',
  caseId: 'c1',
  addressId: 'a1',
  createdAt: '2026-11-24T02:00:00.000Z',
  checkIn: { state: 'failed', mutation: { id: 'm-check-in' } },
  record: { state: 'pending', mutation: { id: 'm-record', photos: [{ sha256: 'p1' }, { sha256: 'p2' }, { sha256: 'p3' }] } },
} as unknown as StoredVisit;

const photo = (sha256: string, state: StoredPhoto['state']) => ({ sha256, state }) as StoredPhoto;

describe('a visit as the collector sees it', () => {
  it('counts the photos the server holds', () => {
    expect(photoCounts(visit, [photo('p1', 'confirmed'), photo('p2', 'uploaded'), photo('p3', 'pending')])).toEqual({
      received: 2,
      expected: 3,
    });
    expect(photoCounts({ ...visit, record: undefined }, [])).toEqual({ received: 0, expected: 0 });
  });

  it("gathers the server's refusals of its parts and photos, and nobody else's", () => {
    const reasons = visitRefusals(visit, [
      {
        kind: 'mutation',
        mutationId: 'm-check-in',
        type: 'visit.checkIn',
        caseId: 'c1',
        visitId: 'v1',
        status: 'rejected',
        reason: 'outside hours',
        at: '',
      },
      {
        kind: 'mutation',
        mutationId: 'other',
        type: 'visit.checkIn',
        caseId: 'c2',
        visitId: 'v9',
        status: 'rejected',
        reason: 'not mine',
        at: '',
      },
      { kind: 'photo', sha256: 'p3', visitIds: ['v1'], reason: 'damaged' },
    ]);
    expect(reasons).toEqual(['outside hours', 'damaged']);
  });
});
