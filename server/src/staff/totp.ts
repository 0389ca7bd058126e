/**
 * TOTP second factor (RFC 6238: SHA-1, 6 digits, 30 s steps) through the `otpauth` library. A code
 * is accepted one step early or late (clock drift), and a step once accepted is never accepted
 * again: the account keeps the last step used, and a code of that step or an earlier one fails.
 */
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_WINDOW = 1;

function totpOf(secretBase32: string, label = 'staff', issuer = 'Espace Locataire'): TOTP {
  return new TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period: TOTP_PERIOD_SECONDS, secret: Secret.fromBase32(secretBase32) });
}

/** A fresh 160-bit secret, base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** What the activation page shows: the otpauth URI, the secret as text, the QR code (SVG data URL). */
export async function totpEnrolment(secretBase32: string, email: string, issuer: string) {
  const otpauthUri = totpOf(secretBase32, email, issuer).toString();
  const svg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { otpauthUri, secretBase32, qrSvgDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/**
 * The time step `code` is valid for at `now` (±1 step), or null when it is wrong or its step is not
 * after `lastStep` (a replay, or an older code once a newer one was used).
 */
export function acceptedTotpStep(secretBase32: string, code: string, now: Date, lastStep: number | null): number | null {
  const totp = totpOf(secretBase32);
  const delta = totp.validate({ token: code, timestamp: now.getTime(), window: TOTP_WINDOW });
  if (delta === null) return null;
  const step = totp.counter({ timestamp: now.getTime() }) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}

/** The code of `now` (demo mode and tests). */
export function totpCodeAt(secretBase32: string, now: Date): string {
  return totpOf(secretBase32).generate({ timestamp: now.getTime() });
}
