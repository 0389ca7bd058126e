/** Builds a real portal core under Node, in a temporary user-data folder, for main-process tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { EventName, EventPayload } from '../../src-shared/bridge';
import type { Clock } from '../../src-shared/clock';
import { createRouter, type Router } from '../../src-main/ipc/router';
import { createPortalCore } from '../../src-main/portal-core';
import { createJsonSettingsStore } from '../../src-main/services/settings';
import { createKeyFileSecretStore } from '../../src-main/storage/secrets';
import { testClock } from './clock';

export const projectRoot = resolve(import.meta.dirname, '..', '..');
export const migrationsFolder = join(projectRoot, 'db', 'migrations');

export function temporaryFolder(prefix = 'el-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export function createTestCore(options: {
  serverUrl: string;
  userDataDir: string;
  kiosk?: boolean;
  sync?: { intervalMs?: number; backoff?: { baseMs: number; maxMs: number } };
  /** The core's clock; pass the test server's (RestartableServer.clock) so both agree. Default: a clock from TEST_NOW. */
  now?: Clock;
  /** Stands in for Electron's save dialog (documents.saveCopy); absent as in the browser preview. */
  chooseSavePath?: (suggestedName: string) => Promise<string | null>;
}) {
  const events: { name: EventName; payload: unknown }[] = [];
  const core = createPortalCore({
    version: '0.0.0-test',
    platform: process.platform,
    serverUrl: options.serverUrl,
    userDataDir: options.userDataDir,
    resourcesDir: join(projectRoot, 'resources'),
    migrationsFolder,
    settingsStore: createJsonSettingsStore(join(options.userDataDir, 'settings.json')),
    secrets: createKeyFileSecretStore(join(options.userDataDir, 'secret.key')),
    kiosk: options.kiosk ?? false,
    preview: true,
    emit: <E extends EventName>(name: E, payload: EventPayload<E>) => events.push({ name, payload }),
    sync: options.sync,
    chooseSavePath: options.chooseSavePath,
    now: options.now ?? testClock().clock,
  });
  return { core, events };
}

/** A URL where nothing listens: every call to it fails like a server that is down. */
export const UNREACHABLE_SERVER = 'http://127.0.0.1:9';

/** The app's own origin, as the router is told to trust it in tests. */
export const TEST_APP_ORIGIN = 'app://portal';

/** Calls a procedure through the router as the app's page would; a typed error is thrown (as `shape`). */
export type RouterCall = <T = any>(name: string, input?: unknown) => Promise<T>;

export function routerCall(router: Router): RouterCall {
  return async <T = any>(name: string, input: unknown = {}): Promise<T> => {
    const result = await router(name, input, { origin: TEST_APP_ORIGIN, isMainFrame: true });
    if (!result.ok) throw Object.assign(new Error(`${name}: ${JSON.stringify(result.error)}`), { shape: result.error });
    return result.value as T;
  };
}

/**
 * A test core signed in to the demo account on a real test server (tests/helpers/portal-server.ts),
 * its first sync done: what a main-level test of the areas starts from. `close` disposes of it
 * and removes its folder (the server is the caller's).
 */
export async function signedInDemoCore(
  server: { url: string; clock: Clock },
  account: { email: string; password: string },
  options: Pick<Parameters<typeof createTestCore>[0], 'sync' | 'chooseSavePath'> = {},
) {
  const folder = temporaryFolder();
  const { core, events } = createTestCore({ serverUrl: server.url, userDataDir: folder.path, now: server.clock, sync: options.sync, chooseSavePath: options.chooseSavePath });
  const router = createRouter({ handlers: core.handlers, trustedOrigins: [TEST_APP_ORIGIN] });
  const call = routerCall(router);
  await call('session.signIn', account);
  await core.syncIdle();
  return {
    core,
    events,
    router,
    call,
    folder,
    close() {
      core.dispose();
      folder.remove();
    },
  };
}
