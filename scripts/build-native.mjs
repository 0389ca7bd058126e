// Postinstall: compiles better-sqlite3 from its C sources for the Node that runs `npm ci`, into
// node_modules/better-sqlite3/build/Release, which better-sqlite3 loads before the prebuilt
// binaries its package ships (lib/binding.js). better-sqlite3 13 is a Node-API module: npm does not
// build it at install any more (its package says "gypfile": false), so this script does, to keep
// the rule that our native code is compiled here from source rather than taken as a binary.
//
// Headers: node-gyp takes Node's headers from npm_config_nodedir (scripts/use-node.sh sets it) or,
// failing that, from the include/node folder beside this Node's binary (official builds and the
// registry's node-<os>-<arch> packages have one); it never downloads them.
//
// Where the compile fails (no C++ toolchain) it says so in one line and leaves the package's
// prebuilt binary in use, except on CI (CI=true), where a failed build fails the install.
//
//   node scripts/build-native.mjs          build if missing or made for another Node / version
//   node scripts/build-native.mjs --force  rebuild anyway
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const root = join(import.meta.dirname, '..');
const require = createRequire(join(root, 'package.json'));

function say(message) {
  console.log(`build-native: ${message}`);
}

let sqliteDir;
try {
  sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
} catch {
  process.exit(0); // not installed (a partial install): nothing to build
}
const built = join(sqliteDir, 'build', 'Release', 'better_sqlite3.node');
const infoFile = join(sqliteDir, 'build', 'build-info.json');
const target = {
  betterSqlite3: JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version,
  node: process.versions.node,
  modules: process.versions.modules,
  platform: process.platform,
  arch: process.arch,
};

if (!process.argv.includes('--force') && existsSync(built) && existsSync(infoFile)) {
  const previous = JSON.parse(readFileSync(infoFile, 'utf8'));
  if (Object.entries(target).every(([key, value]) => previous[key] === value)) process.exit(0);
}

const besideBinary = join(dirname(process.execPath), '..');
const nodedir = process.env.npm_config_nodedir || (existsSync(join(besideBinary, 'include', 'node', 'node_api.h')) ? besideBinary : null);
if (!nodedir) {
  say(`no headers for Node ${target.node} (set npm_config_nodedir, or source scripts/use-node.sh).`);
}

say(`compiling better-sqlite3 ${target.betterSqlite3} from source for Node ${target.node} (${target.platform}-${target.arch}), about a minute…`);
const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
// force_build=1: better-sqlite3's binding.gyp otherwise builds nothing where a prebuilt binary exists.
const args = [nodeGyp, 'rebuild', '--release', '--force_build=1', ...(nodedir ? [`--nodedir=${nodedir}`] : [])];
const result = spawnSync(process.execPath, args, { cwd: sqliteDir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
if (result.status === 0 && existsSync(built)) {
  writeFileSync(infoFile, `${JSON.stringify(target, null, 2)}\n`);
  say(`done: ${built}`);
  process.exit(0);
}
const output = `${result.stdout ?? ''}${result.stderr ?? result.error?.message ?? ''}`.trim();
if (process.env.CI) {
  console.error(output);
  console.error('build-native: better-sqlite3 failed to compile (output above).');
  process.exit(1);
}
const reason = output.split('\n').find((line) => /error/i.test(line)) ?? 'see `node scripts/build-native.mjs --force`';
say(`could not compile better-sqlite3 (${reason.trim()}); its prebuilt Node-API binary is used instead.`);
