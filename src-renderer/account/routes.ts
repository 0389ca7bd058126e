/** The account: sign-in, sign-up, the two recoveries (signed out), change email / password (signed in). */
import type { AreaRoutes } from '../lib/route-types';

export const accountRoutes = [
  { slug: 'connexion', page: 'signIn', access: 'guest', words: ['account'], load: () => import('./SignInPage.svelte') },
  { slug: 'inscription', page: 'signUp', access: 'guest', words: ['account'], load: () => import('./SignUpPage.svelte') },
  { slug: 'identifiants-oublies', page: 'recoverIdentifier', access: 'guest', words: ['account'], load: () => import('./RecoverIdentifierPage.svelte') },
  { slug: 'mot-de-passe-oublie', page: 'resetPassword', access: 'guest', words: ['account'], load: () => import('./ResetPasswordPage.svelte') },
  { slug: 'modifier-email', page: 'changeEmail', access: 'private', words: ['account'], load: () => import('./ChangeEmailPage.svelte') },
  { slug: 'modifier-mot-de-passe', page: 'changePassword', access: 'private', words: ['account'], load: () => import('./ChangePasswordPage.svelte') },
] as const satisfies AreaRoutes;
