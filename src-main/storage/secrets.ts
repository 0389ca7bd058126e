/**
 * Secrets at rest (the refresh token). The interface is implemented twice:
 * - in Electron by src-main/app/safe-storage.ts, over the OS keychain (safeStorage);
 * - in the browser preview by a key file, below (development and tests only).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface SecretStore {
  /** False where the OS offers no protection (then secrets are not persisted at all). */
  isAvailable(): boolean;
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}

/** AES-256-GCM with a random key kept in a 0600 file: the preview's stand-in for safeStorage. */
export function createKeyFileSecretStore(keyFile: string): SecretStore {
  function key(): Buffer {
    if (!existsSync(keyFile)) {
      mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
      writeFileSync(keyFile, randomBytes(32), { mode: 0o600, flag: 'wx' });
    }
    return readFileSync(keyFile);
  }
  return {
    isAvailable: () => true,
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key(), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key(), sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/** Kiosk sessions and tests: nothing is ever written. */
export const memoryOnlySecretStore: SecretStore = {
  isAvailable: () => false,
  encrypt: () => {
    throw new Error('secrets are not persisted in this mode');
  },
  decrypt: () => {
    throw new Error('secrets are not persisted in this mode');
  },
};
