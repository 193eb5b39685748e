// Configuration from the environment, validated once at start-up; a bad value stops the
// process with a message naming the variable.
import { resolve } from 'node:path';
import { z } from 'zod';
import { timeZone } from '../shared/schemas/cases.js';
import { dispatchTeamScopes, type DispatchTeamScope } from './dispatch/team-scope.js';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM, 24-hour');
const flag = z.enum(['0', '1', 'true', 'false']).transform((value) => value === '1' || value === 'true');

const environment = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'use a postgres:// URL')
    .optional(),
  DATA_DIR: z.string().default('./data'),
  SEED_DEMO: flag.optional(),
  DEMO_PASSWORD: z.string().min(4).default('demo1234'),
  TIME_ZONE: timeZone.default('Asia/Shanghai'),
  VISITING_HOURS_START: clock.default('08:00'),
  VISITING_HOURS_END: clock.default('21:00'),
  GEOFENCE_RADIUS_M: z.coerce.number().int().min(10).max(5_000).default(150),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 14),
  POSITION_INTERVAL_S: z.coerce.number().int().min(1).max(3600).default(15),
  LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
  COOKIE_SECURE: flag.default(false),
  VISIT_OVERDUE_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(120),
  VISIT_OVERDUE_CHECK_S: z.coerce.number().int().min(1).max(3600).default(60),
  DISPATCH_TEAM_SCOPE: z.enum(dispatchTeamScopes, { error: 'use all or team' }).default('all'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RISK_WEBHOOK_URL: z.url({ protocol: /^https?$/, error: 'use an http:// or https:// URL' }).optional(),
  RISK_WEBHOOK_SECRET: z.string().min(16, 'use at least 16 characters (or whsec_<base64>)').optional(),
  RISK_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  RISK_WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(10).max(3_600_000).default(5_000),
  RISK_WEBHOOK_MAX_BACKOFF_S: z.coerce.number().int().min(1).max(86_400).default(3_600),
  RISK_WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  RISK_PROMISE_GRACE_DAYS: z.coerce.number().int().min(0).max(60).default(0),
  RISK_SWEEP_INTERVAL_S: z.coerce.number().int().min(1).max(86_400).default(300),
});

/** Risk monitoring: where signals are delivered (none: the feed only) and when promises are checked. */
export interface RiskConfig {
  webhook: { url: string; secret: string; timeoutMs: number; backoff: { baseMs: number; maxMs: number }; concurrency: number } | undefined;
  promiseGraceDays: number;
  sweepIntervalS: number;
}

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  seedDemo: boolean;
  demoPassword: string;
  timeZone: string;
  visitingHours: { start: string; end: string };
  geofenceRadiusM: number;
  sessionTtlHours: number;
  loginAttemptsPerMinute: number;
  /** A collector's position is kept at most once per this many seconds. */
  positionIntervalS: number;
  cookieSecure: boolean;
  /** team: a dispatcher or supervisor with a team sees and plans only that team's collectors. */
  dispatchTeamScope: DispatchTeamScope;
  /** Supervisors are alerted when a visit stays checked in, not out, this long; checked every visitOverdueCheckS. */
  visitOverdueMinutes: number;
  visitOverdueCheckS: number;
  logLevel: string;
  risk: RiskConfig;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environment.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if ((e.RISK_WEBHOOK_URL === undefined) !== (e.RISK_WEBHOOK_SECRET === undefined)) {
    const missing = e.RISK_WEBHOOK_URL === undefined ? 'RISK_WEBHOOK_URL' : 'RISK_WEBHOOK_SECRET';
    throw new ConfigError(`Invalid configuration:\n  ${missing}: set RISK_WEBHOOK_URL and RISK_WEBHOOK_SECRET together (signals are always signed)`);
  }
  if (e.VISITING_HOURS_START >= e.VISITING_HOURS_END) {
    throw new ConfigError('Invalid configuration:\n  VISITING_HOURS_START: must be before VISITING_HOURS_END');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(e.DATA_DIR),
    // Demo data only ever goes into the embedded database unless asked for explicitly.
    seedDemo: e.SEED_DEMO ?? e.DATABASE_URL === undefined,
    demoPassword: e.DEMO_PASSWORD,
    timeZone: e.TIME_ZONE,
    visitingHours: { start: e.VISITING_HOURS_START, end: e.VISITING_HOURS_END },
    geofenceRadiusM: e.GEOFENCE_RADIUS_M,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    loginAttemptsPerMinute: e.LOGIN_ATTEMPTS_PER_MINUTE,
    positionIntervalS: e.POSITION_INTERVAL_S,
    cookieSecure: e.COOKIE_SECURE,
    dispatchTeamScope: e.DISPATCH_TEAM_SCOPE,
    visitOverdueMinutes: e.VISIT_OVERDUE_MINUTES,
    visitOverdueCheckS: e.VISIT_OVERDUE_CHECK_S,
    logLevel: e.LOG_LEVEL,
    risk: {
      webhook:
        e.RISK_WEBHOOK_URL !== undefined && e.RISK_WEBHOOK_SECRET !== undefined
          ? {
              url: e.RISK_WEBHOOK_URL,
              secret: e.RISK_WEBHOOK_SECRET,
              timeoutMs: e.RISK_WEBHOOK_TIMEOUT_MS,
              backoff: { baseMs: e.RISK_WEBHOOK_BACKOFF_MS, maxMs: e.RISK_WEBHOOK_MAX_BACKOFF_S * 1000 },
              concurrency: e.RISK_WEBHOOK_CONCURRENCY,
            }
          : undefined,
      promiseGraceDays: e.RISK_PROMISE_GRACE_DAYS,
      sweepIntervalS: e.RISK_SWEEP_INTERVAL_S,
    },
  };
}
