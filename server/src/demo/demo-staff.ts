/**
 * The demo's landlord side (issue 19): three residences with their caretakers, the demo tenant's
 * dossier in the first, and one activated staff account per role for the preview.
 *
 * DEMO ONLY. These accounts share a published password and a FIXED, PUBLISHED TOTP secret, so
 * anyone can sign in with them: they are created by `--demo` alone (loadDemoData), never by a
 * real deployment, and docs/STAFF.md says so. A real landlord's accounts get a fresh secret each
 * at activation.
 */
import { eq } from 'drizzle-orm';
import type { StaffRole } from '../../../src-shared/api/staff';
import type { Db } from '../db/client';
import type { DataCipher } from '../crypto/data-key';
import type { PasswordHasher } from '../auth/passwords';
import { dossiers, residences, staffAccounts, staffResidences } from '../db/schema';

/** Published on purpose (docs/STAFF.md): the demo's staff sign in with it. */
export const DEMO_STAFF_PASSWORD = 'Demo-Personnel-2026!';
/** DEMO ONLY: the TOTP secret of every demo staff account (base32), to add to an authenticator app or to compute codes in tests. */
export const DEMO_STAFF_TOTP_SECRET = 'KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD';

export const DEMO_RESIDENCES = [
  {
    id: '5e0d3a6c-0000-4000-8000-0000000000a1',
    code: 'RES-LILAS',
    name: 'Résidence Les Lilas',
    addressLine: '12 RUE DE LA PAROISSE',
    postalCode: '78000',
    city: 'VERSAILLES',
    caretakerName: 'M. Petit',
    caretakerPhone: '06.01.02.03.04',
    caretakerHours: 'du lundi au jeudi 8H-12H 13H-18H, le vendredi 8H-12H 13H-17H',
    lodgeAddress: 'Loge du gardien, bâtiment A, rez-de-chaussée',
    onCallPhone: '04.72.83.41.53',
    onCallHours: 'du lundi au jeudi de 18h à 8h, le vendredi à partir de 17h, les week-ends et jours fériés',
  },
  {
    id: '5e0d3a6c-0000-4000-8000-0000000000a2',
    code: 'RES-TILLEULS',
    name: 'Résidence Les Tilleuls',
    addressLine: '4 AVENUE DE PARIS',
    postalCode: '78000',
    city: 'VERSAILLES',
    caretakerName: 'Mme Garnier',
    caretakerPhone: '06.05.06.07.08',
    caretakerHours: 'du lundi au vendredi 8H-12H 14H-17H',
    lodgeAddress: 'Loge, 4 avenue de Paris, escalier B',
    onCallPhone: '04.72.83.41.53',
    onCallHours: 'en dehors des heures de loge',
  },
  {
    id: '5e0d3a6c-0000-4000-8000-0000000000a3',
    code: 'RES-CHANTIERS',
    name: 'Résidence des Chantiers',
    addressLine: '30 RUE DES CHANTIERS',
    postalCode: '78000',
    city: 'VERSAILLES',
    caretakerName: 'M. Diallo',
    caretakerPhone: '06.09.10.11.12',
    caretakerHours: 'du lundi au vendredi 9H-12H 13H30-17H30',
    lodgeAddress: 'Loge, 30 rue des Chantiers, hall 1',
    onCallPhone: '04.72.83.41.53',
    onCallHours: 'en dehors des heures de loge',
  },
] as const;

export const DEMO_STAFF: readonly { id: string; email: string; displayName: string; role: StaffRole; residenceIds: readonly string[] }[] = [
  { id: '5e0d3a6c-0000-4000-8000-0000000000b1', email: 'gardien.lilas@example.org', displayName: 'M. Petit', role: 'caretaker', residenceIds: [DEMO_RESIDENCES[0].id] },
  { id: '5e0d3a6c-0000-4000-8000-0000000000b2', email: 'gardienne.tilleuls@example.org', displayName: 'Mme Garnier', role: 'caretaker', residenceIds: [DEMO_RESIDENCES[1].id] },
  { id: '5e0d3a6c-0000-4000-8000-0000000000b3', email: 'gardien.chantiers@example.org', displayName: 'M. Diallo', role: 'caretaker', residenceIds: [DEMO_RESIDENCES[2].id] },
  { id: '5e0d3a6c-0000-4000-8000-0000000000b4', email: 'conseillere@example.org', displayName: 'Mme Lambert', role: 'adviser', residenceIds: [] },
  { id: '5e0d3a6c-0000-4000-8000-0000000000b5', email: 'comptable@example.org', displayName: 'M. Caron', role: 'accounting', residenceIds: [] },
  { id: '5e0d3a6c-0000-4000-8000-0000000000b6', email: 'admin@example.org', displayName: 'Mme Roussel', role: 'administrator', residenceIds: [] },
];

/** Writes the residences and staff accounts, and puts `demoDossierId` in the first residence. */
export async function loadDemoStaff(deps: { db: Db; cipher: DataCipher; hasher: PasswordHasher; now: Date }, demoDossierId: string): Promise<void> {
  const passwordHash = await deps.hasher.hash(DEMO_STAFF_PASSWORD);
  const now = deps.now;
  await deps.db.transaction(async (tx) => {
    await tx.insert(residences).values(DEMO_RESIDENCES.map((r) => ({ ...r, createdAt: now, updatedAt: now })));
    for (const s of DEMO_STAFF) {
      await tx.insert(staffAccounts).values({
        id: s.id, email: s.email, displayName: s.displayName, role: s.role, passwordHash,
        totpSecretEncrypted: deps.cipher.encrypt(DEMO_STAFF_TOTP_SECRET), activatedAt: now, createdAt: now, updatedAt: now,
      });
      if (s.residenceIds.length) await tx.insert(staffResidences).values(s.residenceIds.map((residenceId) => ({ staffId: s.id, residenceId })));
    }
    await tx.update(dossiers).set({ residenceId: DEMO_RESIDENCES[0].id }).where(eq(dossiers.id, demoDossierId));
  });
}

