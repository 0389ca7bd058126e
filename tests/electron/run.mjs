// Runs the real-Electron end-to-end suite where Electron's binary exists; elsewhere (our CI
// machines cannot download it) says so in one line and exits 0.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const electronDir = join(root, 'node_modules', 'electron');
const pathFile = join(electronDir, 'path.txt');
const binary = existsSync(pathFile) ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()) : null;

if (!binary || !existsSync(binary)) {
  console.log('tests/electron: skipped, Electron binary not installed on this machine (see scripts/fetch-electron.mjs).');
  process.exit(0);
}
// The app loads better-sqlite3 built for Electron's ABI from .native/electron (main.ts); build it
// if it is missing or out of date (fast no-op otherwise).
const native = spawnSync(process.execPath, [join(root, 'scripts', 'build-native-electron.mjs')], { cwd: root, stdio: 'inherit' });
if (native.status !== 0) process.exit(native.status ?? 1);
// Playwright's CLI through node itself: node_modules/.bin shims are not executables on Windows.
const result = spawnSync(process.execPath, [join(root, 'node_modules', '@playwright', 'test', 'cli.js'), 'test', '-c', 'tests/electron/playwright.config.ts'], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
