/** Builds a real portal core under Node, in a temporary user-data folder, for main-process tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { EventName, EventPayload } from '../../src-shared/bridge';
import type { Clock } from '../../src-shared/clock';
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
    now: options.now ?? testClock().clock,
  });
  return { core, events };
}

/** A URL where nothing listens: every call to it fails like a server that is down. */
export const UNREACHABLE_SERVER = 'http://127.0.0.1:9';
