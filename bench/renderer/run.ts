/**
 * bench/renderer: how fast the tenant sees their balance, and how much JavaScript the renderer
 * ships before it shows. Builds the app nothing itself: run `electron-vite build` first
 * (npm run bench:renderer does); it builds its floor, an empty Svelte 5 page (bench/renderer/floor)
 * that only mounts the balance's sentence, served by a bare static Node server.
 *
 * Starts the real server (demo data) and the browser preview, signs in once in Debian's
 * Chromium, then reloads the home page N times with a warm cache and times navigation start ->
 * "Votre compte est créditeur/débiteur de …" in the page's text (polled each frame), and the
 * same for the floor. The JavaScript fetched before that moment is read from the page's resource
 * timings and sized (gzip) from out/renderer. Prints tables; asserts nothing.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import { basename, extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { reloadUntilBalance, startPortalStack } from './portal-stack';

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

/** Navigation start -> the balance's sentence in the page's text, in ms; and the JS fetched by then. */
async function timedReload(page: Page): Promise<{ ms: number; scripts: string[] }> {
  const ms = await reloadUntilBalance(page);
  const scripts = await page.evaluate(
    (until) =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => entry.startTime <= until && /\.m?js$/.test(new URL(entry.name).pathname))
        .map((entry) => new URL(entry.name).pathname),
    ms,
  );
  return { ms, scripts };
}

const stack = await startPortalStack();
const floorDir = join(stack.work, 'floor');
await build({
  configFile: false,
  logLevel: 'warn',
  root: join(import.meta.dirname, 'floor'),
  base: './',
  plugins: [svelte({ configFile: join(root, 'svelte.config.js') })],
  build: { outDir: floorDir, emptyOutDir: true, minify: true },
});
const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const floorServer = createServer((request, response) => {
  const path = new URL(request.url ?? '/', 'http://floor').pathname;
  const file = join(floorDir, path === '/' ? 'index.html' : path.replace(/^\/+/, ''));
  try {
    const body = readFileSync(file);
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise<void>((done) => floorServer.listen(0, '127.0.0.1', done));
const floorAddress = floorServer.address();
const floorUrl = `http://127.0.0.1:${typeof floorAddress === 'object' && floorAddress ? floorAddress.port : 0}/`;
const timings: number[] = [];
const floorTimings: number[] = [];
const startScripts = new Set<string>();
try {
  const floorPage = await stack.browser.newPage();
  await floorPage.goto(floorUrl);
  const page = await stack.signedInPage();
  // Interleaved, so both see the same machine load.
  for (let run = 0; run < RUNS; run += 1) {
    floorTimings.push(await reloadUntilBalance(floorPage));
    const { ms, scripts } = await timedReload(page);
    timings.push(ms);
    for (const script of scripts) startScripts.add(basename(script));
  }
} finally {
  floorServer.close();
  await stack.close();
}

console.log(`\nbench/renderer (${RUNS} reloads, warm cache, Chromium headless, load average ${loadavg()[0]!.toFixed(1)}, ${new Date().toISOString().slice(0, 10)})\n`);
console.log('| page load -> balance visible | portal, ms | empty Svelte 5 page (floor), ms | ratio |');
console.log('| --- | --- | --- | --- |');
for (const [label, pick] of [
  ['median', (values: number[]) => percentile(values, 50)],
  ['p95', (values: number[]) => percentile(values, 95)],
  ['max', (values: number[]) => Math.max(...values)],
] as const) {
  const [portal, floor] = [pick(timings), pick(floorTimings)];
  console.log(`| ${label} | ${portal.toFixed(0)} | ${floor.toFixed(0)} | ${(portal / floor).toFixed(2)}× |`);
}
// Each portal reload over the floor reload just before it: the two saw the same moment of a
// shared machine's load, so the median of these ratios moves less than the ratio of medians.
const paired = timings.map((portal, index) => portal / floorTimings[index]!);
console.log(`| median of the paired ratios (each reload over the floor's just before) | | | ${percentile(paired, 50).toFixed(2)}× |`);

const files = sizes();
const total = (filter: (file: ReturnType<typeof sizes>[number]) => boolean) =>
  files.filter(filter).reduce((sum, file) => ({ raw: sum.raw + file.raw, gzip: sum.gzip + file.gzip }), { raw: 0, gzip: 0 });
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
console.log('\n| renderer asset | loaded | raw | gzip |');
console.log('| --- | --- | --- | --- |');
// Every chunk fetched before the balance, and the large ones fetched later; the many small page chunks as one line.
const listed = files.filter((file) => file.initial || startScripts.has(file.file) || file.raw >= 10_000);
for (const file of listed) {
  const when = file.initial ? 'in index.html' : startScripts.has(file.file) ? 'before the balance' : 'on demand';
  console.log(`| ${file.file} | ${when} | ${kb(file.raw)} | ${kb(file.gzip)} |`);
}
const rest = files.filter((file) => !listed.includes(file));
const restSize = rest.reduce((sum, file) => ({ raw: sum.raw + file.raw, gzip: sum.gzip + file.gzip }), { raw: 0, gzip: 0 });
console.log(`| ${rest.length} smaller chunks | on demand | ${kb(restSize.raw)} | ${kb(restSize.gzip)} |`);
const initial = total((file) => file.initial);
const beforeBalance = total((file) => startScripts.has(file.file));
const all = total(() => true);
console.log(`| **in index.html** | | ${kb(initial.raw)} | ${kb(initial.gzip)} |`);
console.log(`| **all** | | ${kb(all.raw)} | ${kb(all.gzip)} |`);
console.log(`\n| JS fetched before the balance shows | raw | gzip |`);
console.log('| --- | --- | --- |');
console.log(`| ${[...startScripts].sort().join(', ')} | ${kb(beforeBalance.raw)} | ${kb(beforeBalance.gzip)} |`);
