/**
 * Zod schemas of the phone fields, apart from schemas.ts so that only what validates a phone
 * imports libphonenumber-js and the French plan's metadata.
 */
import { z } from 'zod';
import { validateFrenchPhone } from './phone';
import { canonical, text, type Check } from './schemas';

function phoneCheck(input: string): Check<string> {
  const result = validateFrenchPhone(input);
  return result.ok ? { ok: true, value: result.e164 } : { ok: false, key: `fields.phone.${result.reason}` };
}

/** Output: E.164 ("+33601020304"). */
export const frenchPhoneSchema = canonical(phoneCheck);

/**
 * For the optional numbers of "Mon dossier" (domicile, mobile, travail): blank means "not
 * given" and outputs null, which the UI shows as "Non renseigné".
 */
export const optionalFrenchPhoneSchema = text().transform((input, ctx): string | null => {
  if (input.trim() === '') return null;
  const result = phoneCheck(input);
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: result.key });
    return z.NEVER;
  }
  return result.value;
});
