import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('gives the documented defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.seedDemo).toBe(true);
    expect(config.demoPassword).toBe('demo1234');
    expect(config.timeZone).toBe('Asia/Shanghai');
    expect(config.visitingHours).toEqual({ start: '08:00', end: '21:00' });
    expect(config.geofenceRadiusM).toBe(150);
    expect(config.dispatchTeamScope).toBe('all');
  });

  it('does not seed demo data into PostgreSQL unless asked', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/x' }).seedDemo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/x', SEED_DEMO: '1' }).seedDemo).toBe(true);
  });

  it('restricts dispatch to teams when asked', () => {
    expect(loadConfig({ DISPATCH_TEAM_SCOPE: 'team' }).dispatchTeamScope).toBe('team');
  });

  it('delivers risk signals by webhook only when a URL and a secret are both set', () => {
    expect(loadConfig({}).risk.webhook).toBeUndefined();
    const risk = loadConfig({ RISK_WEBHOOK_URL: 'https://risk.example.com/hooks', RISK_WEBHOOK_SECRET: 'a-secret-of-length', RISK_WEBHOOK_BACKOFF_MS: '250' }).risk;
    expect(risk.webhook).toEqual({ url: 'https://risk.example.com/hooks', secret: 'a-secret-of-length', timeoutMs: 10_000, backoff: { baseMs: 250, maxMs: 3_600_000 }, concurrency: 8 });
    expect(risk).toMatchObject({ promiseGraceDays: 0, sweepIntervalS: 300 });
  });

  it('allows map tiles from the origins the PWA was built for, OpenStreetMap by default', () => {
    expect(loadConfig({}).tileOrigins).toEqual(['https://tile.openstreetmap.org']);
    expect(loadConfig({ VITE_TILE_URL: 'https://{s}.tiles.example.cn/{z}/{x}/{y}.png', VITE_TILE_SUBDOMAINS: 't0,t1' }).tileOrigins).toEqual([
      'https://t0.tiles.example.cn',
      'https://t1.tiles.example.cn',
    ]);
    expect(loadConfig({ VITE_TILE_URL: '/tiles/{z}/{x}/{y}.png' }).tileOrigins).toEqual([]);
    expect(loadConfig({ VITE_TILE_URL: 'https://x.example/{z}/{x}/{y}.png', TILE_ORIGINS: 'https://a.example, https://b.example:8443/' }).tileOrigins).toEqual([
      'https://a.example',
      'https://b.example:8443',
    ]);
  });

  it('takes allowed origins and retention periods', () => {
    expect(loadConfig({}).allowedOrigins).toEqual([]);
    expect(loadConfig({ ALLOWED_ORIGINS: 'https://console.example.com,http://10.0.0.5:3000' }).allowedOrigins).toEqual(['https://console.example.com', 'http://10.0.0.5:3000']);
    expect(loadConfig({}).retention).toEqual({ intervalS: 3600, closedCaseDays: 365, positionDays: 30, sessionDays: 90, syncDedupeDays: 365, webhookDays: 30, uploadDays: 14 });
  });

  it.each([
    [{ RISK_WEBHOOK_URL: 'ftp://risk.example.com' }, 'RISK_WEBHOOK_URL'],
    [{ RISK_WEBHOOK_URL: 'https://risk.example.com' }, 'RISK_WEBHOOK_SECRET'],
    [{ RISK_WEBHOOK_SECRET: 'a-secret-of-length' }, 'RISK_WEBHOOK_URL'],
    [{ RISK_WEBHOOK_URL: 'https://risk.example.com', RISK_WEBHOOK_SECRET: 'short' }, 'RISK_WEBHOOK_SECRET'],
    [{ RISK_PROMISE_GRACE_DAYS: '-1' }, 'RISK_PROMISE_GRACE_DAYS'],
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ TIME_ZONE: 'Mars/Olympus' }, 'TIME_ZONE'],
    [{ VISITING_HOURS_START: '8am' }, 'VISITING_HOURS_START'],
    [{ VISITING_HOURS_START: '21:00', VISITING_HOURS_END: '08:00' }, 'VISITING_HOURS_START'],
    [{ GEOFENCE_RADIUS_M: '-5' }, 'GEOFENCE_RADIUS_M'],
    [{ SEED_DEMO: 'maybe' }, 'SEED_DEMO'],
    [{ DISPATCH_TEAM_SCOPE: 'teams' }, 'DISPATCH_TEAM_SCOPE'],
    [{ ALLOWED_ORIGINS: 'console.example.com' }, 'ALLOWED_ORIGINS'],
    [{ ALLOWED_ORIGINS: 'https://console.example.com/app' }, 'ALLOWED_ORIGINS'],
    [{ TILE_ORIGINS: 'ftp://tiles.example.cn' }, 'TILE_ORIGINS'],
    [{ RETENTION_CLOSED_CASE_DAYS: '0' }, 'RETENTION_CLOSED_CASE_DAYS'],
    [{ RETENTION_INTERVAL_S: 'hourly' }, 'RETENTION_INTERVAL_S'],
    [{ RETENTION_SYNC_DEDUPE_DAYS: '10', SESSION_TTL_HOURS: '336' }, 'RETENTION_SYNC_DEDUPE_DAYS'],
  ])('refuses %o naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(variable);
  });
});
