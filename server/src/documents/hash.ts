import { createHash } from 'node:crypto';

/** Lower-case hex SHA-256, the form documentDataSchema.sha256 and /v1/blobs/{sha256} use. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
