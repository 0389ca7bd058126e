/**
 * The end-to-end stack: the real Portal API server (embedded PGlite in a temporary folder, demo
 * data) and the browser preview of the built renderer on E2E_PORT. Started by Playwright's
 * webServer; stops on SIGTERM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../../server/src/app';
import { startPreview } from '../../src-main/host/cli';
import { testClock } from '../helpers/clock';
import { SIGN_UP_TENANT } from './fixtures';

const work = mkdtempSync(join(tmpdir(), 'el-e2e-'));
const ADMIN_KEY = 'e2e-admin-key-0123456789abcdef';
// The server and the preview's main process share one clock, pinned at TEST_NOW: the specs
// expect the demo month paid up and read "today" from tests/helpers/clock.ts, on any real day.
const { clock } = testClock();
const server = await buildServer({
  clock,
  db: { kind: 'pglite', dataDir: join(work, 'pglite') },
  mail: { kind: 'mailbox', dir: join(work, 'mailbox'), from: 'Espace Locataire <no-reply@localhost>' },
  sandbox: true,
  demo: true,
  adminApiKey: ADMIN_KEY,
  // One demo tenant plays every spec in one (virtual) day from one address: more requests,
  // messages and sign-ins than a real tenant's daily quotas and a real address's sign-in limit
  // allow (limits.test.ts tests those). Here they would only make later specs fail.
  throttle: { signInPerIp: 100_000 },
  quotas: { requestsPerDay: 100_000, messagesPerDay: 100_000, changeRequestsPerDay: 100_000, paymentsPerDay: 100_000, uploadsPerDay: 100_000 },
});
const serverUrl = await server.listen({ port: 0, host: '127.0.0.1' });
// A second tenant with no account yet, for the sign-up journey (created as staff would, by the admin API).
const created = await fetch(`${serverUrl}/v1/admin/tenants`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY },
  body: JSON.stringify(SIGN_UP_TENANT.record),
});
if (!created.ok) throw new Error(`e2e stack: creating the sign-up tenant failed (${created.status} ${await created.text()})`);
const preview = await startPreview({ serverUrl, userDataDir: join(work, 'user-data'), port: Number(process.env.E2E_PORT ?? 47821), now: clock });
console.log(`e2e stack ready: ${preview.host.url} (Portal API ${serverUrl})`);

async function stop() {
  await preview.close();
  await server.close();
  rmSync(work, { recursive: true, force: true });
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
