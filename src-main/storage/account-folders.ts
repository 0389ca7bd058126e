/**
 * One folder per signed-in account under the user-data folder: its cache database, its
 * documents and its encrypted refresh token. Sign-out wipes the folder whole, so nothing of
 * one tenant is left for the next (the RGPD rule for a shared PC).
 *
 * The folder name is a hash of the account id, so listing the folder does not reveal who
 * used this PC.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export function accountFolderPath(userDataDir: string, accountId: string): string {
  const name = createHash('sha256').update(`account:${accountId}`).digest('hex').slice(0, 32);
  return join(userDataDir, 'accounts', name);
}

export function ensureAccountFolder(userDataDir: string, accountId: string): string {
  const folder = accountFolderPath(userDataDir, accountId);
  // 0o700: other OS users of the PC cannot read a tenant's cache.
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  return folder;
}

export function wipeAccountFolder(userDataDir: string, accountId: string): void {
  rmSync(accountFolderPath(userDataDir, accountId), { recursive: true, force: true, maxRetries: 3 });
}
