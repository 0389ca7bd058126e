/** Accueil's "Mes dernières actions": the kinds of line (no zod here: the first screen imports it). */

/**
 * What an activity line says, as a key the desktop words in the tenant's language (the French
 * `label` stays for older clients, and is what a kind outside this list shows). Parameters come
 * from the row `refId` names (a request's number, a document's period), so none are stored.
 */
export const ACTIVITY_KINDS = [
  'payment.done',
  'insurance.sent',
  'insurance.accepted',
  'insurance.refused',
  'request.created',
  'request.updated',
  'request.cancelled',
  'request.answered',
  'request.planned',
  'changeRequest.sent',
  'changeRequest.approved',
  'changeRequest.refused',
  'document.avisAvailable',
  'document.avisCorrected',
  'document.quittanceAvailable',
  'document.recuAvailable',
  'document.published',
  'paperless.subscribed',
  'paperless.stopped',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
