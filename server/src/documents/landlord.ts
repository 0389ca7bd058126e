/**
 * From the white-label settings (GET /v1/landlord, src-shared/api/landlord.ts) to the letterhead of
 * the documents. The settings have no postal address, SIRET or logo bytes (the portal shows an
 * SVG logo by URL; PDFs need PNG or JPEG bytes), so the caller adds them.
 */
import type { Landlord } from '../../../src-shared/api/landlord';
import type { DocumentLandlord, PostalAddress } from './types';

export interface LandlordIdentity {
  address: PostalAddress;
  siret?: string;
  /** PNG or JPEG bytes. */
  logo?: Uint8Array;
  website?: string;
}

/**
 * Contact printed on the documents: the "quittancement" service (the one that answers questions
 * about notices and receipts, as the seed's contact page lists it), else the first service with an
 * email or phone.
 */
export function documentLandlordFromSettings(settings: Landlord, identity: LandlordIdentity): DocumentLandlord {
  const services = settings.contacts.services;
  const contact = services.find((service) => service.id === 'quittancement') ?? services.find((service) => service.email || service.phone);
  return {
    name: settings.name,
    primaryColor: settings.colors.primary,
    tenantReferenceLabel: settings.tenantReference.label,
    ...(contact?.phone ? { phone: contact.phone } : {}),
    ...(contact?.email ? { email: contact.email } : {}),
    ...identity,
  };
}
