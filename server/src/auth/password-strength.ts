/**
 * The server's authoritative password check, on top of the shared CNIL rules (src-shared/validation
 * /password.ts, the checklist under the field): zxcvbn-ts with its common and French dictionaries
 * refuses well-known passwords ("Motdepasse123!", "Azerty123456!") and passwords built on the
 * tenant's own data (names, birth date or year, email), however they meet the character rules.
 * A passphrase of 7 words or more from a large vocabulary scores far above the bar.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnFr from '@zxcvbn-ts/language-fr';
import type { FieldProblem } from '../http/errors';
import { passwordProblem } from '../lib/field-checks';

/**
 * zxcvbn's estimate of the guesses an attacker needs, as log10. 10 is its top score ("very
 * unguessable"), what it advises against an offline attack on a slow hash.
 */
export const MIN_GUESSES_LOG10 = 10;

export const PASSWORD_PERSONAL_MESSAGE =
  'Ce mot de passe est trop facile à deviner : il reprend vos informations personnelles (nom, prénom, date de naissance ou adresse mail). Choisissez-en un autre.';
export const PASSWORD_COMMON_MESSAGE =
  'Ce mot de passe est trop courant ou trop facile à deviner (mot connu, suite comme « 123 » ou « azerty », date). Choisissez-en un autre, ou une phrase de passe d\'au moins 7 mots.';
export const PASSWORD_SAME_MESSAGE = 'Le nouveau mot de passe doit être différent de l\'actuel.';

/** What zxcvbn is told about the person, so that their own data does not make a password. */
export interface PersonalData {
  firstName?: string | null;
  lastName?: string | null;
  /** YYYY-MM-DD */
  birthDate?: string | null;
  email?: string | null;
}

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnFr.dictionary },
  graphs: zxcvbnCommon.adjacencyGraphs,
  translations: zxcvbnFr.translations,
});

/** The words zxcvbn matches as the person's own: names and their parts, the date written the usual ways, the email and its local part's pieces. */
export function personalInputs(data: PersonalData): string[] {
  const inputs = new Set<string>();
  const add = (value: string | null | undefined) => {
    const text = value?.trim().toLowerCase();
    if (!text) return;
    inputs.add(text);
    for (const part of text.split(/[^\p{L}\p{Nd}]+/u)) if (part.length >= 3) inputs.add(part);
  };
  add(data.firstName);
  add(data.lastName);
  // The address whole and its local part's pieces ("martine.dupont"), not the provider's name.
  if (data.email) inputs.add(data.email.trim().toLowerCase());
  add(data.email?.split('@')[0]);
  if (data.birthDate) {
    const [year, month, day] = data.birthDate.split('-');
    if (year && month && day) {
      for (const form of [year, `${day}${month}${year}`, `${day}${month}${year.slice(2)}`, `${year}${month}${day}`, `${day}${month}`, `${day}/${month}/${year}`]) inputs.add(form);
    }
  }
  return [...inputs];
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The password without the person's data in it ("Sylvie.22091994!" -> ".!"), or null when it holds
 * none. zxcvbn alone may rate a name glued to a birth date as strong; what is left once they are
 * taken out is what an attacker who knows the tenant still has to guess.
 */
function withoutPersonalData(password: string, inputs: string[]): string | null {
  let rest = fold(password);
  let found = false;
  for (const input of inputs.map(fold).sort((a, b) => b.length - a.length)) {
    if (input.length >= 3 && rest.includes(input)) {
      rest = rest.split(input).join('');
      found = true;
    }
  }
  return found ? rest : null;
}

/** null when the password is acceptable; otherwise the field problem, in French, saying why. */
export async function newPasswordProblem(path: string, password: string, personal: PersonalData): Promise<FieldProblem | null> {
  const rules = passwordProblem(path, password);
  if (rules) return rules;
  const inputs = personalInputs(personal);
  const rest = withoutPersonalData(password, inputs);
  if (rest !== null && (await zxcvbn.check(rest, inputs)).guessesLog10 < MIN_GUESSES_LOG10) return { path, message: PASSWORD_PERSONAL_MESSAGE, key: 'fields.password.personal' };
  const result = await zxcvbn.check(password, inputs);
  if (result.guessesLog10 >= MIN_GUESSES_LOG10) return null;
  const personalMatch = result.sequence.some((match) => 'dictionaryName' in match && match.dictionaryName === 'userInputs');
  return personalMatch
    ? { path, message: PASSWORD_PERSONAL_MESSAGE, key: 'fields.password.personal' }
    : { path, message: PASSWORD_COMMON_MESSAGE, key: 'fields.password.common' };
}
