// Builds the Fastify app: external plugins, then our plugins, then feature routes.
// Tests build it exactly as production does.
import { join } from 'node:path';
import { constants as zlibConstants } from 'node:zlib';
import fastifyCookie from '@fastify/cookie';
import fastifyCompress from '@fastify/compress';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { registerAccessPolicy } from './auth/access-policy.guard.js';
import { authPlugin } from './auth/auth.plugin.js';
import { authRoutes } from './auth/auth.routes.js';
import { deviceKeyRoutes } from './auth/device-key.routes.js';
import { casesRoutes } from './cases/cases.routes.js';
import type { Config } from './config.js';
import type { Database, DatabaseHandle } from './db/client.js';
import { registerErrorHandling } from './http/errors.js';
import { healthRoutes } from './http/health.routes.js';
import { registerOpenApi } from './http/openapi.js';
import { registerPwa } from './http/pwa.js';
import { registerSecurity } from './http/security-headers.js';
import { directoryRoutes } from './users/directory.routes.js';
import { usersRoutes } from './users/users.routes.js';
import { evidenceRoutes } from './evidence/evidence.routes.js';
import { folderPhotoStore } from './evidence/photo-store.js';
import { uploadsRoutes } from './evidence/uploads.js';
import { registerRealtime } from './realtime/realtime.js';
import { dispatchRoutes } from './dispatch/dispatch.routes.js';
import { syncRoutes } from './sync/sync.routes.js';
import { registerRisk } from './risk/risk.plugin.js';
import { defaultRiskRules } from './risk/risk.rules.js';
import { complaintsRoutes } from './review/complaints.routes.js';
import { registerReviewAlerts } from './review/review-alerts.js';
import { reviewRoutes } from './review/review.routes.js';
import { resultsRoutes } from './results/results.routes.js';
import { registerRetention } from './retention/retention.plugin.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    config: Config;
  }
}

export interface AppDependencies {
  config: Config;
  database: DatabaseHandle;
}

export const version = '0.1.0';

export async function buildApp({ config, database }: AppDependencies): Promise<FastifyInstance> {
  const { db, kind: dbKind } = database;
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: 1024 * 1024,
    trustProxy: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', db);
  app.decorate('config', config);
  registerErrorHandling(app);
  // Before any route (the OpenAPI browser's too): each /api/ route gets its guard from the one policy.
  registerAccessPolicy(app);

  await app.register(fastifyCookie);
  await registerSecurity(app, { secure: config.cookieSecure, tileOrigins: config.tileOrigins, allowedOrigins: config.allowedOrigins });
  // A day's pull or 20,000 map markers shrink to a fraction on a phone's link; a middling
  // level keeps the CPU cost low on the sync path. Photos and audio are already compressed.
  await app.register(fastifyCompress, {
    threshold: 2048,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 5 },
  });
  await app.register(fastifyRateLimit, { global: false });
  await registerOpenApi(app);
  await app.register(authPlugin, { sessionTtlHours: config.sessionTtlHours });

  await app.register(healthRoutes, { dbKind, version });
  await app.register(authRoutes, {
    sessionTtlHours: config.sessionTtlHours,
    cookieSecure: config.cookieSecure,
    loginAttemptsPerMinute: config.loginAttemptsPerMinute,
  });
  await app.register(deviceKeyRoutes);
  await app.register(usersRoutes);
  await app.register(directoryRoutes, { teamScope: config.dispatchTeamScope });
  await app.register(casesRoutes, { defaultTimeZone: config.timeZone });
  const photoStore = folderPhotoStore(join(config.dataDir, 'photos'));
  const riskRules = { ...defaultRiskRules, promiseGraceDays: config.risk.promiseGraceDays };
  await app.register(syncRoutes, { geofenceRadiusM: config.geofenceRadiusM, timeZone: config.timeZone, risk: { rules: riskRules, deliver: config.risk.webhook !== undefined } });
  await app.register(uploadsRoutes, { db, dataDir: config.dataDir, photoStore });
  await app.register(evidenceRoutes, { photoStore, teamScope: config.dispatchTeamScope });
  await app.register(dispatchRoutes, { timeZone: config.timeZone, teamScope: config.dispatchTeamScope });
  await app.register(resultsRoutes, { timeZone: config.timeZone, teamScope: config.dispatchTeamScope });
  await registerRealtime(app, {
    database,
    sessionTtlHours: config.sessionTtlHours,
    positionIntervalMs: config.positionIntervalS * 1000,
    dispatchTeamScope: config.dispatchTeamScope,
    allowedOrigins: config.allowedOrigins,
  });
  await app.register(reviewRoutes, { teamScope: config.dispatchTeamScope, timeZone: config.timeZone, photoStore });
  await app.register(complaintsRoutes, { teamScope: config.dispatchTeamScope });
  await registerReviewAlerts(app, database, { overdueMinutes: config.visitOverdueMinutes, checkIntervalS: config.visitOverdueCheckS });
  await registerRisk(app, { database, risk: config.risk, rules: riskRules, teamScope: config.dispatchTeamScope });
  registerRetention(app, { retention: config.retention, photoStore, dataDir: config.dataDir });
  await registerPwa(app);
  return app;
}
