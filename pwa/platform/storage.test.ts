import { describe, expect, it } from 'vitest';
import { createStorageMonitor, storageReport, storageWarning, type StorageReport } from './storage.js';

const MB = 1024 * 1024;
const GB = 1024 * MB;

describe('storage warning', () => {
  it('stays quiet with room to spare', () => {
    expect(storageWarning(200 * MB, 10 * GB)).toBeNull();
    expect(storageWarning(799 * MB, 1000 * MB)).toBeNull();
  });

  it('warns above 80 % used', () => {
    expect(storageWarning(801 * MB, 1000 * MB)).toBe('mostly-used');
  });

  it('warns when less than 50 MB are left, whatever the share', () => {
    expect(storageWarning(9.96 * GB, 10 * GB)).toBe('little-left');
    expect(storageWarning(30 * MB, 70 * MB)).toBe('little-left');
    expect(storageWarning(0, 40 * MB)).toBe('little-left');
  });

  it('follows thresholds given', () => {
    expect(storageWarning(600 * MB, 1000 * MB, { maxFractionUsed: 0.5, minFreeBytes: 0 })).toBe('mostly-used');
  });

  it('says nothing it cannot know', () => {
    expect(storageWarning(10, 0)).toBeNull();
    expect(storageReport(null, null)).toEqual({
      supported: false,
      usageBytes: 0,
      quotaBytes: 0,
      freeBytes: 0,
      fractionUsed: 0,
      persisted: null,
      warning: null,
    });
  });
});

describe('storage monitor', () => {
  it('reports usage, quota and persistence to subscribers, and asks for persistence once', async () => {
    let usage = 100 * MB;
    let persisted = false;
    const asked: string[] = [];
    const monitor = createStorageMonitor({
      storage: {
        estimate: async () => ({ usage, quota: 1000 * MB }),
        persisted: async () => persisted,
        persist: async () => {
          asked.push('persist');
          persisted = true;
          return true;
        },
      },
    });
    const reports: StorageReport[] = [];
    const stop = monitor.subscribe((report) => reports.push(report));
    await monitor.refresh();
    expect(reports.at(-1)).toMatchObject({ supported: true, usageBytes: 100 * MB, freeBytes: 900 * MB, fractionUsed: 0.1, warning: null });

    expect(await monitor.requestPersistence()).toBe(true);
    expect(await monitor.requestPersistence()).toBe(true);
    expect(asked).toEqual(['persist']);
    expect(monitor.current?.persisted).toBe(true);

    usage = 900 * MB;
    await monitor.refresh();
    expect(reports.at(-1)?.warning).toBe('mostly-used');
    stop();
  });

  it('reports "unsupported" where there is no StorageManager', async () => {
    const monitor = createStorageMonitor({ storage: undefined });
    expect(await monitor.requestPersistence()).toBe(false);
    expect((await monitor.refresh()).supported).toBe(false);
  });
});
