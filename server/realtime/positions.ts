// Collectors' positions from the app in the foreground: validated, throttled, kept as the
// last known position, and broadcast to dispatchers and supervisors on every instance.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { CollectorPosition } from '../../shared/events.js';
import { latitude, longitude } from '../../shared/schemas/cases.js';
import type { Executor } from '../db/client.js';
import { collectors } from '../db/schema/index.js';

export const positionUpdate = z.strictObject({ lat: latitude, lng: longitude, accuracyM: z.number().min(0).max(100_000) });

/** Keeps one position per collector per interval; the rest are dropped, not queued. */
export function positionThrottle(intervalMs: number) {
  const lastAccepted = new Map<string, number>();
  return (collectorId: string, now: number): boolean => {
    const last = lastAccepted.get(collectorId);
    if (last !== undefined && now - last < intervalMs) return false;
    lastAccepted.set(collectorId, now);
    return true;
  };
}

export async function recordPosition(db: Executor, position: CollectorPosition): Promise<void> {
  await db
    .update(collectors)
    .set({ lastLat: position.lat, lastLng: position.lng, lastAccuracyM: position.accuracyM, lastPositionAt: new Date(position.at) })
    .where(eq(collectors.userId, position.collectorId));
}
