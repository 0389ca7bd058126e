/**
 * runNamed (server/src/db/prepared.ts), PGlite and PostgreSQL when TEST_DATABASE_URL: on PGlite
 * its parameters are written into an EXECUTE as literals, so any string must come back as it went
 * (quotes, backslashes, `$1`, a closing parenthesis), integers too, and a statement is PREPAREd
 * once however often it runs. Either driver refuses a parameter that is not an integer or a string.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../server/src/db/client';
import { runNamed } from '../../../server/src/db/prepared';
import { backends } from './helpers';

/** Half of a surrogate pair: not text, the server's hygiene refuses it before any query. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe.each(backends)('runNamed ($name)', (backend) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await backend.open();
  });
  afterAll(() => handle.close());

  it('gives back any string and integer it was given, through the same statement', async () => {
    const echo = (text: string, n: number) => runNamed<{ text: string; n: string | number }>(handle.db, 'test_echo', 'select $1::text as text, $2::bigint as n', [text, n]);
    expect(await echo("l'apostrophe \\' ); drop table tenants; --", 7)).toEqual([{ text: "l'apostrophe \\' ); drop table tenants; --", n: expect.anything() }]);
    await fc.assert(
      fc.asyncProperty(
        // PostgreSQL refuses a NUL in text, whatever the driver.
        fc.string({ unit: 'binary' }).filter((text) => !text.includes('\u0000') && !LONE_SURROGATE.test(text)),
        fc.maxSafeInteger(),
        async (text, n) => {
          const [row] = await echo(text, n);
          expect(row!.text).toBe(text);
          expect(Number(row!.n)).toBe(n);
        },
      ),
      { numRuns: 200 },
    );
    if (backend.name === 'pglite') {
      const client = (handle.db as unknown as { $client: { query(text: string): Promise<{ rows: { name: string }[] }> } }).$client;
      expect((await client.query(`select name from pg_prepared_statements`)).rows).toEqual([{ name: 'test_echo' }]);
    }
  });

  it('refuses a parameter it cannot write as a literal', async () => {
    await expect(runNamed(handle.db, 'test_float', 'select $1::float as f', [1.5])).rejects.toThrow(/unsupported parameter/);
  });
});
