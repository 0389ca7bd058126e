import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'tests/electron/**', 'node_modules/**'],
    // Native modules (better-sqlite3, argon2) and real servers: separate processes are safest.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
