// Configuration from the environment, validated once at start-up; a bad value stops the
// process with a message naming the variable.
import { resolve } from 'node:path';
import { z } from 'zod';
import { timeZone } from '../shared/schemas/cases.js';
import { openStreetMapTileOrigin, parseSubdomains, tileOriginsOf } from '../shared/tile-origins.js';
import { dispatchTeamScopes, type DispatchTeamScope } from './dispatch/team-scope.js';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM, 24-hour');
/** A comma-separated list of origins (scheme://host[:port], nothing after). */
const origins = z
  .string()
  .transform((text) =>
    text
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z
        .url({ protocol: /^https?$/, error: 'use origins like https://app.example.com, comma-separated' })
        .refine((url) => URL.canParse(url) && new URL(url).origin === url.replace(/\/$/, ''), 'an origin has no path: https://host[:port]')
        .transform((url) => new URL(url).origin),
    ),
  );
const days = (fallback: number) => z.coerce.number().int().min(1).max(36_500).default(fallback);
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
  ALLOWED_ORIGINS: origins.optional(),
  TILE_ORIGINS: origins.optional(),
  // Read here only to derive the tile origins the PWA was built for (npm start builds with the same environment).
  VITE_TILE_URL: z.string().optional(),
  VITE_TILE_SUBDOMAINS: z.string().optional(),
  RETENTION_INTERVAL_S: z.coerce.number().int().min(1).max(604_800).default(3_600),
  RETENTION_CLOSED_CASE_DAYS: days(365),
  RETENTION_POSITION_DAYS: days(30),
  RETENTION_SESSION_DAYS: days(90),
  RETENTION_SYNC_DEDUPE_DAYS: days(365),
  RETENTION_WEBHOOK_DAYS: days(30),
  RETENTION_UPLOAD_DAYS: days(14),
});

/** How long each kind of data is kept; the retention job (server/retention) applies it. */
export interface RetentionConfig {
  intervalS: number;
  /** A closed or returned case's debtor data is anonymised, its visits' photos and audio purged, this many days after closure. */
  closedCaseDays: number;
  /** A collector's last reported position. */
  positionDays: number;
  /** A session that ended (signed out, revoked, expired). */
  sessionDays: number;
  /** Sync dedupe records (a retry older than this is applied afresh, by its visit's device id). */
  syncDedupeDays: number;
  /** Webhook deliveries already delivered. */
  webhookDays: number;
  /** Uploads started and never finished (the device starts them again from zero if it still has the bytes). */
  uploadDays: number;
}

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
  /** Origins besides the server's own whose pages may send state-changing requests and open sockets. */
  allowedOrigins: string[];
  /** Where map tiles come from, for the Content-Security-Policy. */
  tileOrigins: string[];
  retention: RetentionConfig;
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
  // A device's unacknowledged retry must still find its dedupe record for as long as its session lives.
  if (e.RETENTION_SYNC_DEDUPE_DAYS * 24 < e.SESSION_TTL_HOURS) {
    throw new ConfigError(
      'Invalid configuration:\n  RETENTION_SYNC_DEDUPE_DAYS: must cover SESSION_TTL_HOURS (a device may retry a push that long)',
    );
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
    allowedOrigins: e.ALLOWED_ORIGINS ?? [],
    tileOrigins:
      e.TILE_ORIGINS ??
      (e.VITE_TILE_URL?.trim()
        ? tileOriginsOf(e.VITE_TILE_URL, parseSubdomains(e.VITE_TILE_SUBDOMAINS ?? 'abc'))
        : [openStreetMapTileOrigin]),
    retention: {
      intervalS: e.RETENTION_INTERVAL_S,
      closedCaseDays: e.RETENTION_CLOSED_CASE_DAYS,
      positionDays: e.RETENTION_POSITION_DAYS,
      sessionDays: e.RETENTION_SESSION_DAYS,
      syncDedupeDays: e.RETENTION_SYNC_DEDUPE_DAYS,
      webhookDays: e.RETENTION_WEBHOOK_DAYS,
      uploadDays: e.RETENTION_UPLOAD_DAYS,
    },
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
