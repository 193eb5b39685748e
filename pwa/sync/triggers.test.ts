import { describe, expect, it, vi } from 'vitest';
import { startSyncTriggers } from './triggers.js';

describe('sync triggers', () => {
  it('asks for a sync at start, when back online, when the page becomes visible and on a timer', () => {
    vi.useFakeTimers();
    try {
      const reasons: string[] = [];
      const win = new EventTarget();
      const doc = Object.assign(new EventTarget(), { visibilityState: 'hidden' });
      const stop = startSyncTriggers({ requestSync: (reason) => reasons.push(reason), window: win, document: doc, intervalMs: 1_000 });
      win.dispatchEvent(new Event('online'));
      doc.dispatchEvent(new Event('visibilitychange'));
      doc.visibilityState = 'visible';
      doc.dispatchEvent(new Event('visibilitychange'));
      vi.advanceTimersByTime(2_500);
      expect(reasons).toEqual(['start', 'online', 'visible', 'timer', 'timer']);

      stop();
      win.dispatchEvent(new Event('online'));
      vi.advanceTimersByTime(5_000);
      expect(reasons).toHaveLength(5);
    } finally {
      vi.useRealTimers();
    }
  });
});
