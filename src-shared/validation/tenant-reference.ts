/**
 * The landlord's tenant reference ("Numéro TG" on the seed's sign-up form, "référence client"
 * on the forgotten-identifier form). Its format is white-label: each landlord configures a
 * regular expression and an example shown next to the field and in the help image. The
 * default matches the seed's "0123456789".
 */

export interface TenantReferenceFormat {
  /** Source of a JavaScript regular expression; it is anchored to the whole reference. */
  pattern: string;
  /** A reference in that format, shown as a hint; must itself match the pattern. */
  example: string;
}

export const DEFAULT_TENANT_REFERENCE_FORMAT: TenantReferenceFormat = {
  pattern: '[0-9]{10}',
  example: '0123456789',
};

export type TenantReferenceFailure = 'empty' | 'format';

export type TenantReferenceResult =
  | { ok: true; reference: string }
  | { ok: false; reason: TenantReferenceFailure };

export interface TenantReferenceValidator {
  readonly format: TenantReferenceFormat;
  normalize(input: string): string;
  validate(input: string): TenantReferenceResult;
}

/**
 * References are printed in groups on the rent notice ("01 2345 6789") and people copy the
 * groups; spaces carry no meaning, so they go. Letters are upper-cased because printed
 * references are, and a lower-case "ab" typed on a kiosk keyboard means "AB".
 */
export function normalizeTenantReference(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** A bound on what reaches the configured regex, so a slow pattern cannot be fed a novel. */
const MAX_REFERENCE_LENGTH = 64;

/**
 * Builds the validator from the landlord's configuration. Throws at configuration time (not on
 * the tenant's first keystroke) when the pattern does not compile or the example does not
 * match it.
 */
export function createTenantReferenceValidator(
  format: TenantReferenceFormat = DEFAULT_TENANT_REFERENCE_FORMAT,
): TenantReferenceValidator {
  const whole = new RegExp(`^(?:${format.pattern})$`);
  const frozen = Object.freeze({ ...format });

  const validate = (input: string): TenantReferenceResult => {
    const reference = normalizeTenantReference(input);
    if (reference === '') return { ok: false, reason: 'empty' };
    if (reference.length > MAX_REFERENCE_LENGTH || !whole.test(reference)) return { ok: false, reason: 'format' };
    return { ok: true, reference };
  };

  if (!validate(format.example).ok) {
    throw new Error(`Tenant reference example "${format.example}" does not match /${format.pattern}/`);
  }

  return { format: frozen, normalize: normalizeTenantReference, validate };
}
