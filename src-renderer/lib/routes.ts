/**
 * One route per portal section, with the French slugs of the original portal. `access`:
 * 'guest' pages are for signed-out visitors (a signed-in tenant is sent to the home page),
 * 'private' pages need a session (a visitor is sent to the sign-in page), 'any' is for both.
 */
import type { Component } from 'svelte';
import type { Messages } from '../i18n/index.svelte';
import Accessibility from '../pages/Accessibility.svelte';
import Balance from '../pages/Balance.svelte';
import ChangeEmail from '../pages/ChangeEmail.svelte';
import ChangePassword from '../pages/ChangePassword.svelte';
import Contract from '../pages/Contract.svelte';
import Dossier from '../pages/Dossier.svelte';
import Contact from '../pages/Contact.svelte';
import Documents from '../pages/Documents.svelte';
import DocumentViewer from '../pages/DocumentViewer.svelte';
import Home from '../pages/Home.svelte';
import Insurance from '../pages/Insurance.svelte';
import Payment from '../pages/Payment.svelte';
import RecoverIdentifier from '../pages/RecoverIdentifier.svelte';
import RequestPasswordReset from '../pages/RequestPasswordReset.svelte';
import Rib from '../pages/Rib.svelte';
import NewRequest from '../pages/NewRequest.svelte';
import RequestDetail from '../pages/RequestDetail.svelte';
import Requests from '../pages/Requests.svelte';
import SignIn from '../pages/SignIn.svelte';
import SignUp from '../pages/SignUp.svelte';

/** Pages that are routes ('recovery' is the shared wording of the two recovery answers). */
export type PageKey = Exclude<keyof Messages['pages'], 'recovery'>;
export type MenuKey = keyof Messages['menu'] & PageKey;

export interface Route {
  slug: string;
  /** Keys its wording: `pages.<page>.title` (document title), `.heading`, `.intro`. */
  page: PageKey;
  access: 'guest' | 'private' | 'any';
  /** The page's own component; none for a section whose content is still to come (SectionPage). */
  component?: Component;
}

export const routes: readonly Route[] = [
  { slug: 'connexion', page: 'connexion', access: 'guest', component: SignIn },
  { slug: 'inscription', page: 'inscription', access: 'guest', component: SignUp },
  { slug: 'identifiants-oublies', page: 'identifiantsOublies', access: 'guest', component: RecoverIdentifier },
  { slug: 'mot-de-passe-oublie', page: 'motDePasseOublie', access: 'guest', component: RequestPasswordReset },
  { slug: 'accueil', page: 'accueil', access: 'private', component: Home },
  { slug: 'mon-dossier', page: 'monDossier', access: 'private', component: Dossier },
  { slug: 'mon-assurance', page: 'monAssurance', access: 'private', component: Insurance },
  { slug: 'mon-contrat', page: 'monContrat', access: 'private', component: Contract },
  { slug: 'ma-situation-de-solde', page: 'maSituationDeSolde', access: 'private', component: Balance },
  { slug: 'mettre-a-jour-rib', page: 'mettreAJourRib', access: 'private', component: Rib },
  { slug: 'mes-documents', page: 'mesDocuments', access: 'private', component: Documents },
  { slug: 'document/:sha256', page: 'document', access: 'private', component: DocumentViewer },
  { slug: 'mes-demandes', page: 'mesDemandes', access: 'private', component: Requests },
  { slug: 'demande/:id', page: 'demande', access: 'private', component: RequestDetail },
  { slug: 'nouvelle-demande', page: 'nouvelleDemande', access: 'private', component: NewRequest },
  { slug: 'nouvelle-demande/:preset', page: 'nouvelleDemande', access: 'private', component: NewRequest },
  { slug: 'nous-contacter', page: 'nousContacter', access: 'private', component: Contact },
  { slug: 'modifier-email', page: 'modifierEmail', access: 'private', component: ChangeEmail },
  { slug: 'modifier-mot-de-passe', page: 'modifierMotDePasse', access: 'private', component: ChangePassword },
  { slug: 'payer', page: 'payer', access: 'private', component: Payment },
  { slug: 'accessibilite', page: 'accessibilite', access: 'any', component: Accessibility },
];

/** The horizontal menu of the seed, in its order. */
export const menu: readonly { slug: string; label: MenuKey }[] = [
  { slug: 'accueil', label: 'accueil' },
  { slug: 'mon-dossier', label: 'monDossier' },
  { slug: 'mon-contrat', label: 'monContrat' },
  { slug: 'ma-situation-de-solde', label: 'maSituationDeSolde' },
  { slug: 'mes-documents', label: 'mesDocuments' },
  { slug: 'mes-demandes', label: 'mesDemandes' },
  { slug: 'nous-contacter', label: 'nousContacter' },
];

export const HOME = 'accueil';
export const SIGN_IN = 'connexion';

/**
 * Matches a path against a route slug whose segments may be parameters (":id"):
 * "demande/:id" and "demande/42" give { id: "42" }; null when they do not match.
 */
export function matchSlug(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const have = path.split('/');
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of want.entries()) {
    const actual = have[index]!;
    if (part.startsWith(':')) {
      if (actual === '') return null;
      params[part.slice(1)] = actual;
    } else if (part !== actual) {
      return null;
    }
  }
  return params;
}

export function findRoute(slug: string): Route | undefined {
  return routes.find((route) => route.slug === slug) ?? routes.find((route) => matchSlug(route.slug, slug) !== null);
}

/** Where a visitor must go instead of `slug`, or null when they may stay. */
export function redirectFor(slug: string, signedIn: boolean): string | null {
  const route = findRoute(slug);
  if (!route) return signedIn ? HOME : SIGN_IN;
  if (route.access === 'private' && !signedIn) return SIGN_IN;
  if (route.access === 'guest' && signedIn) return HOME;
  return null;
}
