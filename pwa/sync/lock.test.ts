import { describe, expect, it } from 'vitest';
import { withLock, type LockManagerLike } from './lock.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('sync lock', () => {
  it('runs one holder at a time in process when the runtime has no Web Locks', async () => {
    const events: string[] = [];
    const holder = (name: string) => async () => {
      events.push(`${name} in`);
      await tick();
      events.push(`${name} out`);
    };
    await Promise.all([withLock('l', null, holder('a')), withLock('l', null, holder('b')), withLock('l', null, holder('c'))]);
    expect(events).toEqual(['a in', 'a out', 'b in', 'b out', 'c in', 'c out']);
  });

  it('releases the lock when the holder fails', async () => {
    await expect(withLock('m', null, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await withLock('m', null, () => Promise.resolve('next'))).toBe('next');
  });

  it('goes through Web Locks when they exist', async () => {
    const names: string[] = [];
    const locks: LockManagerLike = {
      request: (name, callback) => {
        names.push(name);
        return callback();
      },
    };
    expect(await withLock('fieldvisits-sync:u1', locks, () => Promise.resolve(42))).toBe(42);
    expect(names).toEqual(['fieldvisits-sync:u1']);
  });
});
