/** The account: sign-up, recovery, changing the email or the password. */
import { z } from 'zod';
import { requiredTextSchema, birthDateSchema, emailSchema, passwordSchema } from '../validation/schemas';
import { type AreaProcedures, procedure } from '../procedure';

/** Sign-up ("Inscrivez-vous !"): the tenant record is matched on reference + names + birth date. */
export const signUpInputSchema = z
  .object({
    tenantReference: requiredTextSchema(40),
    lastName: requiredTextSchema(100),
    firstName: requiredTextSchema(100),
    /** Typed jj/mm/aaaa; handlers receive ISO yyyy-mm-dd. */
    birthDate: birthDateSchema,
    email: emailSchema,
    password: passwordSchema,
    passwordConfirmation: z.string({ error: 'fields.required' }).min(1, 'fields.required'),
    acceptCgu: z.literal(true, { error: 'fields.consentRequired' }),
    acceptPrivacy: z.literal(true, { error: 'fields.consentRequired' }),
    paperless: z.boolean({ error: 'fields.invalid' }),
  })
  .strict()
  .refine((value) => value.password === value.passwordConfirmation, {
    path: ['passwordConfirmation'],
    message: 'fields.passwordMismatch',
  });

export type SignUpInput = z.infer<typeof signUpInputSchema>;


/** "Identifiants oubliés": the login identifier is mailed to the registered address. */
export const recoverIdentifierInputSchema = z
  .object({
    tenantReference: requiredTextSchema(40),
    lastName: requiredTextSchema(100),
    firstName: requiredTextSchema(100),
    birthDate: birthDateSchema,
  })
  .strict();


export const requestPasswordResetInputSchema = z
  .object({ email: emailSchema })
  .strict();


/** "Modifier mon adresse email": typed twice; the current password proves it is the tenant. */
export const changeEmailInputSchema = z
  .object({
    newEmail: emailSchema,
    newEmailConfirmation: z.string({ error: 'fields.required' }).trim().min(1, 'fields.required'),
    password: z.string({ error: 'fields.required' }).min(1, 'fields.required').max(256, 'fields.invalid'),
  })
  .strict()
  .refine((value) => value.newEmail === value.newEmailConfirmation.toLowerCase(), {
    path: ['newEmailConfirmation'],
    message: 'fields.emailMismatch',
  });


/** "Modifier mon mot de passe": current, new (CNIL policy), confirmation. */
export const changePasswordInputSchema = z
  .object({
    currentPassword: z.string({ error: 'fields.required' }).min(1, 'fields.required').max(256, 'fields.invalid'),
    newPassword: passwordSchema,
    newPasswordConfirmation: z.string({ error: 'fields.required' }).min(1, 'fields.required'),
  })
  .strict()
  .refine((value) => value.newPassword === value.newPasswordConfirmation, {
    path: ['newPasswordConfirmation'],
    message: 'fields.passwordMismatch',
  });


/**
 * Recovery answers are the same whatever the input (no account enumeration): the UI always says
 * "if an account matches, an email has been sent".
 */
export const requestAcceptedSchema = z.object({ status: z.literal('accepted') });

/** The account area's bridge procedures (src-shared/bridge.ts merges every area's). */
export const accountProcedures = {
  'account.signUp': procedure(signUpInputSchema, requestAcceptedSchema),
  'account.recoverIdentifier': procedure(recoverIdentifierInputSchema, requestAcceptedSchema),
  'account.requestPasswordReset': procedure(requestPasswordResetInputSchema, requestAcceptedSchema),
  'account.changeEmail': procedure(changeEmailInputSchema, requestAcceptedSchema),
  'account.changePassword': procedure(changePasswordInputSchema, requestAcceptedSchema),
} as const satisfies AreaProcedures;
