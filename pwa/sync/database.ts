// The device's sync database: one per signed-in user, versioned so later releases can migrate it.
import { wrap, type DBSchema, type IDBPDatabase } from 'idb';
import type {
  OutboxEntry,
  StoredCase,
  StoredNote,
  StoredPhoto,
  StoredPhotoBytes,
  StoredRoute,
  StoredVisit,
  SyncMeta,
  UploadState,
} from './records.js';

export interface SyncSchema extends DBSchema {
  cases: { key: string; value: StoredCase };
  route: { key: 'today'; value: StoredRoute };
  visits: { key: string; value: StoredVisit; indexes: { byCase: string } };
  notes: { key: string; value: StoredNote; indexes: { byCase: string } };
  outbox: { key: number; value: OutboxEntry; indexes: { byState: [string, number] } };
  photos: { key: string; value: StoredPhoto; indexes: { byState: string } };
  photoBytes: { key: string; value: StoredPhotoBytes };
  uploads: { key: string; value: UploadState };
  meta: { key: 'sync'; value: SyncMeta };
}

export type SyncDatabase = IDBPDatabase<SyncSchema>;
export const syncSchemaVersion = 1;

export function syncDatabaseName(userId: string): string {
  return `fieldvisits-${userId}`;
}

/**
 * Opens (creating or migrating) the database. `factory` defaults to the global indexedDB; tests
 * pass their own. idb's openDB only knows the global, so the open request is wrapped here.
 */
export async function openSyncDatabase(userId: string, factory: IDBFactory = indexedDB): Promise<SyncDatabase> {
  const request = factory.open(syncDatabaseName(userId), syncSchemaVersion);
  request.addEventListener('upgradeneeded', (event) => {
    upgrade(wrap(request.result) as SyncDatabase, event.oldVersion);
  });
  const db = (await wrap(request)) as SyncDatabase;
  // Another tab upgrading to a newer release must not be blocked by this one.
  db.addEventListener('versionchange', () => db.close());
  return db;
}

function upgrade(db: SyncDatabase, oldVersion: number): void {
  if (oldVersion < 1) {
    db.createObjectStore('cases', { keyPath: 'id' });
    db.createObjectStore('route', { keyPath: 'key' });
    db.createObjectStore('visits', { keyPath: 'visitId' }).createIndex('byCase', 'caseId');
    db.createObjectStore('notes', { keyPath: 'noteId' }).createIndex('byCase', 'caseId');
    db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true }).createIndex('byState', ['state', 'seq']);
    db.createObjectStore('photos', { keyPath: 'sha256' }).createIndex('byState', 'state');
    db.createObjectStore('photoBytes', { keyPath: 'sha256' });
    db.createObjectStore('uploads', { keyPath: 'sha256' });
    db.createObjectStore('meta');
  }
}
