import { describe, expect, it } from 'vitest';
import type { PullResponse } from '../../shared/schemas/sync.js';
import { caseDetailFixture, freshDevice } from '../../test/fixtures/sync/device.js';
import { RefusedRequestError, TransientSyncError } from './errors.js';
import { pullChanges } from './puller.js';
import type { Transport } from './transport.js';

const ids = ['0193a0b4-8a6e-7c3d-9f10-000000000001', '0193a0b4-8a6e-7c3d-9f10-000000000002', '0193a0b4-8a6e-7c3d-9f10-000000000003'];
// Spread in so the fixture type-checks whether or not the pull contract has its settings field yet.
const deviceSettings = { settings: { geofenceRadiusM: 150, poorAccuracyM: 100 } };
const page = (overrides: Partial<PullResponse>): PullResponse => ({
  ...deviceSettings,
  protocolVersion: 1,
  cursor: '1-0',
  hasMore: false,
  snapshot: false,
  cases: [],
  removedCaseIds: [],
  route: null,
  serverTime: '2026-11-20T02:00:00.000Z',
  ...overrides,
});

/** Only pull is used by the puller; answers come from a script, requests are recorded. */
function scriptedTransport(answers: (PullResponse | Error)[]) {
  const cursors: (string | undefined)[] = [];
  const transport = {
    pull: (cursor: string | undefined) => {
      cursors.push(cursor);
      const next = answers.shift();
      if (!next) throw new Error('no more answers');
      return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
    },
  } as Pick<Transport, 'pull'> as Transport;
  return { transport, cursors };
}

async function deviceWithMeta(cursor?: string) {
  const device = await freshDevice();
  await device.db.put('meta', { deviceId: 'device-1', ...(cursor ? { cursor } : {}) }, 'sync');
  return device;
}

describe('pull', () => {
  it('applies a snapshot spread over pages at once, at its end', async () => {
    const { db } = await deviceWithMeta();
    await db.put('cases', { id: 'stale', detail: caseDetailFixture(ids[2]) });
    const { transport, cursors } = scriptedTransport([
      page({ snapshot: true, hasMore: true, cursor: '5-1', cases: [caseDetailFixture(ids[0])] }),
      page({ snapshot: true, hasMore: false, cursor: '5-2', cases: [caseDetailFixture(ids[1])] }),
    ]);
    const summary = await pullChanges(db, transport, { limit: 1 });
    expect(summary).toMatchObject({ pages: 2, snapshot: true, upserted: 2 });
    expect(cursors).toEqual([undefined, '5-1']);
    expect((await db.getAllKeys('cases')).sort()).toEqual([ids[0], ids[1]]);
    expect(await db.get('meta', 'sync')).toMatchObject({ cursor: '5-2', settings: { geofenceRadiusM: 150, poorAccuracyM: 100 } });
  });

  it('keeps the old cases and cursor when a snapshot is cut off part-way', async () => {
    const { db } = await deviceWithMeta();
    await db.put('cases', { id: ids[2]!, detail: caseDetailFixture(ids[2]) });
    const { transport } = scriptedTransport([
      page({ snapshot: true, hasMore: true, cursor: '5-1', cases: [caseDetailFixture(ids[0])] }),
      new TransientSyncError('cut'),
    ]);
    await expect(pullChanges(db, transport, { limit: 1 })).rejects.toThrow('cut');
    expect(await db.getAllKeys('cases')).toEqual([ids[2]]);
    expect((await db.get('meta', 'sync'))?.cursor).toBeUndefined();
  });

  it('upserts changes, drops tombstoned cases and keeps today’s route', async () => {
    const { db } = await deviceWithMeta('3-0');
    await db.put('cases', { id: ids[0]!, detail: caseDetailFixture(ids[0]) });
    const route = { id: ids[2]!, serviceDate: '2026-11-20', publishedAt: '2026-11-19T12:00:00.000Z', stops: [] };
    const { transport, cursors } = scriptedTransport([
      page({ cursor: '4-0', cases: [caseDetailFixture(ids[1])], removedCaseIds: [ids[0]!], route }),
    ]);
    await pullChanges(db, transport, { limit: 200 });
    expect(cursors).toEqual(['3-0']);
    expect(await db.getAllKeys('cases')).toEqual([ids[1]]);
    expect((await db.get('route', 'today'))?.route).toEqual(route);
  });

  it('starts over from a snapshot when the server no longer accepts the cursor', async () => {
    const { db } = await deviceWithMeta('9-9');
    const { transport, cursors } = scriptedTransport([
      new RefusedRequestError(400, 'Not a cursor this server gave out'),
      page({ snapshot: true, cursor: '1-0', cases: [caseDetailFixture(ids[0])] }),
    ]);
    await pullChanges(db, transport, { limit: 200 });
    expect(cursors).toEqual(['9-9', undefined]);
    expect(await db.getAllKeys('cases')).toEqual([ids[0]]);
  });
});
