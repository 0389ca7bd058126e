/**
 * bench/preview-host: how long `src-main/host/cli.ts` (the browser preview: a portal core under
 * plain Node and the preview host) takes from its process's spawn to its "Aperçu navigateur : URL"
 * line, beside its floor measured in the same run, interleaved with it: a bare HTTP listener
 * (bench/preview-host/bare-listener.ts) started the same way, through tsx. Each start gets a new
 * user-data folder; the server URL points nowhere (the host serves before the core's first sync,
 * which then finds the server offline). Prints a table; asserts nothing.
 *
 *   npm run bench:preview-host            (BENCH_RUNS=N, default 12)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';

const RUNS = Number(process.env.BENCH_RUNS ?? 12);
const root = join(import.meta.dirname, '..', '..');

/**
 * From spawn: the "Aperçu navigateur" line, then (host only) the answer to the page's first call,
 * `app.info` with the token read from index.html, as the renderer makes it. The process is then stopped.
 */
function timeToReady(file: string, args: string[], firstCall: boolean): Promise<{ serving: number; answered: number | null }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', join(root, 'scripts', 'package-type-cache.mjs'), '--import', 'tsx', file, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let serving: number | null = null;
    let answered: number | null = null;
    let failure: unknown = null;
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (serving !== null || !line.startsWith('Aperçu navigateur : ')) return;
      serving = performance.now() - started;
      const url = line.slice('Aperçu navigateur : '.length);
      const call = firstCall ? answerFirstCall(url).then(() => (answered = performance.now() - started)) : Promise.resolve();
      void call.catch((error: unknown) => (failure = error)).finally(() => child.kill('SIGTERM'));
    });
    child.on('exit', (code) => {
      if (serving === null) reject(new Error(`${file} exited ${code} before it served`));
      else if (failure) reject(failure as Error);
      else resolve({ serving, answered });
    });
  });
}

async function answerFirstCall(url: string): Promise<void> {
  const html = await (await fetch(url)).text();
  const token = /name="portal-preview-token" content="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no preview token in index.html');
  const origin = new URL(url).origin;
  const response = await fetch(`${origin}/rpc/app.info`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-portal-token': token, origin },
    body: '{}',
  });
  const result = (await response.json()) as { ok: boolean };
  if (!result.ok) throw new Error(`app.info: ${JSON.stringify(result)}`);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const host: number[] = [];
const firstCall: number[] = [];
const floor: number[] = [];
// One start of each first, not counted: tsx's transform cache and the disk cache are then warm for both.
for (let run = -1; run < RUNS; run += 1) {
  const userData = mkdtempSync(join(tmpdir(), 'el-bench-preview-'));
  try {
    const bare = await timeToReady(join(import.meta.dirname, 'bare-listener.ts'), [], false);
    const preview = await timeToReady(join(root, 'src-main', 'host', 'cli.ts'), ['--server-url', 'http://127.0.0.1:9', '--user-data', userData, '--port', '0'], true);
    if (run >= 0) {
      floor.push(bare.serving);
      host.push(preview.serving);
      firstCall.push(preview.answered!);
    }
  } finally {
    rmSync(userData, { recursive: true, force: true });
  }
}

const [load1] = loadavg();
console.log(`\nbench/preview-host (${RUNS} starts each, interleaved, Node ${process.version}, load average ${load1!.toFixed(1)}, ${new Date().toISOString().slice(0, 10)})\n`);
console.log('| spawn -> | ms, median | min | max | / floor (medians) |');
console.log('| --- | --- | --- | --- | --- |');
const row = (label: string, values: number[]) =>
  console.log(`| ${label} | ${median(values).toFixed(0)} | ${Math.min(...values).toFixed(0)} | ${Math.max(...values).toFixed(0)} | ${(median(values) / median(floor)).toFixed(2)}× |`);
row('preview host serving ("Aperçu navigateur", src-main/host/cli.ts)', host);
row('  its first call answered (app.info: the portal core loaded)', firstCall);
row('floor: bare tsx listener', floor);
