/**
 * "Mon dossier": personal information and the insurance block; "Modifier" -> "Valider" becomes
 * a change request for staff (the banner says one is in progress until they decide).
 */
import type { z } from 'zod';
import type { PersonalInfoChangeBody } from '../../src-shared/dossier/api';
import { PortalError } from '../../src-shared/errors';
import type { DossierView, personalInfoUpdateInputSchema } from '../../src-shared/dossier/bridge';
import { dossiersWithPendingChange, latestChangeDecisions, profileOf, putPendingChangeRequest, type AccountData } from '../services/account-data';
import { insuranceStatuses } from '../insurance/service';

export function dossierView(data: AccountData): DossierView {
  const profile = profileOf(data);
  if (!profile) throw new PortalError('NOT_FOUND');
  const pendingUpdate = dossiersWithPendingChange(data, 'personal_info').size > 0;
  return {
    profile: {
      civility: profile.civility,
      lastName: profile.lastName,
      firstName: profile.firstName,
      email: profile.email,
      phoneHome: profile.phoneHome,
      phoneMobile: profile.phoneMobile,
      phoneWork: profile.phoneWork,
      cafNumber: profile.cafNumber,
    },
    pendingUpdate,
    lastDecision: latestChangeDecisions(data, 'personal_info').get(null) ?? null,
    insurance: insuranceStatuses(data),
  };
}

/** Sends only what changed; nothing changed is a validation error, not an empty request. */
export function requestPersonalInfoUpdate(data: AccountData, input: z.output<typeof personalInfoUpdateInputSchema>) {
  const profile = profileOf(data);
  if (!profile) throw new PortalError('NOT_FOUND');
  const changes: PersonalInfoChangeBody = {};
  if (input.phoneHome !== profile.phoneHome) changes.phoneHome = input.phoneHome;
  if (input.phoneMobile !== profile.phoneMobile) changes.phoneMobile = input.phoneMobile;
  if (input.phoneWork !== profile.phoneWork) changes.phoneWork = input.phoneWork;
  if (input.cafNumber !== profile.cafNumber) changes.cafNumber = input.cafNumber;
  if (Object.keys(changes).length === 0) {
    throw new PortalError('VALIDATION', { fields: [{ path: '', message: 'fields.noChange' }] });
  }
  const id = data.enqueue({
    kind: 'dossier.update',
    body: () => changes,
    optimistic: (tx, id) => putPendingChangeRequest(tx, id, data, { kind: 'personal_info', dossierId: null, summary: changes }),
  });
  return { id, delivery: 'pending' as const };
}
