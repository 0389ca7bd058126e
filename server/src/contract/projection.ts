/** Mon contrat in the sync feed: the contracts and the occupants of each dossier. */
import * as t from '../db/schema';
import { projection } from '../sync/projection';

export const contractProjection = projection(t.contracts, (r) => ({ dossierId: r.dossierId, kind: r.kind, label: r.label, addressLine: r.addressLine, postalCode: r.postalCode, city: r.city, startDate: r.startDate }));

export const occupantProjection = projection(t.occupants, (r) => ({ dossierId: r.dossierId, civility: r.civility, lastName: r.lastName, firstName: r.firstName, birthDate: r.birthDate, relationship: r.relationship, signatory: r.signatory }));
