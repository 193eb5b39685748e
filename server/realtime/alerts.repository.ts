import { eq } from 'drizzle-orm';
import type { AlertSignal } from '../../shared/events.js';
import type { Executor } from '../db/client.js';
import { alerts, users } from '../db/schema/index.js';

export async function alertSignal(db: Executor, alertId: string): Promise<AlertSignal | undefined> {
  const [row] = await db
    .select({ alert: alerts, collectorName: users.displayName })
    .from(alerts)
    .innerJoin(users, eq(users.id, alerts.collectorId))
    .where(eq(alerts.id, alertId))
    .limit(1);
  if (!row) return undefined;
  const { alert } = row;
  return {
    alertId: alert.id,
    kind: alert.kind,
    collectorId: alert.collectorId,
    collectorName: row.collectorName,
    position: alert.lat !== null && alert.lng !== null ? { lat: alert.lat, lng: alert.lng, accuracyM: alert.accuracyM ?? 0 } : null,
    note: alert.note,
    raisedAt: alert.raisedAt.toISOString(),
  };
}
