import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'tests/electron/**', 'node_modules/**'],
    // Native modules (better-sqlite3, argon2) and real servers: separate processes are safest.
    pool: 'forks',
    // Each test file's process loads drizzle-orm: with Node's per-file package.json lookup that is
    // 0.5-0.9 s and about 190 MB per file (scripts/package-type-cache.mjs says why).
    execArgv: ['--import', fileURLToPath(new URL('./scripts/package-type-cache.mjs', import.meta.url))],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
