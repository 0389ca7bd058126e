/**
 * The landlord's settings as main keeps them: fetched, kept in the user-data folder for offline
 * starts, and written only when they changed (issue 17: the write happens during the first sync).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_LANDLORD } from '../../../server/src/demo/landlord';
import type { Landlord } from '../../../src-shared/api/landlord';
import { createLandlordService } from '../../../src-main/services/landlord';
import { PortalApi } from '../../../src-main/services/portal-api';
import { projectRoot, temporaryFolder } from '../../helpers/core';

// The demo's landlord ("for the demo and the tests"), as a server would answer it.
const settings: Landlord = DEMO_LANDLORD;

/** A server answering `answer()` to GET /v1/landlord, or unreachable when it returns null. */
function apiAnswering(answer: () => Landlord | null) {
  const fetch = (async () => {
    const body = answer();
    if (!body) throw new TypeError('fetch failed');
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof globalThis.fetch;
  return new PortalApi({ baseUrl: 'http://127.0.0.1:9', fetch });
}

const folders: ReturnType<typeof temporaryFolder>[] = [];
function userData() {
  const folder = temporaryFolder();
  folders.push(folder);
  return folder.path;
}
afterEach(() => {
  for (const folder of folders.splice(0)) folder.remove();
});
const resourcesDir = join(projectRoot, 'resources');

describe('landlord settings in main', () => {
  it('keeps the fetched settings for the next start, offline too', async () => {
    const userDataDir = userData();
    const first = createLandlordService({ resourcesDir, userDataDir });
    expect(await first.refresh(apiAnswering(() => settings))).toBe(true);
    expect(first.branding().name).toBe(DEMO_LANDLORD.name);

    const nextStart = createLandlordService({ resourcesDir, userDataDir });
    expect(await nextStart.refresh(apiAnswering(() => null))).toBe(false);
    expect(nextStart.branding().name).toBe(DEMO_LANDLORD.name);
    expect(nextStart.settings()?.contacts.caretaker.phone).toBe(DEMO_LANDLORD.contacts.caretaker.phone);
  });

  it('rewrites the file only when the settings changed', async () => {
    const userDataDir = userData();
    const file = join(userDataDir, 'landlord.json');
    let current = settings;
    const api = apiAnswering(() => current);
    const service = createLandlordService({ resourcesDir, userDataDir });
    await service.refresh(api);
    const written = statSync(file).ino;

    // The same answer (every start): the file stays the one written (an atomic rewrite is a new inode).
    expect(await createLandlordService({ resourcesDir, userDataDir }).refresh(api)).toBe(false);
    expect(statSync(file).ino).toBe(written);

    current = { ...settings, name: 'Bailleur Renommé' };
    expect(await service.refresh(api)).toBe(true);
    expect(statSync(file).ino).not.toBe(written);
    expect(createLandlordService({ resourcesDir, userDataDir }).branding().name).toBe('Bailleur Renommé');
  });
});
