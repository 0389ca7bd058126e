import { createHash, randomBytes } from 'node:crypto';

/** An opaque token for a client (256 bits, base64url). Only its SHA-256 is stored. */
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
