// Builds better-sqlite3 for Electron's ABI into its own folder, .native/electron/, so that
// `npm start` can load it with better-sqlite3's `nativeBinding` option (src-main/app/main.ts
// defaults PORTAL_SQLITE_BINDING to .native/electron/better_sqlite3.node) while
// node_modules/better-sqlite3/build stays the Node build that the tests use.
//
// It works on a COPY of the module: prebuilt binary for Electron first (prebuild-install, as
// better-sqlite3's own install does), then node-gyp against Electron's headers. Where the headers
// cannot be downloaded (our development and CI machines) it prints one line and exits 0.
// Packaged builds do not use this: electron-builder rebuilds the module itself (npmRebuild).
//
//   node scripts/build-native-electron.mjs               build if missing or out of date
//   node scripts/build-native-electron.mjs --force       rebuild anyway
//   node scripts/build-native-electron.mjs --if-electron (npm prestart) silent no-op where the
//                                                        Electron binary is absent: npm start
//                                                        serves the browser preview there
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const root = join(import.meta.dirname, '..');
const require = createRequire(join(root, 'package.json'));
const args = new Set(process.argv.slice(2));
const DIST_URL = process.env.ELECTRON_HEADERS_URL ?? 'https://electronjs.org/headers';
const outDir = join(root, '.native', 'electron');
const binding = join(outDir, 'better_sqlite3.node');
const infoFile = join(outDir, 'build-info.json');

function say(message) {
  console.log(`rebuild:electron: ${message}`);
}

function electronBinaryPresent(dir) {
  const pathFile = join(dir, 'path.txt');
  return existsSync(pathFile) && existsSync(join(dir, 'dist', readFileSync(pathFile, 'utf8').trim()));
}

const electronDir = dirname(require.resolve('electron/package.json'));
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
const target = {
  electron: JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version,
  betterSqlite3: JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version,
  platform: process.platform,
  arch: process.env.npm_config_arch ?? process.arch,
};

if (args.has('--if-electron') && !electronBinaryPresent(electronDir)) process.exit(0);

if (!args.has('--force') && existsSync(binding) && existsSync(infoFile)) {
  const built = JSON.parse(readFileSync(infoFile, 'utf8'));
  if (Object.entries(target).every(([key, value]) => built[key] === value)) {
    if (!args.has('--if-electron')) say(`up to date (${binding}).`);
    process.exit(0);
  }
}

// Headers reachable? (node-gyp would otherwise fail after a long timeout with a noisy trace.)
try {
  const response = await fetch(`${DIST_URL}/v${target.electron}/SHASUMS256.txt`, {
    method: 'HEAD',
    signal: AbortSignal.timeout(8000),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
} catch (error) {
  say(`skipped, Electron ${target.electron} headers cannot be downloaded from ${DIST_URL} (${error.cause?.code ?? error.message}); the Node build of better-sqlite3 is left as it is.`);
  process.exit(0);
}

const work = join(outDir, 'better-sqlite3');
rmSync(work, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
// A copy without the Node build: nothing under node_modules/better-sqlite3 is ever written.
cpSync(sqliteDir, work, {
  recursive: true,
  filter: (source) => !source.startsWith(join(sqliteDir, 'build')) && !source.startsWith(join(sqliteDir, 'node_modules')),
});
const built = join(work, 'build', 'Release', 'better_sqlite3.node');

function run(command, commandArgs, env = {}) {
  const result = spawnSync(process.execPath, [command, ...commandArgs], {
    cwd: work,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return result.status === 0;
}

say(`building better-sqlite3 ${target.betterSqlite3} for Electron ${target.electron} (${target.platform}-${target.arch})…`);
let ok = false;
try {
  const prebuildInstall = require.resolve('prebuild-install/bin.js', { paths: [sqliteDir] });
  ok = run(prebuildInstall, ['--runtime=electron', `--target=${target.electron}`, `--arch=${target.arch}`, `--platform=${target.platform}`]) && existsSync(built);
} catch {
  ok = false;
}
if (!ok) {
  say('no prebuilt binary, compiling with node-gyp against Electron headers.');
  const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
  ok = run(nodeGyp, [
    'rebuild',
    '--release',
    `--target=${target.electron}`,
    `--arch=${target.arch}`,
    `--dist-url=${DIST_URL}`,
    `--devdir=${join(outDir, 'headers')}`,
  ]) && existsSync(built);
}
if (!ok) {
  console.error('rebuild:electron: failed to build better-sqlite3 for Electron (see the output above).');
  process.exit(1);
}
copyFileSync(built, binding);
writeFileSync(infoFile, `${JSON.stringify(target, null, 2)}\n`);
say(`done: ${binding}`);
