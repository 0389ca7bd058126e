/**
 * The server's PostgreSQL pool when the database closes one of its idle connections (a restart, a
 * failover, an administrator's kill): node-postgres emits that as an 'error' event on the pool,
 * which stops the whole process when nothing listens (found by CI: a test database dropped with
 * `with (force)` under a pool's idle connection).
 */
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backends } from './helpers';

const postgres = backends.find((backend) => backend.name === 'postgres');

describe.skipIf(!postgres)('PostgreSQL pool (runs with TEST_DATABASE_URL)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('an idle connection closed by the database is dropped with a warning; the next query opens another', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const handle = await postgres!.open();
    try {
      const rowsOf = (result: unknown) => ((result as { rows?: unknown[] }).rows ?? result) as { pid: number }[];
      const [{ pid }] = rowsOf(await handle.db.execute(sql`select pg_backend_pid() as pid`)) as [{ pid: number }];
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      await admin.query('select pg_terminate_backend($1)', [pid]);
      await admin.end();
      await vi.waitFor(() => expect(warn).toHaveBeenCalledWith(expect.stringContaining('an idle connection was closed by the server')));
      const [{ pid: next }] = rowsOf(await handle.db.execute(sql`select pg_backend_pid() as pid`)) as [{ pid: number }];
      expect(next).not.toBe(pid);
    } finally {
      await handle.close();
    }
  });
});
