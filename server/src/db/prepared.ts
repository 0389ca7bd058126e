/**
 * Statements of the hot paths (every authenticated request, the no-op sync), built by drizzle once
 * per database handle and prepared under a name: on PostgreSQL each pooled connection parses and
 * plans them once (a named prepared statement), and no request rebuilds their SQL (issue 17: a
 * fifth of the no-op sync's CPU went to drizzle building the same SQL again).
 */
import type { Db } from './client';

export function preparedOnce<T>(build: (db: Db) => T): (db: Db) => T {
  const byDb = new WeakMap<Db, T>();
  return (db) => {
    let statement = byDb.get(db);
    if (statement === undefined) byDb.set(db, (statement = build(db)));
    return statement;
  };
}
