// One database engine, two ways to run it: PostgreSQL through `pg` when DATABASE_URL is set,
// embedded PGlite in a data folder otherwise. Same drizzle schema, migrations and queries.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Repository functions take either the database or an open transaction. */
export type Executor = Database | Transaction;

export type DatabaseKind = 'postgres' | 'pglite';

export interface DatabaseHandle {
  db: Database;
  kind: DatabaseKind;
  /** The PostgreSQL query pool (PGlite: none). */
  pool: pg.Pool | undefined;
  /** A small pool of its own for the socket.io adapter, which holds a LISTEN client. */
  pubsubPool: pg.Pool | undefined;
  migrate(): Promise<void>;
  /** LISTEN on a channel; NOTIFY from any connection (or server instance) reaches `handler`. */
  listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), '../../migrations');

// Several server instances may start at once against one PostgreSQL; only one migrates.
const migrationLockKey = 0x66_76_6d_69; // "fvmi"

export function openPostgres(url: string, poolSize = 10): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // Without a listener a dropped idle connection would crash the process.
  pool.on('error', (error) => {
    console.error('PostgreSQL pool error:', error.message);
  });
  const db = drizzlePg(pool, { schema }) as unknown as Database;
  const listener = sharedListener(url);
  const pubsubPool = new pg.Pool({ connectionString: url, max: 2 });
  pubsubPool.on('error', (error) => console.error('PostgreSQL pub/sub pool error:', error.message));
  pubsubPool.on('connect', (client) => {
    // The adapter's LISTEN client is held outside a query, where no pool listener covers it:
    // a database restart would otherwise crash the process through it.
    client.on('error', (error) => console.error('PostgreSQL pub/sub connection error:', error.message));
  });
  return {
    db,
    kind: 'postgres',
    pool,
    pubsubPool,
    async migrate() {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [migrationLockKey]);
        await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [migrationLockKey]).catch(() => undefined);
        client.release();
      }
    },
    listen: (channel, handler) => listener.listen(channel, handler),
    async close() {
      await listener.close();
      // The adapter can keep a client after its connection was lost and replaced (seen when its
      // backend is terminated); its pool is apart and not waited on for long, so shutdown never hangs.
      await Promise.race([pubsubPool.end(), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
      await pool.end();
    },
  };
}

/**
 * One connection of its own LISTENs on every channel, so listeners never take the pool's
 * connections from queries however many features listen. When that connection drops (a
 * database restart, a terminated backend) it reconnects with backoff and listens again:
 * otherwise nudges and signals would stop for good while queries recover.
 */
function sharedListener(url: string, retry = { firstMs: 250, maxMs: 5_000 }) {
  const handlers = new Map<string, Set<(payload: string) => void>>();
  let connection: Promise<pg.Client> | undefined;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let delayMs = retry.firstMs;
  let closed = false;

  const lost = (client: pg.Client) => {
    client.removeAllListeners('end');
    if (closed || !connection) return;
    connection = undefined;
    void client.end().catch(() => undefined);
    scheduleReconnect();
  };
  const scheduleReconnect = () => {
    if (closed || reconnectTimer || handlers.size === 0) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      connect().then(
        () => (delayMs = retry.firstMs),
        () => {
          delayMs = Math.min(delayMs * 2, retry.maxMs);
          scheduleReconnect();
        },
      );
    }, delayMs);
  };
  const connect = () =>
    (connection ??= (async () => {
      const client = new pg.Client({ connectionString: url });
      // Without an error listener a dropped connection would crash the process.
      client.on('error', (error) => {
        console.error('PostgreSQL listener error:', error.message);
        lost(client);
      });
      client.on('end', () => lost(client));
      client.on('notification', (message) => {
        for (const handler of handlers.get(message.channel) ?? []) handler(message.payload ?? '');
      });
      try {
        await client.connect();
        for (const channel of handlers.keys()) await client.query(`listen ${pg.escapeIdentifier(channel)}`);
        return client;
      } catch (error) {
        client.removeAllListeners('end');
        connection = undefined;
        await client.end().catch(() => undefined);
        throw error;
      }
    })());
  return {
    async listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>> {
      let channelHandlers = handlers.get(channel);
      const fresh = !channelHandlers;
      if (!channelHandlers) {
        channelHandlers = new Set();
        handlers.set(channel, channelHandlers);
      }
      const own = channelHandlers;
      own.add(handler);
      try {
        const client = await connect();
        // A connection made just now listens on it already; LISTEN twice is harmless.
        if (fresh) await client.query(`listen ${pg.escapeIdentifier(channel)}`);
      } catch (error) {
        own.delete(handler);
        if (own.size === 0) handlers.delete(channel);
        throw error;
      }
      return async () => {
        own.delete(handler);
        if (own.size > 0 || handlers.get(channel) !== own) return;
        handlers.delete(channel);
        const client = await connection?.catch(() => undefined);
        await client?.query(`unlisten ${pg.escapeIdentifier(channel)}`).catch(() => undefined);
      };
    },
    async close(): Promise<void> {
      closed = true;
      clearTimeout(reconnectTimer);
      const pending = connection;
      connection = undefined;
      if (pending) await pending.then((client) => client.end()).catch(() => undefined);
    },
  };
}

/** An embedded PGlite in `dataDir`, or in memory when dataDir is undefined (tests). */
export async function openPglite(dataDir: string | undefined): Promise<DatabaseHandle> {
  if (dataDir !== undefined) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir === undefined ? undefined : join(dataDir, 'pglite'));
  const db = drizzlePglite(client, { schema });
  return {
    db: db as unknown as Database,
    kind: 'pglite',
    pool: undefined,
    pubsubPool: undefined,
    migrate: () => migratePglite(db, { migrationsFolder }),
    listen: (channel, handler) => client.listen(channel, handler),
    close: () => client.close(),
  };
}

export async function openDatabase(options: { databaseUrl: string | undefined; dataDir: string }): Promise<DatabaseHandle> {
  return options.databaseUrl === undefined ? openPglite(options.dataDir) : openPostgres(options.databaseUrl);
}
