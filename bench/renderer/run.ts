/**
 * bench/renderer: how fast the tenant sees their balance, and how much JavaScript the renderer
 * ships. Builds nothing itself: run `npm run build` first (npm run bench:renderer does).
 *
 * Starts the real server (demo data) and the browser preview, signs in once in Debian's
 * Chromium, then reloads the home page N times with a warm cache and times navigation start ->
 * "Votre compte est créditeur/débiteur de …" visible. Prints tables; asserts nothing.
 */
import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { buildServer } from '../../server/src/app';
import { startPreview } from '../../src-main/host/cli';
import { systemClock } from '../../src-shared/clock';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const root = join(import.meta.dirname, '..', '..');
const assets = join(root, 'out', 'renderer', 'assets');

function sizes() {
  const html = readFileSync(join(root, 'out', 'renderer', 'index.html'), 'utf8');
  const initial = new Set([...html.matchAll(/assets\/([^"]+\.(?:js|css))/g)].map((match) => match[1]!));
  return readdirSync(assets)
    .filter((file) => /\.(m?js|css)$/.test(file))
    .map((file) => {
      const bytes = readFileSync(join(assets, file));
      return { file, raw: bytes.length, gzip: gzipSync(bytes).length, initial: initial.has(file) };
    })
    .sort((a, b) => Number(b.initial) - Number(a.initial) || b.raw - a.raw);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const work = mkdtempSync(join(tmpdir(), 'el-bench-renderer-'));
const server = await buildServer({ db: { kind: 'pglite' }, demo: true, sandbox: true, passwordHashing: 'fast' });
const serverUrl = await server.listen({ port: 0, host: '127.0.0.1' });
// A bench measures today's demo, on the wall clock, like `npm start`.
const preview = await startPreview({ serverUrl, userDataDir: join(work, 'user-data'), now: systemClock });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const timings: number[] = [];
try {
  const page = await browser.newPage();
  await page.goto(preview.host.url);
  await page.getByLabel('Adresse mail').fill('martine.dupont@example.org');
  await page.getByLabel('Mot de passe', { exact: true }).fill('Demo-Locataire-2026!');
  await page.getByRole('button', { name: 'SE CONNECTER' }).click();
  const balance = page.getByText(/Votre compte est (créditeur|débiteur) de/);
  await balance.waitFor();
  for (let run = 0; run < RUNS; run += 1) {
    await page.reload();
    await balance.waitFor();
    timings.push(await page.evaluate(() => performance.now()));
  }
} finally {
  await browser.close();
  await preview.close();
  await server.close();
  rmSync(work, { recursive: true, force: true });
}

console.log(`\nbench/renderer (${RUNS} reloads, warm cache, Chromium headless, ${new Date().toISOString().slice(0, 10)})\n`);
console.log('| page load -> balance visible | ms |');
console.log('| --- | --- |');
console.log(`| median | ${percentile(timings, 50).toFixed(0)} |`);
console.log(`| p95 | ${percentile(timings, 95).toFixed(0)} |`);
console.log(`| max | ${Math.max(...timings).toFixed(0)} |`);

const files = sizes();
const total = (filter: (file: ReturnType<typeof sizes>[number]) => boolean) =>
  files.filter(filter).reduce((sum, file) => ({ raw: sum.raw + file.raw, gzip: sum.gzip + file.gzip }), { raw: 0, gzip: 0 });
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
console.log('\n| renderer asset | loaded | raw | gzip |');
console.log('| --- | --- | --- | --- |');
for (const file of files) console.log(`| ${file.file} | ${file.initial ? 'at start' : 'on demand'} | ${kb(file.raw)} | ${kb(file.gzip)} |`);
const initial = total((file) => file.initial);
const all = total(() => true);
console.log(`| **loaded at start** | | ${kb(initial.raw)} | ${kb(initial.gzip)} |`);
console.log(`| **all** | | ${kb(all.raw)} | ${kb(all.gzip)} |`);
