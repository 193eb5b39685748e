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
  /** The PostgreSQL pool, for features that need a raw client (the socket.io adapter). */
  pool: pg.Pool | undefined;
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
  return {
    db,
    kind: 'postgres',
    pool,
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
      await pool.end();
    },
  };
}

/**
 * One connection of its own LISTENs on every channel, so listeners never take the pool's
 * connections from queries however many features listen.
 */
function sharedListener(url: string) {
  const handlers = new Map<string, Set<(payload: string) => void>>();
  let connection: Promise<pg.Client> | undefined;
  const connect = () =>
    (connection ??= (async () => {
      const client = new pg.Client({ connectionString: url });
      // Without a listener a dropped connection would crash the process.
      client.on('error', (error) => console.error('PostgreSQL listener error:', error.message));
      client.on('notification', (message) => {
        for (const handler of handlers.get(message.channel) ?? []) handler(message.payload ?? '');
      });
      await client.connect();
      return client;
    })());
  return {
    async listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>> {
      const client = await connect();
      let channelHandlers = handlers.get(channel);
      if (!channelHandlers) {
        channelHandlers = new Set();
        handlers.set(channel, channelHandlers);
        await client.query(`listen ${pg.escapeIdentifier(channel)}`);
      }
      const own = channelHandlers;
      own.add(handler);
      return async () => {
        own.delete(handler);
        if (own.size > 0 || handlers.get(channel) !== own) return;
        handlers.delete(channel);
        await client.query(`unlisten ${pg.escapeIdentifier(channel)}`).catch(() => undefined);
      };
    },
    async close(): Promise<void> {
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
    migrate: () => migratePglite(db, { migrationsFolder }),
    listen: (channel, handler) => client.listen(channel, handler),
    close: () => client.close(),
  };
}

export async function openDatabase(options: { databaseUrl: string | undefined; dataDir: string }): Promise<DatabaseHandle> {
  return options.databaseUrl === undefined ? openPglite(options.dataDir) : openPostgres(options.databaseUrl);
}
