/**
 * Everything the main process does, minus Electron: the services and the handlers the router
 * dispatches to. src-main/app (Electron) and src-main/host (browser preview) each build one core
 * and plug their own transport, secret store and settings store into it, so both run the same
 * code and everything here is tested under plain Node.
 */
import type { EventName, EventPayload } from '../src-shared/bridge';
import type { Handlers } from './ipc/router';
import { createAccountService } from './services/account';
import { createBrandingService } from './services/branding';
import { PortalApi } from './services/portal-api';
import { createSessionService } from './services/session';
import { createSettingsService, type SettingsStore } from './services/settings';
import type { SecretStore } from './storage/secrets';

export interface PortalCoreOptions {
  version: string;
  platform: string;
  /** The Portal API server, e.g. http://127.0.0.1:8787. */
  serverUrl: string;
  userDataDir: string;
  /** Folder with branding/ (default white-label branding). */
  resourcesDir: string;
  /** Folder with the cache's generated SQL migrations (db/migrations). */
  migrationsFolder: string;
  settingsStore: SettingsStore;
  secrets: SecretStore;
  kiosk: boolean;
  preview: boolean;
  /** better-sqlite3 build for Electron's ABI, when it is not the default one. */
  nativeBinding?: string;
  /** Pushes an event to the renderer(s). */
  emit: <E extends EventName>(name: E, payload: EventPayload<E>) => void;
}

export function createPortalCore(options: PortalCoreOptions) {
  const api = new PortalApi({ baseUrl: options.serverUrl });
  const branding = createBrandingService(options);
  const settings = createSettingsService(options.settingsStore);
  const account = createAccountService(api);
  const session = createSessionService({
    api,
    userDataDir: options.userDataDir,
    migrationsFolder: options.migrationsFolder,
    inMemoryCache: options.kiosk,
    nativeBinding: options.nativeBinding,
  });

  const handlers: Handlers = {
    'app.info': () => ({
      version: options.version,
      kiosk: options.kiosk,
      preview: options.preview,
      platform: options.platform,
    }),
    'branding.get': () => branding.get(),
    'settings.get': () => settings.get(),
    'settings.update': (patch) => settings.update(patch),
    'session.get': () => session.state(),
    'session.signIn': (input) => session.signIn(input),
    'session.signOut': () => session.signOut(),
    'account.signUp': (input) => account.signUp(input),
    'account.recoverIdentifier': (input) => account.recoverIdentifier(input),
    'account.requestPasswordReset': (input) => account.requestPasswordReset(input),
  };

  /** Work done once at start, off the critical path of the first paint. */
  async function start() {
    await branding.refresh(api);
  }

  function dispose() {
    session.dispose();
  }

  return { handlers, api, session, start, dispose };
}

export type PortalCore = ReturnType<typeof createPortalCore>;
