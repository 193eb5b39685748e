// Pull: bring the device's cases and today's route up to date from the server cursor. A snapshot
// replaces everything the device holds, so cases no longer assigned leave the phone.
import type { PullResponse } from '../../shared/schemas/sync.js';
import type { SyncDatabase } from './database.js';
import { RefusedRequestError, TransientSyncError } from './errors.js';
import { committed } from './transaction.js';
import type { Transport } from './transport.js';

/** A server that keeps saying hasMore would otherwise hold the syncer forever. */
const maxPagesPerPull = 1_000;

export interface PullSummary {
  pages: number;
  upserted: number;
  removed: number;
  snapshot: boolean;
}

export async function pullChanges(
  db: SyncDatabase,
  transport: Transport,
  options: { limit: number; signal?: AbortSignal },
): Promise<PullSummary> {
  const summary: PullSummary = { pages: 0, upserted: 0, removed: 0, snapshot: false };
  let cursor = (await db.get('meta', 'sync'))?.cursor;
  // A snapshot spread over pages is applied at once at its end, so an interrupted one never
  // leaves the device with half the cases and a cursor that skips the rest.
  let snapshotPages: PullResponse[] | null = null;
  for (;;) {
    if (summary.pages >= maxPagesPerPull) throw new TransientSyncError('The server kept sending pages; will pull again later');
    let page: PullResponse;
    try {
      page = await transport.pull(cursor, options.limit, options.signal);
    } catch (error) {
      // A cursor the server no longer accepts (a restored backup, a migration): start over from a snapshot.
      if (!(error instanceof RefusedRequestError) || error.status !== 400 || cursor === undefined) throw error;
      cursor = undefined;
      continue;
    }
    summary.pages += 1;
    cursor = page.cursor;
    if (page.snapshot || snapshotPages) {
      snapshotPages = [...(snapshotPages ?? []), page];
      if (page.hasMore) continue;
      await applySnapshot(db, snapshotPages, summary);
      snapshotPages = null;
    } else {
      await applyChanges(db, page, summary);
    }
    if (!page.hasMore) return summary;
  }
}

async function applySnapshot(db: SyncDatabase, pages: PullResponse[], summary: PullSummary): Promise<void> {
  const last = pages[pages.length - 1];
  if (!last) return;
  const held = new Map(pages.flatMap((page) => page.cases.map((detail) => [detail.id, detail] as const)));
  for (const page of pages) for (const id of page.removedCaseIds) held.delete(id);
  const tx = db.transaction(['cases', 'route', 'meta'], 'readwrite');
  const before = await committed(tx, async () => {
    const cases = tx.objectStore('cases');
    const count = await cases.count();
    await cases.clear();
    for (const detail of held.values()) await cases.put({ id: detail.id, detail });
    await writeRoute(tx.objectStore('route'), last);
    const meta = await tx.objectStore('meta').get('sync');
    if (meta)
      await tx.objectStore('meta').put({ ...meta, cursor: last.cursor, lastServerTime: last.serverTime, settings: last.settings }, 'sync');
    return count;
  });
  summary.snapshot = true;
  summary.upserted += held.size;
  summary.removed += Math.max(0, before - held.size);
}

async function applyChanges(db: SyncDatabase, page: PullResponse, summary: PullSummary): Promise<void> {
  const tx = db.transaction(['cases', 'route', 'meta'], 'readwrite');
  await committed(tx, async () => {
    const cases = tx.objectStore('cases');
    for (const detail of page.cases) await cases.put({ id: detail.id, detail });
    for (const id of page.removedCaseIds) await cases.delete(id);
    await writeRoute(tx.objectStore('route'), page);
    const meta = await tx.objectStore('meta').get('sync');
    if (meta)
      await tx.objectStore('meta').put({ ...meta, cursor: page.cursor, lastServerTime: page.serverTime, settings: page.settings }, 'sync');
  });
  summary.upserted += page.cases.length;
  summary.removed += page.removedCaseIds.length;
}

interface RouteStore {
  put(value: { key: 'today'; route: NonNullable<PullResponse['route']> }): Promise<unknown>;
  delete(key: 'today'): Promise<unknown>;
}

/** The route comes whole with every page; null means none is published for today. */
async function writeRoute(store: RouteStore, page: PullResponse): Promise<void> {
  if (page.route) await store.put({ key: 'today', route: page.route });
  else await store.delete('today');
}
