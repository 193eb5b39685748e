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
  ])('refuses %o naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(variable);
  });
});
