/** The account: sign-in, sign-up, the two recoveries (signed out), change email / password (signed in). */
import type { AreaRoutes } from '../lib/route-types';
import ChangeEmailPage from './ChangeEmailPage.svelte';
import ChangePasswordPage from './ChangePasswordPage.svelte';
import RecoverIdentifierPage from './RecoverIdentifierPage.svelte';
import ResetPasswordPage from './ResetPasswordPage.svelte';
import SignInPage from './SignInPage.svelte';
import SignUpPage from './SignUpPage.svelte';

export const accountRoutes = [
  { slug: 'connexion', page: 'signIn', access: 'guest', component: SignInPage },
  { slug: 'inscription', page: 'signUp', access: 'guest', component: SignUpPage },
  { slug: 'identifiants-oublies', page: 'recoverIdentifier', access: 'guest', component: RecoverIdentifierPage },
  { slug: 'mot-de-passe-oublie', page: 'resetPassword', access: 'guest', component: ResetPasswordPage },
  { slug: 'modifier-email', page: 'changeEmail', access: 'private', component: ChangeEmailPage },
  { slug: 'modifier-mot-de-passe', page: 'changePassword', access: 'private', component: ChangePasswordPage },
] as const satisfies AreaRoutes;
