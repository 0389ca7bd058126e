// Builds better-sqlite3 for Electron's ABI into its own folder, .native/electron/, so that
// `npm start` can load it with better-sqlite3's `nativeBinding` option (src-main/app/main.ts
// defaults PORTAL_SQLITE_BINDING to .native/electron/better_sqlite3.node) while
// node_modules/better-sqlite3/build stays the Node build that the tests use.
//
// It compiles a COPY of the module from source with node-gyp against Electron's headers. Where the
// headers cannot be downloaded (our development and CI machines) it prints one line and exits 0:
// better-sqlite3 13 is a Node-API module, so the Node build in node_modules/better-sqlite3
// (scripts/build-native.mjs) loads in Electron as well, and main.ts falls back to it.
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
  say(`skipped, Electron ${target.electron} headers cannot be downloaded from ${DIST_URL} (${error.cause?.code ?? error.message}); Electron loads the Node-API build in node_modules/better-sqlite3 instead.`);
  process.exit(0);
}

const work = join(outDir, 'better-sqlite3');
rmSync(work, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
// A copy without the Node build nor the package's prebuilt binaries: nothing under
// node_modules/better-sqlite3 is ever written.
const leftOut = ['build', 'node_modules', 'prebuilds'].map((name) => join(sqliteDir, name));
cpSync(sqliteDir, work, {
  recursive: true,
  filter: (source) => !leftOut.some((dir) => source.startsWith(dir)),
});
const built = join(work, 'build', 'Release', 'better_sqlite3.node');

function run(command, commandArgs) {
  // Without npm_config_nodedir (scripts/use-node.sh sets it to Node's headers): node-gyp would
  // take them over Electron's.
  const { npm_config_nodedir: _nodeHeaders, ...env } = process.env;
  const result = spawnSync(process.execPath, [command, ...commandArgs], { cwd: work, stdio: 'inherit', env });
  return result.status === 0;
}

say(`compiling better-sqlite3 ${target.betterSqlite3} for Electron ${target.electron} (${target.platform}-${target.arch}) against Electron's headers…`);
const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
const ok =
  run(nodeGyp, [
    'rebuild',
    '--release',
    // better-sqlite3's binding.gyp builds nothing where a prebuilt binary exists unless forced.
    '--force_build=1',
    `--target=${target.electron}`,
    `--arch=${target.arch}`,
    `--dist-url=${DIST_URL}`,
    `--devdir=${join(outDir, 'headers')}`,
  ]) && existsSync(built);
if (!ok) {
  console.error('rebuild:electron: failed to build better-sqlite3 for Electron (see the output above).');
  process.exit(1);
}
copyFileSync(built, binding);
writeFileSync(infoFile, `${JSON.stringify(target, null, 2)}\n`);
say(`done: ${binding}`);
