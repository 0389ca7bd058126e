/**
 * The tenant's session in the main process.
 *
 * - Signs in through the Portal API; the access token lives in memory only and never reaches
 *   the renderer. The refresh token is kept encrypted (SecretStore: safeStorage in the app) in
 *   the account's own folder, so the next start restores the session without the password, even
 *   offline (reads come from the cache; writes queue).
 * - `authorized(call)` gives services a valid access token: it refreshes when needed (one
 *   refresh at a time; rotation means a token must never be used twice) and, when the server
 *   refuses the refresh, ends the session as expired.
 * - Kiosk mode: the cache is in memory, no token is kept, and the session's documents and staged
 *   attachments live in a temporary folder of its own (src-main/kiosk/temp-folders.ts), wiped
 *   whenever the session closes (sign-out, expiry, quit).
 * - Sign-out: stops the account's work (the hooks), revokes on the server when reachable, and
 *   wipes the account's folder. With unsent items it first refuses with UNSENT_ITEMS, so the
 *   renderer can warn; the tenant may then confirm.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import {
  sessionResponseSchema,
  type RefreshBody,
  type SessionResponse,
  type SignInBody,
  type SignUpBody,
} from '../../src-shared/api/auth';
import { apiPath } from '../../src-shared/api/routes';
import type { SessionState, SignInInput } from '../../src-shared/session/bridge';
import type { SignUpInput } from '../../src-shared/account/bridge';
import { PortalError } from '../../src-shared/errors';
import { accountFolderPath, ensureAccountFolder, wipeAccountFolder } from '../storage/account-folders';
import { openCacheDatabase, type CacheDatabase } from '../storage/cache-database';
import { readJsonFile, writeJsonFileAtomic } from '../storage/json-file';
import type { SecretStore } from '../storage/secrets';
import type { PortalApi } from './portal-api';
import { writeFileAtomic } from '../storage/atomic-file';
import { createKioskTempFolder, wipeKioskFolder } from '../kiosk/temp-folders';

type Account = SessionResponse['account'];

/** What an open session gives the rest of main: the account, its folder and its cache. */
export interface OpenAccount {
  account: Account;
  folder: string;
  cache: CacheDatabase;
}

export interface SessionHooks {
  /** Called once the account's cache is open (after sign-in or restore). */
  opened(open: OpenAccount): void;
  /** Called before the cache closes (sign-out, expiry, switch). */
  closing(open: OpenAccount): void;
  /** Pending outbox items of the open account (sign-out warns when > 0). */
  pendingCount(open: OpenAccount): number;
  /** The session ended because the server refused it. */
  expired(): void;
}

export interface SessionServiceOptions {
  api: PortalApi;
  userDataDir: string;
  migrationsFolder: string;
  secrets: SecretStore;
  /** Kiosk: in-memory cache, no refresh token kept, nothing of the session on disk. */
  kiosk: boolean;
  /** Kiosk: name prefix of the session's temporary folder (tests give each run its own). */
  kioskTempPrefix?: string;
  nativeBinding?: string;
  now: () => Date;
}

const storedSessionSchema = z.object({
  refreshToken: z.string().min(1),
  account: sessionResponseSchema.shape.account,
});
const lastSessionSchema = z.object({ accountId: z.string().min(1) });
const SESSION_FILE = 'session.bin';
/** Refresh this long before the access token's announced expiry. */
const EXPIRY_MARGIN_MS = 30_000;

export function createSessionService(options: SessionServiceOptions) {
  const { api, userDataDir, secrets } = options;
  const now = options.now;
  const persist = !options.kiosk && secrets.isAvailable();
  const lastSessionFile = join(userDataDir, 'last-session.json');
  const noHooks: SessionHooks = { opened: () => undefined, closing: () => undefined, pendingCount: () => 0, expired: () => undefined };
  let hooks = noHooks;

  let open: OpenAccount | null = null;
  let accessToken: string | null = null;
  let accessTokenExpiresAt = 0;
  let refreshToken: string | null = null;
  let refreshing: Promise<void> | null = null;
  let endReason: 'expired' | 'signedOut' | undefined;

  function state(): SessionState {
    if (!open) return endReason ? { state: 'signedOut', reason: endReason } : { state: 'signedOut' };
    return { state: 'signedIn', user: { email: open.account.email, displayName: open.account.displayName } };
  }

  /** A stable id for this installation (kiosk: one per tenant session), refresh tokens are bound to it. */
  let kioskDeviceId: string | null = null;
  function deviceId(): string {
    if (options.kiosk) return (kioskDeviceId ??= randomUUID());
    const file = join(userDataDir, 'device.json');
    const stored = z.object({ id: z.uuid() }).safeParse(readJsonFile(file));
    if (stored.success) return stored.data.id;
    const id = randomUUID();
    writeJsonFileAtomic(file, { id });
    return id;
  }

  function openAccount(account: Account): OpenAccount {
    const folder = options.kiosk ? createKioskTempFolder(options.kioskTempPrefix) : ensureAccountFolder(userDataDir, account.id);
    const cache = openCacheDatabase({
      file: options.kiosk ? ':memory:' : join(folder, 'cache.sqlite'),
      migrationsFolder: options.migrationsFolder,
      nativeBinding: options.nativeBinding,
    });
    // Kiosk: SQLite's own temporary files (large sorts) stay in memory too.
    if (options.kiosk) cache.sqlite.pragma('temp_store = MEMORY');
    const opened = { account, folder, cache };
    open = opened;
    endReason = undefined;
    return opened;
  }

  function closeOpen(): OpenAccount | null {
    const closing = open;
    if (!closing) return null;
    hooks.closing(closing);
    open = null;
    accessToken = null;
    accessTokenExpiresAt = 0;
    refreshToken = null;
    closing.cache.close();
    if (options.kiosk) {
      wipeKioskFolder(closing.folder);
      // The next tenant is another device for the server.
      kioskDeviceId = null;
    }
    return closing;
  }

  function keepTokens(answer: SessionResponse) {
    accessToken = answer.accessToken;
    accessTokenExpiresAt = Date.parse(answer.accessTokenExpiresAt);
    refreshToken = answer.refreshToken;
    if (persist && open) {
      const sealed = secrets.encrypt(JSON.stringify({ refreshToken: answer.refreshToken, account: answer.account }));
      writeFileAtomic(join(open.folder, SESSION_FILE), sealed);
      writeJsonFileAtomic(lastSessionFile, { accountId: answer.account.id });
    }
  }

  async function signIn(input: SignInInput): Promise<SessionState> {
    const answer = await api.request(apiPath('signIn'), {
      body: {
        email: input.email,
        password: input.password,
        device: { id: deviceId(), name: hostname().slice(0, 100) || 'PC' },
      } satisfies SignInBody,
      response: sessionResponseSchema,
    });
    if (open) closeOpen();
    const opened = openAccount(answer.account);
    keepTokens(answer);
    // Only now: the hooks start the sync, which needs the tokens.
    hooks.opened(opened);
    return state();
  }

  /**
   * "Inscrivez-vous !": the server matches the tenant record, creates the account and answers
   * with a session, which is opened at once (no need to type the new password again).
   */
  async function signUp(input: SignUpInput): Promise<void> {
    const answer = await api.request(apiPath('signUp'), {
      body: {
        tenantReference: input.tenantReference,
        lastName: input.lastName,
        firstName: input.firstName,
        birthDate: input.birthDate,
        email: input.email,
        password: input.password,
        acceptCgu: input.acceptCgu,
        acceptPrivacy: input.acceptPrivacy,
        paperless: input.paperless,
        device: { id: deviceId(), name: hostname().slice(0, 100) || 'PC' },
      } satisfies SignUpBody & { device: SignInBody['device'] },
      response: sessionResponseSchema,
    });
    if (open) closeOpen();
    const opened = openAccount(answer.account);
    keepTokens(answer);
    hooks.opened(opened);
  }

  /**
   * Restores the last session at start from the encrypted refresh token, without a network
   * call: the cache answers at once, the token is refreshed on the first authorized call.
   */
  function restore(): SessionState {
    if (!persist || open) return state();
    const last = lastSessionSchema.safeParse(readJsonFile(lastSessionFile));
    if (!last.success) return state();
    const file = join(accountFolderPath(userDataDir, last.data.accountId), SESSION_FILE);
    if (!existsSync(file)) return state();
    try {
      const stored = storedSessionSchema.parse(JSON.parse(secrets.decrypt(readFileSync(file))));
      const opened = openAccount(stored.account);
      refreshToken = stored.refreshToken;
      // Only now: the hooks start the sync, which needs the refresh token.
      hooks.opened(opened);
    } catch (error) {
      // Unreadable (OS keychain changed, corrupt file): forget it; the tenant signs in again.
      console.warn('session: stored session unreadable; signing in again is needed', error);
      rmSync(file, { force: true });
    }
    return state();
  }

  async function refresh(): Promise<void> {
    if (!refreshToken) throw new PortalError('UNAUTHENTICATED');
    const used = refreshToken;
    try {
      const answer = await api.request(apiPath('refresh'), {
        body: { refreshToken: used, deviceId: deviceId() } satisfies RefreshBody,
        response: sessionResponseSchema,
      });
      if (refreshToken === used) keepTokens(answer);
    } catch (error) {
      if (error instanceof PortalError && (error.code === 'UNAUTHENTICATED' || error.code === 'INVALID_CREDENTIALS')) {
        expire();
        throw new PortalError('UNAUTHENTICATED', { cause: error });
      }
      throw error;
    }
  }

  function refreshOnce(): Promise<void> {
    refreshing ??= refresh().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  /** The server no longer accepts this session: close it (the cache stays for the next sign-in). */
  function expire() {
    const ended = closeOpen();
    if (ended && persist) {
      rmSync(join(ended.folder, SESSION_FILE), { force: true });
      rmSync(lastSessionFile, { force: true });
    }
    endReason = 'expired';
    hooks.expired();
  }

  /** Runs `call` with a valid access token; refreshes and retries once on a 401. */
  async function authorized<T>(call: (token: string) => Promise<T>): Promise<T> {
    if (!open) throw new PortalError('UNAUTHENTICATED');
    if (!accessToken || now().getTime() > accessTokenExpiresAt - EXPIRY_MARGIN_MS) await refreshOnce();
    try {
      return await call(accessToken!);
    } catch (error) {
      if (!(error instanceof PortalError) || error.code !== 'UNAUTHENTICATED') throw error;
      await refreshOnce();
      return call(accessToken!);
    }
  }

  async function signOut({ discardUnsent }: { discardUnsent: boolean }): Promise<SessionState> {
    if (open && !discardUnsent && hooks.pendingCount(open) > 0) throw new PortalError('UNSENT_ITEMS');
    const token = accessToken;
    const ended = closeOpen();
    if (ended) {
      if (token) {
        // Revoke on the server when it can be reached; the local wipe happens regardless.
        await api
          .request(apiPath('signOut'), { method: 'POST', body: {}, accessToken: token, response: z.unknown() })
          .catch(() => undefined);
      }
      wipeAccountFolder(userDataDir, ended.account.id);
      rmSync(lastSessionFile, { force: true });
    }
    endReason = 'signedOut';
    return state();
  }

  function current(): OpenAccount | null {
    return open;
  }

  /** For services that need the open account; UNAUTHENTICATED when nobody is signed in. */
  function requireOpen(): OpenAccount {
    if (!open) throw new PortalError('UNAUTHENTICATED');
    return open;
  }

  return {
    state,
    signIn,
    signUp,
    restore,
    signOut,
    authorized,
    current,
    requireOpen,
    setHooks(next: SessionHooks) {
      hooks = next;
    },
    /** Closes without wiping (app quit). */
    dispose() {
      closeOpen();
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
