/**
 * Statements of the hot paths (every authenticated request, every sync page), as fixed SQL texts
 * prepared under a name: on PostgreSQL each pooled connection parses and plans them once (a named
 * prepared statement of the protocol), on PGlite the instance PREPAREs them once; no request
 * rebuilds their SQL (issue 17: a fifth of the no-op sync's CPU went to drizzle building the same
 * SQL again, and parsing and planning the sync page's union of every entity was half its cost on
 * PGlite). Their rows come as the driver gives them (snake_case columns, bigint as text on
 * node-postgres): the callers convert.
 */
import type { Db } from './client';

/** The driver under a drizzle handle: node-postgres's Pool, or PGlite (which has exec()). */
interface RawClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
  query(text: string): Promise<{ rows: unknown[] }>;
  exec?: (text: string) => Promise<unknown>;
}

/** The statements PREPAREd on each PGlite instance (it is one session: they live as long as it). */
const preparedOnPglite = new WeakMap<RawClient, Set<string>>();

/** A value written into an EXECUTE: only integers and strings (quoted, standard_conforming_strings) are ever passed. */
function literal(value: unknown): string {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`;
  throw new Error(`runNamed: unsupported parameter ${typeof value}`);
}

/**
 * A fixed SQL text (written once, not built per call) run as a prepared statement of that name,
 * planned once per connection: on node-postgres a named statement of the protocol; on PGlite,
 * whose query() parses and plans every time (half the cost of the sync page query), a PREPARE
 * on first use and an EXECUTE after. For the queries drizzle's builder cannot express as one
 * prepared statement (the sync feed's union of every entity). Parameters: integers and strings.
 */
export async function runNamed<T>(db: Db, name: string, text: string, values: (string | number)[]): Promise<T[]> {
  const client = (db as unknown as { $client: RawClient }).$client;
  // Checked on both drivers, so a call that works on one works on the other.
  const literals = values.map(literal);
  if (typeof client.exec !== 'function') return (await client.query({ name, text, values })).rows as T[];
  let names = preparedOnPglite.get(client);
  if (!names) preparedOnPglite.set(client, (names = new Set()));
  if (!names.has(name)) {
    await client.exec(`prepare ${name} as ${text}`);
    names.add(name);
  }
  return (await client.query(`execute ${name}(${literals.join(', ')})`)).rows as T[];
}
