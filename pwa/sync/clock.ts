// Time as the engine sees it: injected so tests and the fault proxy can run it fast and replayably.
import { v7 } from 'uuid';

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when it is aborted first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason as Error);
        return;
      }
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason as Error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

export function isoTime(clock: Clock): string {
  return new Date(clock.now()).toISOString();
}

/** A UUIDv7 stamped with the device clock, as the protocol asks of ids made offline. */
export function newDeviceId(clock: Clock): string {
  return v7({ msecs: clock.now() });
}
