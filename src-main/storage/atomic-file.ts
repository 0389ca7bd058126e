/**
 * Files written atomically: a temporary file in the same folder, fsynced, then renamed over the
 * target. A crash or power loss leaves the old file or the new one, never half of one.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
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
