// Postinstall: fetch Electron's binary ourselves. package.json's "allowScripts" keeps electron's
// own install script from running (it fails the whole `npm install` where the binary cannot be
// downloaded, as on our CI machines). Here a failure is one clear line, never a failed install.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function electronDir() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null; // production install without devDependencies
  }
}

function binaryPresent(dir) {
  const pathFile = join(dir, 'path.txt');
  return existsSync(pathFile) && existsSync(join(dir, 'dist', readFileSync(pathFile, 'utf8').trim()));
}

const dir = electronDir();
if (!dir) process.exit(0);
if (binaryPresent(dir)) process.exit(0);
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('electron: ELECTRON_SKIP_BINARY_DOWNLOAD is set; npm start will serve the browser preview.');
  process.exit(0);
}

const result = spawnSync(process.execPath, [join(dir, 'install.js')], {
  stdio: ['ignore', 'ignore', 'pipe'],
  timeout: 120_000,
  encoding: 'utf8',
});
if (result.status === 0 && binaryPresent(dir)) {
  console.log('electron: binary installed.');
} else {
  const lines = (result.stderr || result.error?.message || 'unknown error').trim().split('\n');
  const reason = (lines.find((line) => /error/i.test(line)) ?? lines[0]).trim();
  console.log(`electron: binary not available on this machine (${reason}); npm start will serve the browser preview instead.`);
}
