// Browsers may evict an origin's IndexedDB under storage pressure unless it is marked persistent;
// an evicted outbox would lose visits the server has never seen.

/** Asks for persistent storage where the browser offers it; true when storage is (now) persistent. */
export async function requestPersistentStorage(): Promise<boolean> {
  const storage = (globalThis as { navigator?: { storage?: Partial<StorageManager> } }).navigator?.storage;
  if (!storage?.persist || !storage.persisted) return false;
  try {
    return (await storage.persisted()) || (await storage.persist());
  } catch {
    return false;
  }
}
