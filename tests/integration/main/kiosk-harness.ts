/**
 * A kiosk-mode portal core for the kiosk tests (in the test process, or in a child process that
 * the crash test kills), and the scan that looks for a tenant's data in files.
 */
import { randomUUID } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventName, EventPayload } from '../../../src-shared/bridge';
import type { Clock } from '../../../src-shared/clock';
import { testClock } from '../../helpers/clock';
import { createRouter } from '../../../src-main/ipc/router';
import { createPortalCore } from '../../../src-main/portal-core';
import { createJsonKioskSettingsStore } from '../../../src-main/kiosk/settings';
import { createJsonSettingsStore } from '../../../src-main/services/settings';
import { memoryOnlySecretStore } from '../../../src-main/storage/secrets';
import { migrationsFolder, projectRoot } from '../../helpers/core';
import type { Notifier } from '../../../src-main/notifications/notifier';

const APP = 'app://portal';

/** `now`: the core's clock (give it the test server's); default a clock from TEST_NOW. */
export function kioskCore(options: { serverUrl: string; userDataDir: string; prefix: string; idle?: { idleSeconds: number; warningSeconds: number }; now?: Clock; notifier?: Notifier }) {
  const events: { name: EventName; payload: unknown }[] = [];
  let wipedRenderer = 0;
  const core = createPortalCore({
    version: '0.0.0-test',
    platform: process.platform,
    serverUrl: options.serverUrl,
    userDataDir: options.userDataDir,
    resourcesDir: join(projectRoot, 'resources'),
    migrationsFolder,
    settingsStore: createJsonSettingsStore(join(options.userDataDir, 'settings.json')),
    secrets: memoryOnlySecretStore,
    kiosk: true,
    preview: false,
    kioskStore: createJsonKioskSettingsStore(join(options.userDataDir, 'kiosk-settings.json')),
    kioskTempPrefix: options.prefix,
    kioskIdleOverride: options.idle,
    kioskPinHashParams: { N: 2 ** 10, r: 8, p: 1 },
    wipeRendererData: async () => void (wipedRenderer += 1),
    // Present, to show kiosk mode refuses it anyway.
    chooseSavePath: async () => '/tmp/never-written.pdf',
    emit: <E extends EventName>(name: E, payload: EventPayload<E>) => void events.push({ name, payload }),
    sync: { backoff: { baseMs: 20, maxMs: 50 } },
    now: options.now ?? testClock().clock,
    // Present in the notifications test, to show kiosk mode never uses it.
    notifier: options.notifier,
  });
  const router = createRouter({ handlers: core.handlers, trustedOrigins: [APP], logError: () => undefined });
  const call = async <T = any>(name: string, input: unknown = {}): Promise<T> => {
    const result = await router(name, input, { origin: APP, isMainFrame: true });
    if (!result.ok) throw Object.assign(new Error(`${name}: ${JSON.stringify(result.error)}`), { shape: result.error });
    return result.value as T;
  };
  return { core, call, events, wipedRenderer: () => wipedRenderer };
}

/**
 * "Now" as the file system dates files, for scan()'s `since`: a marker's own timestamp. Not
 * Date.now(), which a test run under a faked clock (npm run test:dates) moves while the kernel
 * keeps stamping files with the real time.
 */
export function fileSystemNow(): number {
  const marker = join(tmpdir(), `el-fs-now-${randomUUID()}`);
  writeFileSync(marker, '');
  try {
    const stat = lstatSync(marker);
    return stat.birthtimeMs || stat.ctimeMs;
  } finally {
    rmSync(marker, { force: true });
  }
}

/** Every file under `root` (entries created since `since` only, when given), with its bytes. */
function* filesUnder(root: string, since?: number): Generator<{ path: string; bytes: Buffer }> {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(root, name);
    let stat;
    try {
      stat = lstatSync(path);
    } catch {
      continue;
    }
    if (since !== undefined && (stat.birthtimeMs || stat.ctimeMs) < since) continue;
    if (stat.isSymbolicLink()) continue;
    if (stat.isDirectory()) yield* filesUnder(path);
    else if (stat.isFile()) {
      try {
        yield { path, bytes: readFileSync(path) };
      } catch {
        // gone meanwhile, or not ours to read
      }
    }
  }
}

/** Vitest's own transform cache (our source code, demo names included) is not tenant data. */
function isTransformedSource(bytes: Buffer): boolean {
  return bytes.includes('__vite_ssr_');
}

/** Where any needle appears (in a file's name or bytes). */
export function scan(roots: { path: string; since?: number }[], needles: Buffer[]): string[] {
  const found: string[] = [];
  for (const root of roots) {
    for (const file of filesUnder(root.path, root.since)) {
      if (isTransformedSource(file.bytes)) continue;
      for (const needle of needles) {
        if (file.path.includes(needle.toString('utf8')) || file.bytes.includes(needle)) found.push(`${file.path}: ${needle.toString('utf8')}`);
      }
    }
  }
  return found;
}

