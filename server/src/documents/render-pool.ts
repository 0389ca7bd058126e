/**
 * Documents rendered in several processes (issue 17: a month's 100,000 avis d'échéance, a payment
 * file's quittances and reçus). Rendering one is pure CPU (fontkit shaping and subsetting, zlib:
 * 3-6 ms on our machine) and publishing is mostly that, so one process uses one core whatever the
 * machine has. The pool forks `size` renderers (render-worker.ts, under the same loader as this
 * process: tsx and the package type cache) and hands each document to the least busy one; the
 * renderers run the very function the publisher would (`renderHere`: the same bytes,
 * tests/integration/server/render-pool.test.ts compares them).
 *
 * Nothing is lost when a renderer dies (killed, out of memory): the notices it held are rendered in
 * this process instead, and the pool goes on with the others. A renderer's refusal
 * (DocumentRefusedError) comes back as one, with its code.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { renderAvisEcheance } from './avis-echeance';
import { DocumentRefusedError, type DocumentRefusal } from './errors';
import { renderQuittance } from './quittance';
import { renderRecu } from './recu';
import type { AvisEcheanceInput, PeriodSettlementInput } from './types';

/** A document to render: its kind and its renderer's input. */
export type RenderJob = { kind: 'avis_echeance'; input: AvisEcheanceInput } | { kind: 'quittance' | 'recu'; input: PeriodSettlementInput };

/** Renders a job in this process: what a renderer runs, and how documents render without a pool. */
export function renderHere(job: RenderJob): Promise<Uint8Array> {
  if (job.kind === 'avis_echeance') return renderAvisEcheance(job.input);
  return job.kind === 'quittance' ? renderQuittance(job.input) : renderRecu(job.input);
}

/** How publishing and settlement render: a renderer and how many documents to hand it at once (a pool: two per renderer, so none waits for its next one). */
export interface DocumentRendering {
  render(job: RenderJob): Promise<Uint8Array>;
  concurrency: number;
}

export interface RenderPool extends DocumentRendering {
  /** Renderers still running (a dead one is not replaced). */
  readonly alive: number;
  /** Documents a dead renderer held, rendered in this process instead. */
  readonly renderedHere: number;
  /** The renderers' process ids (logs, and the test that kills one). */
  readonly pids: number[];
  close(): Promise<void>;
}

/** What a renderer answers (render-worker.ts). */
export type RenderAnswer = { id: number; bytes: Uint8Array } | { id: number; refused: { code: DocumentRefusal; message: string; details: Record<string, string | number> } } | { id: number; error: string };

interface Job {
  job: RenderJob;
  resolve: (bytes: Uint8Array) => void;
  reject: (error: unknown) => void;
}

interface Renderer {
  child: ChildProcess;
  jobs: Map<number, Job>;
  dead: boolean;
}

const WORKER = fileURLToPath(new URL('./render-worker.ts', import.meta.url));
const TYPE_CACHE = fileURLToPath(new URL('../../../scripts/package-type-cache.mjs', import.meta.url));

/**
 * The renderers' Node options: this process's loader (tsx, the type cache) minus what is this
 * process's own (an inspector port, a profile); tsx and the type cache added when this process
 * loads TypeScript some other way (vitest).
 */
function rendererExecArgv(): string[] {
  const inherited = process.execArgv.filter((arg) => !arg.startsWith('--inspect') && !arg.startsWith('--cpu-prof') && !arg.startsWith('--heap-prof'));
  const has = (needle: string) => inherited.some((arg) => arg.includes(needle));
  return [...inherited, ...(has('package-type-cache') ? [] : ['--import', TYPE_CACHE]), ...(has('tsx') ? [] : ['--import', import.meta.resolve('tsx')])];
}

/**
 * Starts `size` renderers. They load the document modules (about a second each), so a pool is
 * worth it for a run of hundreds of notices, not for one.
 */
export function startRenderPool(size: number): RenderPool {
  let nextId = 0;
  let renderedHere = 0;
  const renderers: Renderer[] = [];
  const here = (job: Job) => {
    renderedHere++;
    renderHere(job.job).then(job.resolve, job.reject);
  };
  const execArgv = rendererExecArgv();
  for (let i = 0; i < size; i++) {
    const child = fork(WORKER, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const renderer: Renderer = { child, jobs: new Map(), dead: false };
    child.on('message', (answer: RenderAnswer) => {
      const job = renderer.jobs.get(answer.id);
      if (!job) return;
      renderer.jobs.delete(answer.id);
      if ('bytes' in answer) job.resolve(new Uint8Array(answer.bytes));
      else if ('refused' in answer) job.reject(new DocumentRefusedError(answer.refused.code, answer.refused.message, answer.refused.details));
      else job.reject(new Error(`render-pool: ${answer.error}`));
    });
    const die = () => {
      if (renderer.dead) return;
      renderer.dead = true;
      const orphans = [...renderer.jobs.values()];
      renderer.jobs.clear();
      orphans.forEach(here);
    };
    child.on('exit', die);
    child.on('error', die);
    // A pool left open must not keep the process alive (close() is still the way to end it).
    child.unref();
    (child.channel as { unref?: () => void } | undefined)?.unref?.();
    renderers.push(renderer);
  }

  const render = (renderJob: RenderJob) =>
    new Promise<Uint8Array>((resolve, reject) => {
      const job: Job = { job: renderJob, resolve, reject };
      const live = renderers.filter((r) => !r.dead);
      if (live.length === 0) return here(job);
      const renderer = live.reduce((least, r) => (r.jobs.size < least.jobs.size ? r : least));
      const id = nextId++;
      renderer.jobs.set(id, job);
      renderer.child.send({ id, job: renderJob }, (error) => {
        if (!error || !renderer.jobs.has(id)) return;
        // The message could not be sent (the renderer is gone): rendered here.
        renderer.jobs.delete(id);
        here(job);
      });
    });

  return {
    render,
    concurrency: 2 * size,
    get alive() {
      return renderers.filter((r) => !r.dead).length;
    },
    get renderedHere() {
      return renderedHere;
    },
    pids: renderers.map((r) => r.child.pid!),
    async close() {
      await Promise.all(
        renderers.map(
          (r) =>
            new Promise<void>((resolve) => {
              if (r.dead || r.child.exitCode !== null) return resolve();
              r.child.once('exit', () => resolve());
              r.child.disconnect();
            }),
        ),
      );
    },
  };
}

/**
 * A pool started at its first document (the staff CLI's import-ledger: a file of rent and charges
 * issues no quittance, and starting renderers costs about a second and 150 MB each).
 */
export function renderPoolWhenNeeded(size: number): DocumentRendering & { close(): Promise<void> } {
  let pool: RenderPool | null = null;
  return {
    concurrency: 2 * size,
    render: (job) => (pool ??= startRenderPool(size)).render(job),
    close: async () => pool?.close(),
  };
}
