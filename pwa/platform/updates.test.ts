import { describe, expect, it } from 'vitest';
import type { SyncPhase, SyncProgress } from '../sync/index.js';
import { createUpdates, isSyncQuiet, type UpdateStatus } from './updates.js';

function progress(phase: SyncPhase): SyncProgress {
  return { phase } as SyncProgress;
}

function setup() {
  const reloads: string[] = [];
  const updates = createUpdates({ reload: () => reloads.push('reload'), takeOverTimeoutMs: 50 });
  const seen: UpdateStatus[] = [];
  updates.subscribe((status) => seen.push(status));
  let emit: (next: SyncProgress) => void = () => undefined;
  updates.watchSync((listener) => {
    emit = listener;
    return () => undefined;
  });
  return { updates, reloads, seen, emit: (phase: SyncPhase) => emit(progress(phase)) };
}

describe('updates', () => {
  it('treats only idle, retry waits and signed-out as quiet', () => {
    expect(isSyncQuiet(null)).toBe(true);
    expect(isSyncQuiet(progress('idle'))).toBe(true);
    expect(isSyncQuiet(progress('waiting to retry'))).toBe(true);
    expect(isSyncQuiet(progress('uploading'))).toBe(false);
    expect(isSyncQuiet(progress('pushing'))).toBe(false);
  });

  it('offers a new version and never applies it by itself', () => {
    const { updates, reloads, seen, emit } = setup();
    updates.offer(async () => undefined);
    emit('idle');
    expect(updates.status).toBe('available');
    expect(seen).toEqual(['current', 'available']);
    expect(reloads).toEqual([]);
  });

  it('applies at once when nothing is being sent: take over, then reload', async () => {
    const { updates, reloads } = setup();
    const steps: string[] = [];
    updates.offer(async () => {
      steps.push('take over');
    });
    expect(await updates.apply()).toBe('applying');
    expect(steps).toEqual(['take over']);
    expect(reloads).toEqual(['reload']);
  });

  it('waits for an upload to finish before applying', async () => {
    const { updates, reloads, seen, emit } = setup();
    emit('uploading');
    updates.offer(async () => undefined);
    expect(await updates.apply()).toBe('deferred');
    expect(updates.status).toBe('waiting-for-sync');
    emit('confirming');
    expect(reloads).toEqual([]);
    emit('idle');
    await new Promise((done) => setTimeout(done, 0));
    expect(reloads).toEqual(['reload']);
    expect(seen).toEqual(['current', 'available', 'waiting-for-sync', 'applying']);
  });

  it('reloads even when the new worker never reports taking over', async () => {
    const { updates, reloads } = setup();
    updates.offer(() => new Promise<void>(() => undefined));
    await updates.apply();
    expect(reloads).toEqual(['reload']);
  });

  it('has nothing to apply when no new version was offered', async () => {
    const { updates, reloads } = setup();
    expect(await updates.apply()).toBe('nothing-to-apply');
    expect(reloads).toEqual([]);
  });
});
