// `npm start`: build (the app and the staff console), start the Portal API server in demo mode (embedded database, demo data),
// then launch the Electron app against it. Where Electron's binary is missing (as on our CI
// machines) say so in one line and serve the browser preview instead.
// `npm run preview` (--preview): the same, always with the browser preview.
// PORTAL_SERVER_URL: use that server instead of starting the demo one.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

const root = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const wantPreview = process.argv.includes('--preview');
const extraArgs = process.argv.slice(2).filter((arg) => arg !== '--preview');
const children = [];

function stopAll(code = 0) {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exit(code);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

/** Spawns a child and resolves with the first stdout line matching `pattern`. */
function startAndWaitFor(command, args, pattern, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      console.log(line);
      const match = line.match(pattern);
      if (match) resolve(match);
    });
    child.on('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited with code ${code}`)));
  });
}

function electronBinary() {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

// Node itself runs each tool's JS entry: .bin shims are .cmd files on Windows and need a shell.
const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) stopAll(build.status ?? 1);
// The staff console (server/console), which the server serves under /staff/.
const consoleBuild = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'console/vite.config.ts'], {
  cwd: join(root, 'server'),
  stdio: 'inherit',
});
if (consoleBuild.status !== 0) stopAll(consoleBuild.status ?? 1);

/** Runs a TypeScript entry point under Node with tsx's loader (and the package type cache, scripts/package-type-cache.mjs). */
const tsx = (file, ...args) => [process.execPath, ['--import', join(root, 'scripts', 'package-type-cache.mjs'), '--import', 'tsx', file, ...args]];
let serverUrl = process.env.PORTAL_SERVER_URL;
if (!serverUrl) {
  const [, url] = await startAndWaitFor(...tsx(join(root, 'server', 'src', 'main.ts'), '--demo'), /Portal API listening on (\S+)/, {
    PORT: process.env.PORT ?? '8787',
  });
  serverUrl = url;
}

const electron = wantPreview ? null : electronBinary();
if (electron) {
  const app = spawn(electron, [root, ...extraArgs], { cwd: root, env: { ...process.env, PORTAL_SERVER_URL: serverUrl }, stdio: 'inherit' });
  children.push(app);
  app.on('exit', (code) => stopAll(code ?? 0));
} else {
  if (!wantPreview) console.log('Electron n’est pas disponible sur cette machine : ouverture de l’aperçu navigateur à la place.');
  await startAndWaitFor(...tsx(join(root, 'src-main', 'host', 'cli.ts'), '--server-url', serverUrl, ...extraArgs), /Aperçu navigateur/, {});
}
