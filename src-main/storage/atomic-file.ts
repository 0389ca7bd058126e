/**
 * Files written atomically: a temporary file in the same folder, fsynced, then renamed over the
 * target. A crash or power loss leaves the old file or the new one, never half of one.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';

/** A unique name, not a timestamp: two writes in the same millisecond must not share it. */
const temporaryName = (file: string) => `${file}.${process.pid}.${randomUUID()}.tmp`;

export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = temporaryName(file);
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

/**
 * The same, without holding the event loop while the disk syncs (issue 17: the landlord's
 * settings are written during the first sync, whose pages arrive meanwhile).
 */
export async function writeFileAtomicAsync(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = temporaryName(file);
  try {
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
