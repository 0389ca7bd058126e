/**
 * Encryption at rest of personal bank data (AES-256-GCM). The key comes from PORTAL_DATA_KEY
 * (64 hex chars or base64 of 32 bytes); without it a dev key is generated once in the data
 * folder. Ciphertext format: `v1.<iv b64url>.<tag b64url>.<ciphertext b64url>`.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface DataCipher {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

export function parseDataKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error('PORTAL_DATA_KEY must be 32 bytes (64 hex characters or base64)');
  return key;
}

/** Reads the dev key file, creating it (mode 0600) when missing. */
export function loadOrCreateDevKey(path: string): Buffer {
  if (existsSync(path)) return parseDataKey(readFileSync(path, 'utf8'));
  mkdirSync(dirname(path), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(path, key.toString('hex') + '\n', { mode: 0o600 });
  return key;
}

export function createDataCipher(key: Buffer): DataCipher {
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    decrypt(sealed) {
      const [tag, iv, authTag, body] = sealed.split('.');
      if (tag !== 'v1' || !iv || !authTag || body === undefined) throw new Error('unknown ciphertext format');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(authTag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}
