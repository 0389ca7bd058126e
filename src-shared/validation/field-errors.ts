/**
 * zod issues -> the portal's field errors: dotted path + the short message key the schema
 * declared. One mapping for main (the VALIDATION answer of the bridge router) and the renderer
 * (the same check before sending), so both word a problem with the same key. Types only from zod:
 * importing this loads no zod code.
 */
import type { z } from 'zod';
import type { FieldError } from '../errors';

export function toFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => {
    const error: FieldError = { path: issue.path.map(String).join('.'), message: messageKey(issue) };
    // "4 000 caractères au plus": the limit travels with the key, so the sentence can say it.
    if (issue.code === 'too_big' && error.message === 'fields.tooLong') error.params = { max: Number(issue.maximum) };
    return error;
  });
}

function messageKey(issue: z.core.$ZodIssue): string {
  // Schemas declare i18n keys ('fields.required', 'fields.iban.checksum'); zod's own English
  // sentences (a missing field, a wrong type) are mapped to generic keys the renderer translates.
  if (/^fields\.[\w.]+$/.test(issue.message)) return issue.message;
  // A refinement whose message is a sentence (the Portal API's French) names its key in params.
  if (issue.code === 'custom' && typeof issue.params?.key === 'string') return issue.params.key;
  if (issue.code === 'invalid_type') return issue.input === undefined ? 'fields.required' : 'fields.invalid';
  if (issue.code === 'unrecognized_keys') return 'fields.unexpected';
  // The server's schemas speak French ('Champ obligatoire', min(1)): the same problems by kind.
  if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) === 1) return 'fields.required';
  if (issue.code === 'too_big' && issue.origin === 'string') return 'fields.tooLong';
  if (issue.code === 'invalid_format' && issue.format === 'email') return 'fields.email';
  if (issue.code === 'invalid_format' && issue.format === 'date') return 'fields.date.format';
  return 'fields.invalid';
}
