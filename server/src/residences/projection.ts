/**
 * The tenant's residence contact in the sync feed (issue 19): one `residence` row per dossier
 * that belongs to a residence, id = the dossier's id, version = the dossier's. A residence is
 * shared by many tenants while the feed is per tenant, so the row rides on the dossier: a
 * dossier moved to another residence (or out of one) is a dossier write and re-sends it, and
 * `resyncResidence` re-sends it to every tenant of a residence whose texts staff changed.
 */
import { eq, getTableName } from 'drizzle-orm';
import type { Tx } from '../db/client';
import * as t from '../db/schema';
import { projection } from '../sync/projection';
import { bumpTenantVersions } from '../sync/versions';

/** The landlord leaves on-call fields empty when the landlord's own number applies. */
const orNull = (text: string) => (text.trim() === '' ? null : text);

export const residenceProjection = {
  ...projection(t.residences, (r) => ({
    // The feed's branch below puts the dossier's id in `id` (see `branch`).
    dossierId: r.id,
    name: r.name,
    caretakerName: orNull(r.caretakerName),
    caretakerPhone: orNull(r.caretakerPhone),
    caretakerHours: orNull(r.caretakerHours),
    lodgeAddress: orNull(r.lodgeAddress),
    onCallPhone: orNull(r.onCallPhone),
    onCallHours: orNull(r.onCallHours),
  })),
  /**
   * The feed's rows for one tenant: their dossiers joined to their residence. A dossier without
   * one (or deleted) is a tombstone, so a tenant taken out of a residence loses the row. The
   * residence's JSON carries the dossier's id as `id`, which the mapper reads as `dossierId`.
   */
  // Fixed text, $1 the tenant: the feed's page query is written once and prepared (sync/feed.ts).
  branch: `select 'residence'::text as entity, d.id::text as id, d.version, (d.deleted or r.id is null) as deleted,
          case when d.deleted or r.id is null then null else to_jsonb(r.*) || jsonb_build_object('id', d.id) end as row
        from "${getTableName(t.dossiers)}" d left join "${getTableName(t.residences)}" r on r.id = d.residence_id where d.tenant_id = $1`,
};

/**
 * After staff change a residence's texts: its dossiers get their tenants' next version, so every
 * tenant of the residence syncs the new contact. Call in the transaction that writes the residence.
 */
export async function resyncResidence(tx: Tx, residenceId: string, now: Date): Promise<number> {
  const dossiers = await tx.select({ id: t.dossiers.id, tenantId: t.dossiers.tenantId }).from(t.dossiers).where(eq(t.dossiers.residenceId, residenceId));
  const versions = await bumpTenantVersions(tx, dossiers.map((d) => d.tenantId));
  for (const dossier of dossiers) {
    await tx.update(t.dossiers).set({ version: versions.get(dossier.tenantId)!, updatedAt: now }).where(eq(t.dossiers.id, dossier.id));
  }
  return dossiers.length;
}
