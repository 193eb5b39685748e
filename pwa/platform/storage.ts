// How full the device's storage is for this app, whether it is persistent, and when to warn the collector
// (before new photos fail to save). The UI subscribes; refreshed on subscribe, every minute while watched,
// and whenever the app calls refresh() (after saving photos, say).

export interface StorageThresholds {
  /** Warn above this share of the quota… */
  maxFractionUsed: number;
  /** …or when fewer bytes than this are left (a day's photos are ~15 MB; this keeps a few days' room). */
  minFreeBytes: number;
}

export const defaultThresholds: StorageThresholds = { maxFractionUsed: 0.8, minFreeBytes: 50 * 1024 * 1024 };

export type StorageWarning = 'mostly-used' | 'little-left' | null;

export interface StorageReport {
  /** False where the browser cannot say (no StorageManager); the other figures are then zero. */
  supported: boolean;
  usageBytes: number;
  quotaBytes: number;
  freeBytes: number;
  fractionUsed: number;
  /** Null when unknown. */
  persisted: boolean | null;
  warning: StorageWarning;
}

export type StorageManagerLike = Pick<StorageManager, 'estimate'> & Partial<Pick<StorageManager, 'persist' | 'persisted'>>;

export function storageWarning(usageBytes: number, quotaBytes: number, thresholds: StorageThresholds = defaultThresholds): StorageWarning {
  if (quotaBytes <= 0) return null;
  // Little room left matters most: it is what makes the next save fail.
  if (quotaBytes - usageBytes < thresholds.minFreeBytes) return 'little-left';
  if (usageBytes / quotaBytes > thresholds.maxFractionUsed) return 'mostly-used';
  return null;
}

export function storageReport(
  estimate: StorageEstimate | null,
  persisted: boolean | null,
  thresholds: StorageThresholds = defaultThresholds,
): StorageReport {
  const usageBytes = estimate?.usage ?? 0;
  const quotaBytes = estimate?.quota ?? 0;
  return {
    supported: estimate !== null,
    usageBytes,
    quotaBytes,
    freeBytes: Math.max(0, quotaBytes - usageBytes),
    fractionUsed: quotaBytes > 0 ? usageBytes / quotaBytes : 0,
    persisted,
    warning: estimate ? storageWarning(usageBytes, quotaBytes, thresholds) : null,
  };
}

export interface StorageMonitor {
  readonly current: StorageReport | null;
  /** Asks the browser to keep this app's data under storage pressure; true when it will. */
  requestPersistence(): Promise<boolean>;
  refresh(): Promise<StorageReport>;
  /** Called with each new report (at once if one is known). Returns the unsubscribe function. */
  subscribe(listener: (report: StorageReport) => void): () => void;
}

export function createStorageMonitor(options: {
  storage: StorageManagerLike | undefined;
  thresholds?: StorageThresholds;
  intervalMs?: number;
}): StorageMonitor {
  const { storage, thresholds = defaultThresholds, intervalMs = 60_000 } = options;
  const listeners = new Set<(report: StorageReport) => void>();
  let current: StorageReport | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;

  async function persisted(): Promise<boolean | null> {
    try {
      return storage?.persisted ? await storage.persisted() : null;
    } catch {
      return null;
    }
  }

  async function refresh(): Promise<StorageReport> {
    let estimate: StorageEstimate | null = null;
    try {
      estimate = storage ? await storage.estimate() : null;
    } catch {
      // Some private modes throw: report "unknown" rather than fail the screen showing it.
    }
    current = storageReport(estimate, await persisted(), thresholds);
    for (const listener of listeners) listener(current);
    return current;
  }

  return {
    get current() {
      return current;
    },
    async requestPersistence() {
      if (!storage?.persist) return false;
      try {
        const granted = (await persisted()) === true || (await storage.persist());
        await refresh();
        return granted;
      } catch {
        return false;
      }
    },
    refresh,
    subscribe(listener) {
      listeners.add(listener);
      if (current) listener(current);
      if (listeners.size === 1) {
        void refresh();
        timer = setInterval(() => void refresh(), intervalMs);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) clearInterval(timer);
      };
    },
  };
}

/** The app's monitor. */
export const storageMonitor: StorageMonitor = createStorageMonitor({ storage: globalThis.navigator?.storage });
