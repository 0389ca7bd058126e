/**
 * Accounts: sign-up, sign-in, token refresh, sign-out, recovery, credential changes.
 * Tokens are opaque random strings; the access token goes in `Authorization: Bearer <token>`.
 */
import { z } from 'zod';
import { emailSchema, isoDateSchema, isoDateTimeSchema, uuidSchema } from './common';

const required = (max: number) => z.string().trim().min(1, 'Champ obligatoire').max(max);
/** The password itself is checked against the CNIL policy by the server (French field message). */
export const passwordSchema = z.string().min(1, 'Champ obligatoire').max(256);

export const deviceSchema = z.object({
  /** Stable per installation (or per kiosk session); refresh tokens are bound to it. */
  id: uuidSchema,
  name: required(100),
});
export type Device = z.infer<typeof deviceSchema>;

export const signUpBodySchema = z.object({
  /** Numéro TG printed on the rent notice. */
  tenantReference: required(40),
  lastName: required(100),
  firstName: required(100),
  birthDate: isoDateSchema,
  email: emailSchema,
  password: passwordSchema,
  acceptCgu: z.literal(true, 'Vous devez accepter les Conditions générales d\'utilisation'),
  acceptPrivacy: z.literal(true, 'Vous devez accepter la Politique de confidentialité'),
  /** Paperless rent notices (pre-ticked in the form). */
  paperless: z.boolean(),
});
export type SignUpBody = z.infer<typeof signUpBodySchema>;

export const accountSchema = z.object({
  id: uuidSchema,
  email: z.string(),
  /** "Mme DUPONT MARTINE" */
  displayName: z.string(),
  tenantId: uuidSchema,
});
export type Account = z.infer<typeof accountSchema>;

export const signInBodySchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  device: deviceSchema,
});
export type SignInBody = z.infer<typeof signInBodySchema>;

/** Answer of sign-up, sign-in and refresh. */
export const sessionResponseSchema = z.object({
  accessToken: z.string(),
  accessTokenExpiresAt: isoDateTimeSchema,
  refreshToken: z.string(),
  refreshTokenExpiresAt: isoDateTimeSchema,
  account: accountSchema,
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const refreshBodySchema = z.object({ refreshToken: z.string().min(1, 'Champ obligatoire').max(200), deviceId: uuidSchema });
export type RefreshBody = z.infer<typeof refreshBodySchema>;

/** "Identifiants oubliés": reference + name + birth date -> email with the login identifier. */
export const forgotIdentifierBodySchema = z.object({
  tenantReference: required(40),
  lastName: required(100),
  firstName: required(100),
  birthDate: isoDateSchema,
});
export type ForgotIdentifierBody = z.infer<typeof forgotIdentifierBodySchema>;

/** "Mot de passe oublié": email -> single-use reset link (30 min). */
export const forgotPasswordBodySchema = z.object({ email: emailSchema });
export type ForgotPasswordBody = z.infer<typeof forgotPasswordBodySchema>;

export const resetPasswordBodySchema = z.object({ token: z.string().min(1, 'Champ obligatoire').max(200), password: passwordSchema });
export type ResetPasswordBody = z.infer<typeof resetPasswordBodySchema>;

export const changePasswordBodySchema = z.object({ currentPassword: passwordSchema, newPassword: passwordSchema });
export type ChangePasswordBody = z.infer<typeof changePasswordBodySchema>;

/** Sends a confirmation link to the new address and a notice to the old one. */
export const changeEmailBodySchema = z.object({ newEmail: emailSchema, password: passwordSchema });
export type ChangeEmailBody = z.infer<typeof changeEmailBodySchema>;

export const confirmEmailBodySchema = z.object({ token: z.string().min(1, 'Champ obligatoire').max(200) });
export type ConfirmEmailBody = z.infer<typeof confirmEmailBodySchema>;

export const meResponseSchema = z.object({
  account: accountSchema,
  paperless: z.boolean(),
  consents: z.array(z.object({ kind: z.enum(['cgu', 'privacy', 'paperless']), version: z.string(), acceptedAt: isoDateTimeSchema })),
});
export type MeResponse = z.infer<typeof meResponseSchema>;
