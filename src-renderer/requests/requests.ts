/** Wording shared by the request pages: categories, services and the server's refusals. */
// Types only: src-shared/api/* brings zod, which stays out of the first screen's bundle.
import type { TECHNICAL_CATEGORIES } from '../../src-shared/requests/api';
import { ERROR_CODES, type ErrorCode } from '../../src-shared/errors';
import type { RequestDetail } from '../../src-shared/requests/bridge';
import { errorMessage, fieldMessage, hasKey, t } from '../i18n/index.svelte';

export type TechnicalCategory = (typeof TECHNICAL_CATEGORIES)[number];
type Refusal = NonNullable<RequestDetail['refusal']>;

/** The categories of the contract, loaded with the forms' schemas (zod). */
export async function loadTechnicalCategories(): Promise<readonly TechnicalCategory[]> {
  return (await import('../../src-shared/requests/api')).TECHNICAL_CATEGORIES;
}

/** "plomberie" -> "Plomberie"; an unknown value (a service id) is shown as it is. */
export function categoryLabel(category: string): string {
  const key = `pages.requests.categories.${category}`;
  return hasKey(key) ? t(key) : category;
}

/** Why the landlord refused a write: its field sentences, else its error's (its precise key, else its code's). */
export function refusalReason(refusal: Refusal | null): string {
  if (!refusal) return t('errors.SERVER');
  const fields = (refusal.fields ?? []).map((field) => fieldMessage(field.message, field.params, field.fallback));
  if (fields.length > 0) return fields.join(' ');
  const code = (ERROR_CODES as readonly string[]).includes(refusal.code) ? (refusal.code as ErrorCode) : 'SERVER';
  return errorMessage({ code, key: refusal.key, params: refusal.params, message: refusal.message });
}
