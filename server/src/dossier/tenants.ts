/** Creating tenants with their dossier, contracts and occupants (admin, demo, generator). */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { contracts, dossiers, occupants, tenants } from '../db/schema';
import type { DataCipher } from '../crypto/data-key';
import { withTenantWrite } from '../sync/versions';
import { insertBankAccount, type BankDetailsInput } from '../balance/bank';

export interface NewTenant {
  id?: string;
  reference: string;
  civility: string;
  lastName: string;
  firstName: string;
  birthDate: string;
  contactEmail?: string | null;
  phoneHome?: string | null;
  phoneMobile?: string | null;
  phoneWork?: string | null;
  cafNumber?: string | null;
  dossier: { id?: string; number: string; addressLine: string; postalCode: string; city: string; directDebitDay?: number | null; residenceId?: string | null };
  contracts: { kind: 'logement' | 'stationnement' | 'facturation'; label: string; startDate: string; addressLine?: string }[];
  occupants: { civility: string; lastName: string; firstName: string; birthDate: string; relationship: string; signatory: boolean }[];
  bank?: BankDetailsInput;
}

export interface CreatedTenant {
  tenantId: string;
  dossierId: string;
}

export async function createTenant(db: Db, cipher: DataCipher, now: Date, input: NewTenant): Promise<CreatedTenant> {
  const tenantId = input.id ?? randomUUID();
  const dossierId = input.dossier.id ?? randomUUID();
  await db.insert(tenants).values({
    id: tenantId,
    reference: input.reference,
    civility: input.civility,
    lastName: input.lastName.toUpperCase(),
    firstName: input.firstName.toUpperCase(),
    birthDate: input.birthDate,
    contactEmail: input.contactEmail ?? null,
    phoneHome: input.phoneHome ?? null,
    phoneMobile: input.phoneMobile ?? null,
    phoneWork: input.phoneWork ?? null,
    cafNumber: input.cafNumber ?? null,
    createdAt: now,
    updatedAt: now,
  });
  await withTenantWrite(db, tenantId, async (tx, version) => {
    await tx.update(tenants).set({ version }).where(sql`${tenants.id} = ${tenantId}`);
    const d = input.dossier;
    await tx.insert(dossiers).values({
      id: dossierId,
      tenantId,
      version,
      updatedAt: now,
      number: d.number,
      addressLine: d.addressLine,
      postalCode: d.postalCode,
      city: d.city,
      directDebitDay: d.directDebitDay ?? null,
      residenceId: d.residenceId ?? null,
    });
    if (input.contracts.length > 0) {
      await tx.insert(contracts).values(
        input.contracts.map((c) => ({
          id: randomUUID(),
          tenantId,
          dossierId,
          version,
          updatedAt: now,
          kind: c.kind,
          label: c.label,
          addressLine: c.addressLine ?? d.addressLine,
          postalCode: d.postalCode,
          city: d.city,
          startDate: c.startDate,
        })),
      );
    }
    if (input.occupants.length > 0) {
      await tx.insert(occupants).values(input.occupants.map((o) => ({ id: randomUUID(), tenantId, dossierId, version, updatedAt: now, ...o })));
    }
    if (input.bank) await insertBankAccount(tx, cipher, version, now, tenantId, dossierId, input.bank);
  });
  return { tenantId, dossierId };
}
