/**
 * The tenant's session in the main process: signs in through the Portal API, keeps the access
 * token in memory only (never handed to the renderer), opens that account's own cache folder,
 * and on sign-out closes and wipes it.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { z } from 'zod';
import type { SessionState, SignInInput } from '../../src-shared/bridge';
import { PortalError } from '../../src-shared/errors';
import { ensureAccountFolder, wipeAccountFolder } from '../storage/account-folders';
import { openCacheDatabase, type CacheDatabase } from '../storage/cache-database';
import { readJsonFile, writeJsonFileAtomic } from '../storage/json-file';
import { sessionResponseSchema, type SessionResponse, type SignInBody } from '../../src-shared/api/auth';
import type { PortalApi } from './portal-api';


interface OpenSession {
  account: SessionResponse['account'];
  accessToken: string;
  refreshToken: string;
  cache: CacheDatabase;
}

export interface SessionServiceOptions {
  api: PortalApi;
  userDataDir: string;
  migrationsFolder: string;
  /** Kiosk: the cache lives in memory and nothing of the session touches the disk. */
  inMemoryCache: boolean;
  nativeBinding?: string;
}

/** A stable id for this installation, so the server binds refresh tokens to a device. */
function deviceId(userDataDir: string): string {
  const file = join(userDataDir, 'device.json');
  const stored = z.object({ id: z.uuid() }).safeParse(readJsonFile(file));
  if (stored.success) return stored.data.id;
  const id = randomUUID();
  writeJsonFileAtomic(file, { id });
  return id;
}

export function createSessionService(options: SessionServiceOptions) {
  const { api, userDataDir } = options;
  let current: OpenSession | null = null;
  let lastEndReason: 'expired' | 'signedOut' | undefined;

  function state(): SessionState {
    if (!current) return lastEndReason ? { state: 'signedOut', reason: lastEndReason } : { state: 'signedOut' };
    return { state: 'signedIn', user: { email: current.account.email, displayName: current.account.displayName } };
  }

  async function signIn(input: SignInInput): Promise<SessionState> {
    const answer = await api.request('/v1/auth/sign-in', {
      body: {
        email: input.email,
        password: input.password,
        device: { id: deviceId(userDataDir), name: hostname().slice(0, 100) || 'PC' },
      } satisfies SignInBody,
      response: sessionResponseSchema,
    });
    if (current) closeCurrent();
    const folder = ensureAccountFolder(userDataDir, answer.account.id);
    const cache = openCacheDatabase({
      file: options.inMemoryCache ? ':memory:' : join(folder, 'cache.sqlite'),
      migrationsFolder: options.migrationsFolder,
      nativeBinding: options.nativeBinding,
    });
    current = { account: answer.account, accessToken: answer.accessToken, refreshToken: answer.refreshToken, cache };
    lastEndReason = undefined;
    return state();
  }

  function closeCurrent(): OpenSession | null {
    const ended = current;
    current = null;
    ended?.cache.close();
    return ended;
  }

  async function signOut(): Promise<SessionState> {
    const ended = closeCurrent();
    if (ended) {
      // Revoke on the server when it can be reached; the local wipe happens regardless.
      await api
        .request('/v1/auth/sign-out', { method: 'POST', body: {}, accessToken: ended.accessToken, response: z.unknown() })
        .catch(() => undefined);
      wipeAccountFolder(userDataDir, ended.account.id);
    }
    lastEndReason = 'signedOut';
    return state();
  }

  /** For services that need the open account; UNAUTHENTICATED when nobody is signed in. */
  function requireSession(): OpenSession {
    if (!current) throw new PortalError('UNAUTHENTICATED');
    return current;
  }

  function dispose() {
    closeCurrent();
  }

  return { state, signIn, signOut, requireSession, dispose };
}

export type SessionService = ReturnType<typeof createSessionService>;
