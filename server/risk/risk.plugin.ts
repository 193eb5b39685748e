// Risk monitoring in the server process: its routes, the live relay to supervisors, the webhook
// poller and the broken-promise sweep. Registered after realtime (the relay speaks through it).
import type { FastifyInstance } from 'fastify';
import type { RiskConfig } from '../config.js';
import type { DatabaseHandle } from '../db/client.js';
import { type DispatchTeamScope, watcherRooms } from '../dispatch/team-scope.js';
import { sweepBrokenPromises } from './promise.sweep.js';
import { riskRoutes } from './risk.routes.js';
import { boardItems } from './risk.repository.js';
import type { RiskRules } from './risk.rules.js';
import { startWebhookDelivery } from './webhook.delivery.js';

/** NOTIFYed by the risk_signals triggers (migration 0010) with the ids raised or changed, comma-separated. */
export const riskChannel = 'fv_risk';

export async function registerRisk(
  app: FastifyInstance,
  options: { database: DatabaseHandle; risk: RiskConfig; rules: RiskRules; teamScope: DispatchTeamScope },
): Promise<void> {
  const { database, risk, rules } = options;
  const { db } = database;
  await app.register(riskRoutes, { teamScope: options.teamScope });

  const delivery = risk.webhook ? startWebhookDelivery(db, risk.webhook, app.log) : undefined;

  // Each instance tells its own sockets (io.local): supervisors and admins who watch the visit's team.
  const stopListening = await database.listen(riskChannel, (payload) => {
    delivery?.wake();
    const ids = payload.split(',').filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (ids.length === 0) return;
    boardItems(db, { statuses: ['open', 'acknowledged', 'closed'], ids }, ids.length).then(
      (items) => {
        for (const item of items)
          app.realtime.local
            .to(watcherRooms([item.teamId]))
            .except('role:dispatcher')
            .emit('risk:signal', item);
      },
      (error: unknown) => app.log.error({ err: error }, 'could not relay risk signals'),
    );
  });

  let sweeping: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    sweeping = sweepBrokenPromises(db, rules, risk.webhook !== undefined).catch((error: unknown) =>
      app.log.error({ err: error }, 'broken-promise sweep failed'),
    );
  };
  const sweepTimer = setInterval(sweep, risk.sweepIntervalS * 1000);
  // A first sweep shortly after start-up: promises may have come due while no instance ran.
  const firstSweep = setTimeout(sweep, 2_000);

  app.addHook('onClose', async () => {
    clearInterval(sweepTimer);
    clearTimeout(firstSweep);
    await stopListening();
    await delivery?.stop();
    await sweeping;
  });
}
