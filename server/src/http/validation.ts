/**
 * Request validation with the zod contract, French messages. A message written in the schema
 * itself (e.g. "Vous devez accepter les CGU") wins; otherwise this map speaks French, and zod's
 * French locale covers whatever is left.
 */
import type { FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';
import { toFieldErrors } from '../../../src-shared/validation/field-errors';

const frLocale = z.locales.fr().localeError;

export const frenchErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null ? 'Champ obligatoire' : 'Valeur invalide';
    case 'too_small':
      if (issue.origin === 'string') return issue.minimum === 1 ? 'Champ obligatoire' : `${issue.minimum} caractères minimum`;
      if (issue.origin === 'array') return `Au moins ${issue.minimum} élément(s)`;
      return `Doit être supérieur ou égal à ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `${issue.maximum} caractères maximum`;
      if (issue.origin === 'array') return `Au plus ${issue.maximum} élément(s)`;
      return `Doit être inférieur ou égal à ${issue.maximum}`;
    case 'invalid_format':
      switch (issue.format) {
        case 'email':
          return 'Adresse mail invalide';
        case 'uuid':
          return 'Identifiant invalide';
        case 'date':
          return 'Date invalide (format attendu : aaaa-mm-jj)';
        case 'datetime':
          return 'Date et heure invalides';
        default:
          return 'Format invalide';
      }
    case 'invalid_value':
      return 'Valeur non autorisée';
    case 'invalid_union': {
      // A discriminated union reports on its discriminator ("kind") with the whole object as input.
      const key = 'discriminator' in issue && typeof issue.discriminator === 'string' ? issue.discriminator : null;
      const value = key && issue.input && typeof issue.input === 'object' ? (issue.input as Record<string, unknown>)[key] : issue.input;
      return value === undefined ? 'Champ obligatoire' : 'Valeur non autorisée';
    }
    case 'unrecognized_keys':
      return `Champ(s) non autorisé(s) : ${issue.keys.join(', ')}`;
    default:
      return frLocale(issue);
  }
};

export const frenchValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    // reportInput: the shared mapping tells a missing value from a wrong one by the issue's input.
    const result = schema.safeParse(data, { error: frenchErrorMap, reportInput: true });
    if (result.success) return { value: result.data };
    return { error: toFastifyValidation(result.error) as never };
  };

/** Same marker as fastify-type-provider-zod, so its hasZodFastifySchemaValidationErrors() sees them. */
const ZOD_VALIDATION_MARK = Symbol.for('ZodFastifySchemaValidationError');

/**
 * The French message for older clients, and in `params` the i18n key (and numbers) of the same
 * problem by the mapping the desktop bridge uses (src-shared/validation/field-errors.ts).
 */
function toFastifyValidation(error: z.ZodError) {
  return error.issues.map((issue) => {
    const [field] = toFieldErrors([issue]);
    return {
      [ZOD_VALIDATION_MARK]: true,
      keyword: issue.code,
      instancePath: `/${issue.path.join('/')}`,
      schemaPath: `#/${issue.path.join('/')}/${issue.code}`,
      message: issue.message,
      params: { key: field!.message, params: field!.params },
    };
  });
}
