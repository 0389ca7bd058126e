/**
 * Avis d'échéance rendered in several processes (issue 17: a month's 100,000 notices). Rendering
 * one is pure CPU (fontkit shaping and subsetting, zlib: 6-13 ms on our machine) and publishing
 * is mostly that, so one process uses one core whatever the machine has. The pool forks
 * `size` renderers (render-worker.ts, under the same loader as this process: tsx and the package
 * type cache) and hands each notice to the least busy one; the renderers run the very function the
 * publisher would (the same bytes: tests/integration/server/render-pool.test.ts compares them).
 *
 * Nothing is lost when a renderer dies (killed, out of memory): the notices it held are rendered in
 * this process instead, and the pool goes on with the others. A renderer's refusal
 * (DocumentRefusedError) comes back as one, with its code.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { renderAvisEcheance } from './avis-echeance';
import { DocumentRefusedError, type DocumentRefusal } from './errors';
import type { AvisEcheanceInput } from './types';

/** How the publisher renders an avis: in this process (the default) or through a pool. */
export type AvisRenderer = (input: AvisEcheanceInput) => Promise<Uint8Array>;

/** A renderer and how many notices to hand it at once (a pool: two per renderer, so none waits for its next one). */
export interface AvisRendering {
  render: AvisRenderer;
  concurrency: number;
}

export interface RenderPool extends AvisRendering {
  /** Renderers still running (a dead one is not replaced). */
  readonly alive: number;
  /** Notices a dead renderer held, rendered in this process instead. */
  readonly renderedHere: number;
  /** The renderers' process ids (logs, and the test that kills one). */
  readonly pids: number[];
  close(): Promise<void>;
}

/** What a renderer answers (render-worker.ts). */
export type RenderAnswer = { id: number; bytes: Uint8Array } | { id: number; refused: { code: DocumentRefusal; message: string; details: Record<string, string | number> } } | { id: number; error: string };

interface Job {
  input: AvisEcheanceInput;
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
    renderAvisEcheance(job.input).then(job.resolve, job.reject);
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

  const render: AvisRenderer = (input) =>
    new Promise<Uint8Array>((resolve, reject) => {
      const job: Job = { input, resolve, reject };
      const live = renderers.filter((r) => !r.dead);
      if (live.length === 0) return here(job);
      const renderer = live.reduce((least, r) => (r.jobs.size < least.jobs.size ? r : least));
      const id = nextId++;
      renderer.jobs.set(id, job);
      renderer.child.send({ id, input }, (error) => {
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
