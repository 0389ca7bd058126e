/**
 * Batch statements whose SQL does not grow with the batch (issue 17). Drizzle's builder turns a
 * multi-row insert or an `inArray` into one bound parameter per value, each value checked and
 * mapped on the way: at 500 rows of 18 columns that building was half the CPU of the bulk ERP
 * import, more than PostgreSQL spent writing. Here a batch is one parameter: a JSON text of the
 * rows (read back by json_populate_recordset) or an array; the same on PGlite and node-postgres.
 */
import { getTableColumns, sql, type Column, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client';

/** `column = any($1)`: one array parameter in place of `inArray`'s one parameter per value. */
export const anyOf = (column: Column, values: readonly (string | number)[]): SQL => sql`${column} = any(${sql.param(values)})`;

/**
 * Inserts `rows` (the table's insert objects, by field name) in one statement with one parameter.
 * The columns written are those any row names; a row without one of them gets null there, not
 * the column's default (give every row the same fields when a column has a default).
 * `onConflictDoNothing`: rows that would break a unique index are left out. Returns how many rows
 * were inserted.
 */
export async function insertRows<T extends PgTable>(db: DbOrTx, table: T, rows: T['$inferInsert'][], options: { onConflictDoNothing?: boolean } = {}): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = getTableColumns(table) as Record<string, Column>;
  const fields = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const names = fields.map((field) => {
    const column = columns[field];
    if (!column) throw new Error(`insertRows: ${field} is not a column`);
    return column.name;
  });
  // A json column's value goes into the JSON text as it is: its driver value is already a JSON
  // text, which json_populate_recordset would store as one string.
  const isJson = fields.map((field) => ['json', 'jsonb'].includes(columns[field]!.getSQLType()));
  // Values as the driver would get them (a Date as its ISO text, a bigint as a number...), keyed by column name.
  const records = rows.map((row) => {
    const record: Record<string, unknown> = {};
    fields.forEach((field, i) => {
      const value = (row as Record<string, unknown>)[field];
      record[names[i]!] = value === undefined || value === null ? null : isJson[i] ? value : columns[field]!.mapToDriverValue(value);
    });
    return record;
  });
  const list = sql.raw(names.map((name) => `"${name}"`).join(', '));
  const conflict = options.onConflictDoNothing ? sql` on conflict do nothing` : sql``;
  // Counted in SQL: node-postgres and PGlite report affected rows under different names (both give `rows`).
  const { rows: counted } = (await db.execute(
    sql`with inserted as (insert into ${table} (${list}) select ${list} from json_populate_recordset(null::${table}, ${JSON.stringify(records)})${conflict} returning 1) select count(*)::int as n from inserted`,
  )) as unknown as { rows: { n: number }[] };
  return Number(counted[0]?.n ?? 0);
}
