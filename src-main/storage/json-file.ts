/** Small JSON files (settings, pointers), read leniently and written atomically. */
import { readFileSync } from 'node:fs';
import { writeFileAtomic, writeFileAtomicAsync } from './atomic-file';

export function readJsonFile(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    if (error instanceof SyntaxError) return undefined; // a corrupt file is treated as absent
    throw error;
  }
}

export function writeJsonFileAtomic(file: string, value: unknown): void {
  writeFileAtomic(file, JSON.stringify(value, null, 2));
}

export function writeJsonFileAtomicAsync(file: string, value: unknown): Promise<void> {
  return writeFileAtomicAsync(file, JSON.stringify(value, null, 2));
}
