/**
 * A kiosk tenant session keeps its documents and staged attachments in a temporary folder of its
 * own (0700, random name), wiped at the end of the session. A crash or a power cut skips that
 * wipe, so every start of the kiosk first removes what a previous run left under the same prefix.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const KIOSK_TEMP_PREFIX = 'espace-locataire-kiosk-';

export function createKioskTempFolder(prefix = KIOSK_TEMP_PREFIX, parent = tmpdir()): string {
  // mkdtemp creates the folder 0700: other OS users of the PC cannot list it.
  return mkdtempSync(join(parent, prefix));
}

export function wipeKioskFolder(folder: string): void {
  rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
}

/** Removes every leftover session folder; returns how many there were. */
export function wipeKioskLeftovers(prefix = KIOSK_TEMP_PREFIX, parent = tmpdir()): number {
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return 0;
  }
  let wiped = 0;
  for (const name of entries) {
    if (!name.startsWith(prefix)) continue;
    try {
      wipeKioskFolder(join(parent, name));
      wiped += 1;
    } catch (error) {
      console.warn(`kiosk: could not wipe a leftover session folder ${name}`, error);
    }
  }
  return wiped;
}
