/**
 * What the document publisher needs from the server: the database, the bank-data cipher (masked
 * IBAN on the SEPA pre-notification), a clock, the mailer (paperless notices), the landlord's
 * white-label settings (mail branding, letterhead) and its postal identity (letterhead address).
 * The admin CLI, the admin API, the payment flow and the demo build it the same way.
 */
import type { Landlord } from '../../../src-shared/api/landlord';
import type { DataCipher } from '../crypto/data-key';
import type { Db } from '../db/client';
import type { Mailer } from '../mail/mailer';
import { documentLandlordFromSettings, type LandlordIdentity } from './landlord';
import type { DocumentRendering } from './render-pool';
import type { DocumentLandlord } from './types';

export interface DocumentDeps {
  db: Db;
  cipher: DataCipher;
  clock: () => Date;
  mailer: Mailer;
  landlord: {
    /** White-label settings (GET /v1/landlord). */
    settings(): Promise<Landlord>;
    /** Postal address, SIRET, logo: what the settings do not hold. */
    identity: LandlordIdentity;
  };
  /** Where failures that must not stop a batch are reported (default: nowhere). */
  log?: (message: string, extra?: object) => void;
  /** How publishing and settlement render: a render pool (render-pool.ts) for a month's run or a payment file; default, one at a time in this process. */
  rendering?: DocumentRendering;
}

/** A fictional letterhead address, for the demo and the tests only. */
export const SANDBOX_LANDLORD_IDENTITY: LandlordIdentity = { address: { addressLine: '1 place de la Démonstration', postalCode: '78000', city: 'VERSAILLES' } };

/** LANDLORD_ADDRESS_LINE, LANDLORD_POSTAL_CODE, LANDLORD_CITY (and LANDLORD_SIRET); null when not all set. */
export function landlordIdentityFromEnv(env: NodeJS.ProcessEnv): LandlordIdentity | null {
  const { LANDLORD_ADDRESS_LINE: addressLine, LANDLORD_POSTAL_CODE: postalCode, LANDLORD_CITY: city } = env;
  if (!addressLine || !postalCode || !city) return null;
  return { address: { addressLine, postalCode, city }, ...(env.LANDLORD_SIRET ? { siret: env.LANDLORD_SIRET } : {}) };
}

/** A mailer that sends nothing (callers that never mail, e.g. settlement documents only). */
export const NO_MAIL: Mailer = { send: async () => {}, close: () => {} };

export async function documentLandlord(deps: Pick<DocumentDeps, 'landlord'>): Promise<{ settings: Landlord; letterhead: DocumentLandlord }> {
  const settings = await deps.landlord.settings();
  return { settings, letterhead: documentLandlordFromSettings(settings, deps.landlord.identity) };
}
