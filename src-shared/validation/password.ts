/**
 * Password policy of CNIL deliberation n° 2022-100 (21 July 2022), case of a password used
 * alone: at least 12 characters mixing upper case, lower case, digits and symbols, or at least
 * 14 characters with three of those four classes, or a passphrase of at least 7 words. No
 * periodic change is forced (same deliberation); throttling, the slow salted hash and the refusal
 * of common or personal passwords (zxcvbn, server/src/auth/password-strength.ts) live on the server.
 *
 * The result lists the checklist items still unmet, for the live checklist under the field.
 */

export const PASSWORD_MIN_LENGTH = 12;
/** The alternative path: this long, three classes are enough. */
export const PASSWORD_LONG_LENGTH = 14;
/**
 * Upper bound in UTF-16 code units (JS string length), the same unit and value as the sign-in
 * schema's max(256) in bridge.ts, so any password accepted here can always be typed at sign-in.
 */
export const PASSWORD_MAX_LENGTH = 256;
/** The passphrase path: this many words, whatever the character classes. */
export const PASSPHRASE_MIN_WORDS = 7;

export const PASSWORD_CLASSES = ['lower', 'upper', 'digit', 'symbol'] as const;
export type PasswordClass = (typeof PASSWORD_CLASSES)[number];

/** Checklist keys (i18n: `fields.password.rules.<key>`). */
export type PasswordRule = 'length' | PasswordClass | 'maxLength';

export interface PasswordCheck {
  ok: boolean;
  /** Length in characters (code points: an emoji or "é" counts as one). */
  length: number;
  /** Words of two letters or digits or more (the passphrase path). */
  words: number;
  classes: Record<PasswordClass, boolean>;
  /**
   * Unmet items of the main rule (12 characters + all four classes), empty when the password is
   * acceptable by either rule. 'maxLength' appears alone when the password is too long.
   */
  failing: PasswordRule[];
}

/**
 * Character classes. Letters beyond ASCII count as letters ("é" is lower case, "É" upper case):
 * French speakers type them and they add as much as any letter. Anything that is neither a
 * letter nor a digit (space included) is a symbol.
 */
function classify(password: string): Record<PasswordClass, boolean> {
  return {
    lower: /\p{Ll}/u.test(password),
    upper: /\p{Lu}/u.test(password),
    digit: /\p{Nd}/u.test(password),
    symbol: /[^\p{L}\p{Nd}]/u.test(password),
  };
}

/** Words of a passphrase: runs of letters or digits, two characters or more ("à" does not count). */
export function countWords(password: string): number {
  return password.split(/[^\p{L}\p{Nd}]+/u).filter((word) => [...word].length >= 2).length;
}

export function checkPassword(password: string): PasswordCheck {
  const length = [...password].length;
  const classes = classify(password);
  const missing = PASSWORD_CLASSES.filter((name) => !classes[name]);
  const words = countWords(password);

  if (password.length > PASSWORD_MAX_LENGTH) {
    return { ok: false, length, words, classes, failing: ['maxLength'] };
  }

  const allFour = length >= PASSWORD_MIN_LENGTH && missing.length === 0;
  const longThree = length >= PASSWORD_LONG_LENGTH && missing.length <= 1;
  const passphrase = words >= PASSPHRASE_MIN_WORDS;
  if (allFour || longThree || passphrase) return { ok: true, length, words, classes, failing: [] };

  const failing: PasswordRule[] = length < PASSWORD_MIN_LENGTH ? ['length', ...missing] : [...missing];
  return { ok: false, length, words, classes, failing };
}

export function isStrongPassword(password: string): boolean {
  return checkPassword(password).ok;
}
