/**
 * `npm run -w server fuzz -- --runs 5000 [--seed 42] [--log] [--postgres]`: the property-based test of every
 * route (tests/integration/server/api-fuzz.test.ts) with more requests than CI's 1000. The same
 * seed replays the same requests; `--log` prints what the server logged for each problem;
 * `--postgres` runs it on PostgreSQL (TEST_DATABASE_URL) instead of PGlite.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5000' }, seed: { type: 'string' }, log: { type: 'boolean', default: false }, postgres: { type: 'boolean', default: false } } });
if (!/^\d+$/.test(values.runs) || (values.seed !== undefined && !/^\d+$/.test(values.seed))) {
  console.error('usage: npm run -w server fuzz -- [--runs N] [--seed N] [--log] [--postgres]');
  process.exit(2);
}
const root = fileURLToPath(new URL('../..', import.meta.url));
const env = { ...process.env, FUZZ_RUNS: values.runs, ...(values.seed ? { FUZZ_SEED: values.seed } : {}), ...(values.log ? { FUZZ_LOG: '1' } : {}), ...(values.postgres ? { FUZZ_BACKEND: 'postgres' } : {}) };
const result = spawnSync('npx', ['vitest', 'run', 'tests/integration/server/api-fuzz.test.ts'], { cwd: root, env, stdio: 'inherit' });
process.exit(result.status ?? 1);
