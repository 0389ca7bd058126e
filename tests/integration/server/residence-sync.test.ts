/**
 * The tenant's residence contact in the sync feed (issue 19): one row per dossier of a residence,
 * riding on the dossier's version; a residence's texts changed by staff reach its tenants
 * (updateResidence calls resyncResidence); a dossier taken out of its residence sends a tombstone.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dossiers, residences } from '../../../server/src/db/schema';
import { updateResidence } from '../../../server/src/residences/service';
import { OFFICE_ACTOR } from '../../../server/src/staff/audit';
import { withTenantWrite } from '../../../server/src/sync/versions';
import { backends, pullAll, startServer, type TestServer } from './helpers';

describe.each(backends)('residence in the sync feed ($name)', (backend) => {
  let server: TestServer;
  let token: string;
  let tenantId: string;
  let dossierId: string;
  const residenceId = randomUUID();
  beforeAll(async () => {
    server = await startServer(backend);
    const session = await server.signIn();
    token = session.accessToken;
    tenantId = session.account.tenantId;
  });
  afterAll(() => server.close());

  const residencesOf = async (cursor?: string) => {
    const all = await pullAll(server, token, cursor, 1000);
    return { cursor: all.cursor, rows: all.changes.filter((change) => change.entity === 'residence') };
  };

  it("carries the residence's caretaker once the dossier belongs to it, and staff's changes reach the tenant", async () => {
    const db = server.handle.db;
    const before = await residencesOf();
    dossierId = (await db.select({ id: dossiers.id }).from(dossiers).where(eq(dossiers.tenantId, tenantId)))[0]!.id;
    const now = server.now();
    await db.insert(residences).values({
      id: residenceId,
      code: `TEST-${residenceId.slice(0, 8)}`,
      name: 'Résidence Les Tilleuls',
      addressLine: '8 rue Saint-Nicolas',
      postalCode: '78000',
      city: 'Versailles',
      caretakerName: 'M. Petit',
      caretakerPhone: '0601020304',
      caretakerHours: 'Du lundi au vendredi, 9 h - 12 h',
      lodgeAddress: 'Loge, bâtiment A',
      onCallPhone: '',
      onCallHours: '',
      createdAt: now,
      updatedAt: now,
    });
    await withTenantWrite(db, tenantId, (tx, version) => tx.update(dossiers).set({ residenceId, version, updatedAt: now }).where(eq(dossiers.id, dossierId!)));

    const after = await residencesOf(before.cursor);
    expect(after.rows).toEqual([
      expect.objectContaining({
        id: dossierId,
        deleted: false,
        data: {
          dossierId,
          name: 'Résidence Les Tilleuls',
          caretakerName: 'M. Petit',
          caretakerPhone: '0601020304',
          caretakerHours: 'Du lundi au vendredi, 9 h - 12 h',
          lodgeAddress: 'Loge, bâtiment A',
          // Empty on-call fields: the landlord's own number applies.
          onCallPhone: null,
          onCallHours: null,
        },
      }),
    ]);

    // Staff change the residence's caretaker (the staff route's function).
    const [stored] = await db.select().from(residences).where(eq(residences.id, residenceId));
    const { id: _id, createdAt: _created, updatedAt: _updated, ...texts } = stored!;
    await updateResidence({ db, now: server.now }, residenceId, { ...texts, caretakerName: 'Mme Leroy' }, OFFICE_ACTOR);
    const changed = await residencesOf(after.cursor);
    expect(changed.rows.map((row) => (row.data as { caretakerName: string }).caretakerName)).toEqual(['Mme Leroy']);

    await withTenantWrite(db, tenantId, (tx, version) => tx.update(dossiers).set({ residenceId: null, version, updatedAt: now }).where(eq(dossiers.id, dossierId!)));
    const out = await residencesOf(changed.cursor);
    expect(out.rows).toEqual([expect.objectContaining({ id: dossierId, deleted: true, data: null })]);
    // A full sync of a dossier without a residence has no row at all.
    expect((await residencesOf()).rows).toEqual([]);
  });
});
