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

const work = mkdtempSync(join(tmpdir(), 'el-e2e-'));
const server = await buildServer({
  db: { kind: 'pglite', dataDir: join(work, 'pglite') },
  mail: { kind: 'mailbox', dir: join(work, 'mailbox'), from: 'Espace Locataire <no-reply@localhost>' },
  sandbox: true,
  demo: true,
});
const serverUrl = await server.listen({ port: 0, host: '127.0.0.1' });
const preview = await startPreview({ serverUrl, userDataDir: join(work, 'user-data'), port: Number(process.env.E2E_PORT ?? 47821) });
console.log(`e2e stack ready: ${preview.host.url} (Portal API ${serverUrl})`);

async function stop() {
  await preview.close();
  await server.close();
  rmSync(work, { recursive: true, force: true });
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
