/**
 * Files written atomically: a temporary file in the same folder, fsynced, then renamed over the
 * target. A crash or power loss leaves the old file or the new one, never half of one.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';

export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  // A unique name, not a timestamp: two writes in the same millisecond must not share it.
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
  try {
    const fd = openSync(temporary, 'w', 0o600);
    try {
      if (typeof data === 'string') writeSync(fd, data);
      else writeSync(fd, data, 0, data.length);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
