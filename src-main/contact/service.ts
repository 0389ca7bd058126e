/** "Nous contacter": the landlord's caretaker, on-call number and services, from their settings. */
import type { ContactsView } from '../../src-shared/contact/bridge';
import { PortalError } from '../../src-shared/errors';
import type { LandlordService } from '../services/landlord';

/** Needs the landlord's settings at least once (they are then kept for offline use). */
export function contactsView(landlord: LandlordService): ContactsView {
  const settings = landlord.settings();
  if (!settings) throw new PortalError('OFFLINE');
  return { landlordName: settings.name, ...settings.contacts };
}
