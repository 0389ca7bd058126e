/**
 * "Nous contacter": the caretaker, on-call number and services. The caretaker and the on-call
 * arrangement are the tenant's residence's (the synced `residence` row, issue 19) where the
 * residence names them, each falling back to the landlord's settings; the services are the
 * landlord's.
 */
import type { ContactsView } from '../../src-shared/contact/bridge';
import type { ResidenceData } from '../../src-shared/contact/api';
import { PortalError } from '../../src-shared/errors';
import type { AccountData } from '../services/account-data';
import { rows } from '../services/account-data';
import type { LandlordService } from '../services/landlord';

/** The tenant's residence: the one of their first dossier (by number) that has one. */
export function residenceOf(data: AccountData | null): ResidenceData | null {
  if (!data) return null;
  const numbers = new Map(rows(data, 'dossier').map((row) => [row.id, row.data.number]));
  const residences = rows(data, 'residence')
    .map((row) => row.data)
    .sort((a, b) => (numbers.get(a.dossierId) ?? '').localeCompare(numbers.get(b.dossierId) ?? ''));
  return residences[0] ?? null;
}

/** Needs the landlord's settings at least once (they are then kept for offline use). */
export function contactsView(landlord: LandlordService, data: AccountData | null): ContactsView {
  const settings = landlord.settings();
  if (!settings) throw new PortalError('OFFLINE');
  const { caretaker, onCall, services } = settings.contacts;
  const residence = residenceOf(data);
  return {
    landlordName: settings.name,
    residence: residence ? { name: residence.name, lodgeAddress: residence.lodgeAddress } : null,
    caretakerName: residence?.caretakerName ?? null,
    caretaker: {
      // The card keeps the landlord's title ("Mon gardien"); the residence's caretaker is named under it.
      label: caretaker.label,
      phone: residence?.caretakerPhone ?? caretaker.phone,
      hours: residence?.caretakerHours ?? caretaker.hours,
    },
    onCall: { phone: residence?.onCallPhone ?? onCall.phone, hours: residence?.onCallHours ?? onCall.hours },
    services,
  };
}
