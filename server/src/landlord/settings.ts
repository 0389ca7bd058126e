/**
 * The landlord's white-label settings (GET /v1/landlord, the mails' branding, the documents'
 * letterhead), stored in one row. This module is the one place that reads them and says what
 * stands in while none are stored.
 */
import { landlordSchema, type Landlord } from '../../../src-shared/api/landlord';
import type { Db } from '../db/client';
import { landlordSettings } from '../db/schema';

/**
 * What a server that was given no settings serves (neither LANDLORD_FILE nor `--demo`): a neutral
 * name and no service to write to, until staff set theirs (`admin set-landlord`, PUT
 * /v1/admin/landlord). Never the demo landlord: a real deployment must not show a fictional one.
 */
export const UNCONFIGURED_LANDLORD: Landlord = {
  name: 'Votre bailleur',
  portalTitle: 'Espace Locataire',
  colors: { primary: '#1f4e9c', onPrimary: '#ffffff', accent: '#1f4e9c', alert: '#b00020' },
  contacts: { caretaker: { label: 'Mon gardien', phone: '', hours: '' }, onCall: { phone: '', hours: '' }, services: [] },
  tenantReference: { label: 'Référence locataire', pattern: '^.+$', example: '0000000000' },
  legal: { cguVersion: '', privacyVersion: '' },
};

/** The stored settings, else UNCONFIGURED_LANDLORD. */
export async function readLandlordSettings(db: Db): Promise<Landlord> {
  const [row] = await db.select().from(landlordSettings);
  return landlordSchema.parse(row?.data ?? UNCONFIGURED_LANDLORD);
}

/** Writes `landlord` when the database holds no settings yet (a restart keeps what staff set). */
export async function seedLandlordSettings(db: Db, landlord: Landlord, now: Date): Promise<void> {
  await db.insert(landlordSettings).values({ id: 1, data: landlordSchema.parse(landlord), updatedAt: now }).onConflictDoNothing();
}
