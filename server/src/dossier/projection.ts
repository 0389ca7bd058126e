/** Mon dossier in the sync feed: the tenant's profile (identity, contact details, paperless) and their dossiers. */
import * as t from '../db/schema';
import { isoOrNull, projection } from '../sync/projection';

export const profileProjection = projection(
  t.tenants,
  (r) => ({
    reference: r.reference,
    civility: r.civility,
    lastName: r.lastName,
    firstName: r.firstName,
    birthDate: r.birthDate,
    email: r.contactEmail,
    phoneHome: r.phoneHome,
    phoneMobile: r.phoneMobile,
    phoneWork: r.phoneWork,
    cafNumber: r.cafNumber,
    paperless: r.paperless,
    paperlessSince: isoOrNull(r.paperlessSince),
  }),
  { tenantRow: true },
);

export const dossierProjection = projection(t.dossiers, (r) => ({ number: r.number, addressLine: r.addressLine, postalCode: r.postalCode, city: r.city, directDebitDay: r.directDebitDay, balanceCents: r.balanceCents }));
