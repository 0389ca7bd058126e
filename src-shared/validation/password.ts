/**
 * Password policy of CNIL deliberation n° 2022-100 (21 July 2022), case of a password used
 * alone: at least 12 characters mixing upper case, lower case, digits and symbols, or at least
 * 14 characters with three of those four classes. No periodic change is forced (same
 * deliberation); throttling and the slow salted hash live on the server.
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

export const PASSWORD_CLASSES = ['lower', 'upper', 'digit', 'symbol'] as const;
export type PasswordClass = (typeof PASSWORD_CLASSES)[number];

/** Checklist keys (i18n: `fields.password.rules.<key>`). */
export type PasswordRule = 'length' | PasswordClass | 'maxLength';

export interface PasswordCheck {
  ok: boolean;
  /** Length in characters (code points: an emoji or "é" counts as one). */
  length: number;
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

export function checkPassword(password: string): PasswordCheck {
  const length = [...password].length;
  const classes = classify(password);
  const missing = PASSWORD_CLASSES.filter((name) => !classes[name]);

  if (password.length > PASSWORD_MAX_LENGTH) {
    return { ok: false, length, classes, failing: ['maxLength'] };
  }

  const allFour = length >= PASSWORD_MIN_LENGTH && missing.length === 0;
  const longThree = length >= PASSWORD_LONG_LENGTH && missing.length <= 1;
  if (allFour || longThree) return { ok: true, length, classes, failing: [] };

  const failing: PasswordRule[] = length < PASSWORD_MIN_LENGTH ? ['length', ...missing] : [...missing];
  return { ok: false, length, classes, failing };
}

export function isStrongPassword(password: string): boolean {
  return checkPassword(password).ok;
}
