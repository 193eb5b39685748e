// The last step for a photo or a piece of audio: the server lists it as received on its visit. Only
// then are the bytes dropped from the phone; one the server reports missing goes back to be uploaded.
import type { SyncDatabase } from './database.js';
import { committed } from './transaction.js';
import type { Transport } from './transport.js';

const visitsPerQuery = 200;

export async function confirmUploadedPhotos(
  db: SyncDatabase,
  transport: Transport,
  signal?: AbortSignal,
): Promise<{ confirmed: number; missing: number }> {
  const uploaded = await db.getAllFromIndex('photos', 'byState', 'uploaded');
  const visitIds = [...new Set(uploaded.flatMap((photo) => photo.visitIds))];
  const missingByVisit = new Map<string, Set<string>>();
  for (let start = 0; start < visitIds.length; start += visitsPerQuery) {
    const statuses = await transport.photoStatus(visitIds.slice(start, start + visitsPerQuery), signal);
    for (const status of statuses) missingByVisit.set(status.visitId, new Set([...status.missing, ...status.audio.missing]));
  }
  let confirmed = 0;
  let missing = 0;
  const tx = db.transaction(['photos', 'photoBytes'], 'readwrite');
  await committed(tx, async () => {
    for (const photo of uploaded) {
      const current = await tx.objectStore('photos').get(photo.sha256);
      if (current?.state !== 'uploaded') continue;
      if (current.visitIds.some((visitId) => missingByVisit.get(visitId)?.has(photo.sha256))) {
        missing += 1;
        await tx.objectStore('photos').put({ ...current, state: 'pending' });
      } else if (current.visitIds.every((visitId) => missingByVisit.has(visitId))) {
        confirmed += 1;
        await tx.objectStore('photos').put({ ...current, state: 'confirmed' });
        await tx.objectStore('photoBytes').delete(photo.sha256);
      }
    }
  });
  return { confirmed, missing };
}
