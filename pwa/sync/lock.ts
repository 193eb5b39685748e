// One syncer at a time: Web Locks across the tabs of a browser, an in-process queue where the
// runtime has none (Node, older browsers). Two tabs syncing at once would send the same outbox twice.

type Release = () => void;
const localQueues = new Map<string, Promise<void>>();

/** The subset of the Web Locks API used here, so tests can pass their own. */
export interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

export function browserLocks(): LockManagerLike | null {
  const locks = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
  return locks && typeof locks.request === 'function' ? locks : null;
}

export async function withLock<T>(name: string, locks: LockManagerLike | null, critical: () => Promise<T>): Promise<T> {
  if (locks) return locks.request(name, critical);
  const previous = localQueues.get(name) ?? Promise.resolve();
  let release: Release = () => undefined;
  const mine = new Promise<void>((resolve) => {
    release = resolve;
  });
  const tail = previous.then(() => mine);
  localQueues.set(name, tail);
  await previous;
  try {
    return await critical();
  } finally {
    release();
    if (localQueues.get(name) === tail) localQueues.delete(name);
  }
}
