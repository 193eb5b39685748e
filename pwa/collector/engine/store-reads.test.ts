// The collector's views read what the engine stored: a case and route "pulled" into a device's
// in-memory IndexedDB, visits recorded through the engine's public API, then read back as the views do.
import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { randomUUID } from 'node:crypto';
import { addressId, caseDetailFixture, caseId, photo } from '../../../test/fixtures/sync/device.js';
import { openSyncEngine } from '../../sync/index.js';
import { planDay } from '../day/day-plan.js';
import { photoCounts } from '../visit/visit-view.js';
import { readCase, readDay, readVisit } from './store-reads.js';

async function device() {
  const engine = await openSyncEngine({
    userId: randomUUID(),
    indexedDB: new IDBFactory(),
    locks: null,
    // Nothing here syncs: no trigger is started, so the transport is never asked.
    transport: { baseUrl: 'http://127.0.0.1:9', getToken: () => null },
  });
  const detail = caseDetailFixture();
  await engine.db.put('cases', { id: caseId, detail });
  return { engine, detail };
}

describe('reading the device store', () => {
  it('gives the day list its cases and visits, before any sync and after recording', async () => {
    const { engine, detail } = await device();
    const empty = await readDay(engine.db);
    expect(empty).toMatchObject({ route: null, visits: [], lastSuccessfulSyncAt: null });
    expect(planDay(empty.cases, empty.route, empty.visits).stops.map((stop) => stop.debtorName)).toEqual([detail.debtorName]);

    await engine.recordCheckIn({ caseId, addressId, position: { lat: 41.79, lng: 123.4, accuracyM: 12 } });
    const day = await readDay(engine.db);
    const [stop] = planDay(day.cases, day.route, day.visits).stops;
    expect(stop).toMatchObject({ caseId, progress: 'checkedIn', syncState: 'pending' });
    await engine.close();
  });

  it('gives a case its visits on this device, their photos and the server’s offline rules', async () => {
    const { engine } = await device();
    const meta = await engine.db.get('meta', 'sync');
    await engine.db.put('meta', { ...meta!, settings: { geofenceRadiusM: 200, poorAccuracyM: 50 } }, 'sync');
    const { visitId } = await engine.recordCheckIn({ caseId, addressId, position: { lat: 41.79, lng: 123.4, accuracyM: 12 } });
    await engine.recordVisit({
      visitId,
      caseId,
      addressId,
      outcome: 'met_debtor',
      metPerson: 'debtor',
      photos: [photo(1000), photo(1200)],
    });
    await engine.addNote({ caseId, body: '下午再访' });

    const data = await readCase(engine.db, caseId);
    expect(data.detail?.id).toBe(caseId);
    expect(data.visits.map((visit) => visit.visitId)).toEqual([visitId]);
    expect(data.photos).toHaveLength(2);
    expect(data.notes.map((note) => note.mutation.body)).toEqual(['下午再访']);
    expect(data.rules).toEqual({ geofenceRadiusM: 200, poorAccuracyM: 50 });

    const visit = await readVisit(engine.db, visitId);
    expect(visit.detail?.id).toBe(caseId);
    expect(visit.visit?.record?.mutation.outcome).toBe('met_debtor');
    // Nothing is on the server yet: none of the two photos is received.
    expect(photoCounts(visit.visit!, visit.photos)).toEqual({ received: 0, expected: 2 });

    expect(await readCase(engine.db, randomUUID())).toMatchObject({ detail: null, visits: [] });
    expect(await readVisit(engine.db, randomUUID())).toEqual({ visit: null, detail: null, photos: [], audio: [] });
    await engine.close();
  });
});
