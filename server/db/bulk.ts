// Multi-row writes as one short statement: one array parameter per column, expanded by
// unnest(). Drizzle's builder spends most of its time on wide multi-row inserts (thousands
// of bound parameters); this keeps intake and sync pushes cheap on PostgreSQL and PGlite.
import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './client.js';

type Row<T extends PgTable> = T['$inferInsert'];

/**
 * `insert into T (cols) select * from unnest(...)` for the given columns of `rows`; absent
 * values are written as NULL, so pass every column the rows need (defaults do not apply).
 */
export function bulkInsert<T extends PgTable>(table: T, columns: readonly (keyof Row<T> & string)[], rows: readonly Row<T>[]): SQL {
  const all = getTableColumns(table);
  const names: SQL[] = [];
  const arrays: SQL[] = [];
  for (const key of columns) {
    const column = all[key];
    if (!column) throw new Error(`${getTableName(table)} has no column ${key}`);
    const values = rows.map((row) => {
      const value = (row as Record<string, unknown>)[key];
      return value === undefined || value === null ? null : column.mapToDriverValue(value);
    });
    names.push(sql`${sql.identifier(column.name)}`);
    arrays.push(sql`${sql.param(values)}::${sql.raw(column.getSQLType())}[]`);
  }
  return sql`insert into ${sql.identifier(getTableName(table))} (${sql.join(names, sql`, `)}) select * from unnest(${sql.join(arrays, sql`, `)})`;
}

/** `excluded.col` for each column: an upsert that takes every new value. */
export function takeExcluded<T extends PgTable>(table: T, columns: readonly (keyof Row<T> & string)[]): SQL {
  const all = getTableColumns(table);
  return sql.join(
    columns.map((key) => sql`${sql.identifier(all[key]!.name)} = excluded.${sql.identifier(all[key]!.name)}`),
    sql`, `,
  );
}

export async function rowsOf<T>(db: Executor, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}
