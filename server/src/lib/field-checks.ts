/**
 * Server-side checks with French field messages, on top of the shared validators
 * (src-shared/validation: CNIL password policy, SEPA IBAN, BIC).
 */
import { checkPassword, validateBic, validateIban, type IbanFailure } from '../../../src-shared/validation';
import type { FieldProblem } from '../http/errors';

export const PASSWORD_POLICY_MESSAGE =
  'Le mot de passe doit contenir au moins 12 caractères avec une majuscule, une minuscule, un chiffre et un caractère spécial (ou au moins 14 caractères avec trois de ces types, ou une phrase de passe d\'au moins 7 mots)';

export function passwordProblem(path: string, password: string): FieldProblem | null {
  const check = checkPassword(password);
  if (check.ok) return null;
  return check.failing.includes('maxLength')
    ? { path, message: 'Le mot de passe est trop long', key: 'fields.password.tooLong' }
    : { path, message: PASSWORD_POLICY_MESSAGE, key: 'fields.password.weak' };
}

const IBAN_MESSAGES: Record<IbanFailure, string> = {
  format: 'IBAN invalide : vérifiez les caractères saisis',
  country: 'IBAN invalide : ce pays ne fait pas partie de la zone SEPA',
  length: 'IBAN invalide : la longueur ne correspond pas au pays',
  checksum: 'IBAN invalide : la clé de contrôle est incorrecte',
};

export function ibanProblem(path: string, iban: string): FieldProblem | null {
  const result = validateIban(iban);
  return result.ok ? null : { path, message: IBAN_MESSAGES[result.reason], key: `fields.iban.${result.reason}` };
}

export function bicProblem(path: string, bic: string): FieldProblem | null {
  const result = validateBic(bic);
  return result.ok ? null : { path, message: 'BIC invalide (8 ou 11 caractères, par exemple AGRIFRPPXXX)', key: `fields.bic.${result.reason}` };
}
