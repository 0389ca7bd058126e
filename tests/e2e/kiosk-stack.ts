/**
 * The kiosk-mode end-to-end stack: the real Portal API server (demo data) and the browser preview
 * in kiosk mode on E2E_KIOSK_PORT, unconfigured (the spec goes through the first-run screen),
 * with idle times shorter than the caretaker may choose (E2E_KIOSK_IDLE / E2E_KIOSK_WARNING
 * seconds), and its own prefix for the sessions' temporary folders. Stops on SIGTERM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../../server/src/app';
import { startPreview } from '../../src-main/host/cli';
import { testClock } from '../helpers/clock';

const work = mkdtempSync(join(tmpdir(), 'el-e2e-kiosk-'));
// The server and the preview's main process share one clock, pinned at TEST_NOW: the specs
// expect the demo month paid up and read "today" from tests/helpers/clock.ts, on any real day.
const { clock } = testClock();
const server = await buildServer({
  clock,
  db: { kind: 'pglite', dataDir: join(work, 'pglite') },
  mail: { kind: 'mailbox', dir: join(work, 'mailbox'), from: 'Espace Locataire <no-reply@localhost>' },
  sandbox: true,
  demo: true,
  // One demo tenant plays every spec in one (virtual) day from one address: more requests,
  // messages and sign-ins than a real tenant's daily quotas and a real address's sign-in limit
  // allow (limits.test.ts tests those). Here they would only make later specs fail.
  throttle: { signInPerIp: 100_000 },
  quotas: { requestsPerDay: 100_000, messagesPerDay: 100_000, changeRequestsPerDay: 100_000, paymentsPerDay: 100_000, uploadsPerDay: 100_000 },
});
const serverUrl = await server.listen({ port: 0, host: '127.0.0.1' });
const preview = await startPreview({
  serverUrl,
  userDataDir: join(work, 'user-data'),
  port: Number(process.env.E2E_KIOSK_PORT ?? 47822),
  kiosk: true,
  kioskTempPrefix: `el-e2e-kiosk-session-${process.pid}-`,
  kioskIdleOverride: { idleSeconds: Number(process.env.E2E_KIOSK_IDLE ?? 12), warningSeconds: Number(process.env.E2E_KIOSK_WARNING ?? 6) },
  now: clock,
});
console.log(`e2e kiosk stack ready: ${preview.host.url} (Portal API ${serverUrl})`);

async function stop() {
  await preview.close();
  await server.close();
  rmSync(work, { recursive: true, force: true });
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
