/** The session (sign-in, sign-out, who is signed in): cross-cutting, the auth of every area. */
import { z } from 'zod';
import { emailSchema } from '../validation/schemas';
import { type AreaProcedures, empty, procedure } from '../procedure';

export const sessionUserSchema = z.object({
  email: z.string(),
  displayName: z.string(),
});


export const sessionStateSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('signedOut'), reason: z.enum(['expired', 'signedOut']).optional() }),
  z.object({ state: z.literal('signedIn'), user: sessionUserSchema }),
]);

export type SessionState = z.infer<typeof sessionStateSchema>;


export const signInInputSchema = z.object({
  email: emailSchema,
  // Sign-in checks presence only: the policy applies when a password is chosen, and telling
  // "too weak" here would hint at what the real one looks like.
  password: z.string({ error: 'fields.required' }).min(1, 'fields.required').max(256, 'fields.invalid'),
});

export type SignInInput = z.infer<typeof signInInputSchema>;

/** The session area's bridge procedures (src-shared/bridge.ts merges every area's). */
export const sessionProcedures = {
  'session.get': procedure(empty, sessionStateSchema),
  'session.signIn': procedure(signInInputSchema.strict(), sessionStateSchema),
  'session.signOut': procedure(
    z.object({ discardUnsent: z.boolean().default(false) }).strict(),
    sessionStateSchema,
  ),
} as const satisfies AreaProcedures;
