/**
 * Starts the browser preview: a portal core under plain Node + the preview host.
 *   tsx src-main/host/cli.ts --server-url http://127.0.0.1:8787 [--user-data DIR] [--port N] [--kiosk]
 *     [--kiosk-settings FILE]   (the kiosk's machine-level settings; default USER-DATA/kiosk-settings.json)
 * Prints one line "Aperçu navigateur : URL" once it serves.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { EventName, EventPayload } from '../../src-shared/bridge';
import { systemClock, type Clock } from '../../src-shared/clock';
import type { Handlers } from '../ipc/router';
import type { PortalCore } from '../portal-core';
import { startPreviewHost, type PreviewHost } from './preview-host';

const projectRoot = resolve(import.meta.dirname, '..', '..');

/**
 * Serves first, loads the core after (issue 17): the host listens and answers the page's files
 * as soon as this module runs; the portal core (every area, zod's contract, drizzle, the phone
 * metadata: most of the start) is imported once the host listens, and the page's first calls
 * wait for it. `onServing` is told the URL at the first of these two moments; the returned
 * promise settles at the second.
 */
export async function startPreview(options: {
  serverUrl: string;
  userDataDir: string;
  port?: number;
  kiosk?: boolean;
  /** The kiosk's machine-level settings file (default: in the user-data folder). */
  kioskSettingsFile?: string;
  /** Kiosk, tests: the temporary folders' prefix, and idle times below the caretaker's bounds. */
  kioskTempPrefix?: string;
  kioskIdleOverride?: { idleSeconds: number; warningSeconds: number };
  /** The core's clock. Tests pass their server's pinned clock, so both agree on the day; the command line uses the wall clock. */
  now: Clock;
  /** Called with the URL once the host listens, before the core is loaded. */
  onServing?: (url: string) => void;
}): Promise<{ host: PreviewHost; core: PortalCore; close(): Promise<void> }> {
  mkdirSync(options.userDataDir, { recursive: true, mode: 0o700 });
  let core: PortalCore | null = null;
  let coreLoaded!: (handlers: Handlers) => void;
  let coreFailed!: (error: unknown) => void;
  const handlers = new Promise<Handlers>((resolveHandlers, reject) => {
    coreLoaded = resolveHandlers;
    coreFailed = reject;
  });
  const host = await startPreviewHost({
    handlers,
    rendererDir: join(projectRoot, 'out', 'renderer'),
    resourcesDir: join(projectRoot, 'resources'),
    documentFile: (sha256) => core?.documentFile(sha256) ?? null,
    paymentPage: (token) => core?.paymentLaunchPage(token) ?? null,
    port: options.port,
  });
  options.onServing?.(host.url);
  try {
    core = await loadCore(options, host);
  } catch (error) {
    coreFailed(error);
    await host.close();
    throw error;
  }
  coreLoaded(core.handlers);
  void core.start();
  const started = core;
  return {
    host,
    core: started,
    async close() {
      started.dispose();
      await host.close();
    },
  };
}

async function loadCore(options: Parameters<typeof startPreview>[0], host: PreviewHost): Promise<PortalCore> {
  const [{ createPortalCore }, { createJsonSettingsStore }, { createKeyFileSecretStore }, { createJsonKioskSettingsStore, kioskModeOn }] = await Promise.all([
    import('../portal-core'),
    import('../services/settings'),
    import('../storage/secrets'),
    import('../kiosk/settings'),
  ]);
  const version = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
  const kioskStore = createJsonKioskSettingsStore(options.kioskSettingsFile ?? join(options.userDataDir, 'kiosk-settings.json'));
  return createPortalCore({
    version,
    platform: process.platform,
    serverUrl: options.serverUrl,
    userDataDir: options.userDataDir,
    resourcesDir: join(projectRoot, 'resources'),
    migrationsFolder: join(projectRoot, 'db', 'migrations'),
    settingsStore: createJsonSettingsStore(join(options.userDataDir, 'settings.json')),
    secrets: createKeyFileSecretStore(join(options.userDataDir, 'preview-secret.key')),
    kiosk: kioskModeOn({ argv: options.kiosk ? ['--kiosk'] : [], store: kioskStore }),
    kioskStore,
    kioskTempPrefix: options.kioskTempPrefix,
    kioskIdleOverride: options.kioskIdleOverride,
    now: options.now,
    preview: true,
    emit: <E extends EventName>(name: E, payload: EventPayload<E>) => host.emit(name, payload),
  });
}

async function main() {
  const { values } = parseArgs({
    options: {
      'server-url': { type: 'string', default: process.env.PORTAL_SERVER_URL ?? 'http://127.0.0.1:8787' },
      'user-data': { type: 'string', default: join(tmpdir(), 'espace-locataire-preview') },
      port: { type: 'string', default: process.env.PREVIEW_PORT ?? '0' },
      kiosk: { type: 'boolean', default: false },
      'kiosk-settings': { type: 'string' },
    },
  });
  const preview = await startPreview({
    serverUrl: values['server-url'],
    userDataDir: values['user-data'],
    port: Number(values.port),
    kiosk: values.kiosk,
    kioskSettingsFile: values['kiosk-settings'],
    now: systemClock,
    onServing: (url) => console.log(`Aperçu navigateur : ${url}`),
  });
  const stop = () => {
    void preview.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
