/**
 * One life of the desktop main process for the crash test: restores the session from disk,
 * queues a few messages (printing each id once its transaction committed), then syncs in a loop
 * until the parent kills it (SIGKILL, at a random instant) or, with FINAL=1, until everything is
 * sent and pulled, then exits.
 */
import { createRouter } from '../../../../src-main/ipc/router';
import { clockFromEnv } from '../../../helpers/clock';
import { createTestCore } from '../../../helpers/core';

const userDataDir = process.env.USER_DATA!;
const serverUrl = process.env.SERVER_URL!;
const label = process.env.LABEL ?? 'x';
const final = process.env.FINAL === '1';
const toQueue = Number(process.env.QUEUE ?? '3');

// Each life continues the server's time (the parent passes it), as a restarted app would.
const { core } = createTestCore({ serverUrl, userDataDir, now: clockFromEnv(), sync: { intervalMs: 60_000, backoff: { baseMs: 10, maxMs: 50 } } });
const router = createRouter({ handlers: core.handlers, trustedOrigins: ['app://portal'], logError: () => undefined });
async function call(name: string, input: unknown = {}): Promise<any> {
  const result = await router(name, input, { origin: 'app://portal', isMainFrame: true });
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
  return result.value;
}

await core.start();
if ((await call('session.get')).state !== 'signedIn') {
  console.log('not-signed-in');
  process.exit(3);
}
console.log('ready');
const requestId = process.env.REQUEST_ID!;
for (let index = 0; index < toQueue && !final; index += 1) {
  const body = `crash-${label}-${index}`;
  const { id } = await call('requests.addMessage', { requestId, body });
  console.log(`queued ${id} ${body}`);
}
for (;;) {
  const state = await call('sync.now');
  if (process.env.DEBUG_WORKER) console.log(JSON.stringify(state), JSON.stringify(await call('outbox.get')));
  if (final && state.status === 'upToDate' && state.pending === 0) break;
  if ((await call('session.get')).state !== 'signedIn') {
    console.log('session-ended');
    process.exit(4);
  }
}
console.log('done');
core.dispose();
process.exit(0);
