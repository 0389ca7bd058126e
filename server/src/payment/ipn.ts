/**
 * What the bank's notification (POST /v1/payments/ipn) answers when it is refused before the
 * payment logic runs. The bank reads plain text (`OK …` / `KO <reason>`), so every answer of this
 * route is text, documented as such in the OpenAPI document, never the JSON error shape.
 */
import type { FastifyError } from 'fastify';
import { z } from 'zod';
import { ApiError } from '../http/errors';
import { DUPLICATE_FIELD, isFormBody } from './form-body';

/** Every status the IPN answers, each with a text body. */
const IPN_STATUSES = [200, 400, 401, 404, 413, 415, 500] as const;
const IPN_DESCRIPTIONS: Record<(typeof IPN_STATUSES)[number], string> = {
  200: '`OK <statut>` : appliquée, ou `OK already <statut>` : déjà appliquée',
  400: '`KO <raison>` : montant, devise, boutique, statut ou champs incohérents, champ en double',
  401: '`KO signature` : signature invalide',
  404: '`KO unknown_payment` : paiement inconnu (rien n\'est enregistré)',
  413: '`KO too_large` : formulaire de plus de 64 Ko',
  415: '`KO unsupported_media_type` : le corps n\'est pas un formulaire',
  500: '`KO error` : erreur du serveur (la banque renvoie la notification)',
};
const ipnAnswerSchema = z.string().regex(/^(OK|KO) /);
/** The route's `response` map: plain text for every status, as the OpenAPI document says. */
export const ipnResponses = Object.fromEntries(
  IPN_STATUSES.map((status) => [status, { description: IPN_DESCRIPTIONS[status], content: { 'text/plain': { schema: ipnAnswerSchema } } }]),
);

/** A body that is not a form (JSON, text, none): the bank never sends one. */
export class IpnUnsupportedMediaType extends Error {
  readonly statusCode = 415;
}

/** The status and reason for an error thrown while reading or checking a notification. */
export function ipnRefusal(error: FastifyError | Error, contentType: string | undefined): { status: (typeof IPN_STATUSES)[number]; reason: string } {
  if (error instanceof IpnUnsupportedMediaType || !isFormBody(contentType)) return { status: 415, reason: 'unsupported_media_type' };
  const code = (error as FastifyError).code;
  if (code === DUPLICATE_FIELD) return { status: 400, reason: 'duplicate_field' };
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { status: 413, reason: 'too_large' };
  if (error instanceof ApiError && error.status < 500) return { status: 400, reason: 'fields' };
  const status = (error as FastifyError).statusCode;
  if (status !== undefined && status >= 400 && status < 500) return { status: 400, reason: 'bad_request' };
  return { status: 500, reason: 'error' };
}
