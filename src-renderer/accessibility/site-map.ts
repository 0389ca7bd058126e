/**
 * The "Plan du site" (RGAA 12.1): every screen with a fixed address, grouped as the tenant meets
 * them (each menu entry with the pages it leads to). lib/routes.ts checks at compile time that
 * every route without a parameter is listed here, so a new screen cannot be left out.
 * Screens with a parameter (one request, one document) are reached from their list.
 */
import type { PageKey } from '../lib/route-types';

export interface SiteMapEntry {
  slug: string;
  page: PageKey;
  children?: readonly SiteMapEntry[];
}

export const SITE_MAP = {
  private: [
    { slug: 'accueil', page: 'home', children: [{ slug: 'payer', page: 'payment' }] },
    { slug: 'mon-dossier', page: 'dossier', children: [{ slug: 'mon-assurance', page: 'insurance' }] },
    { slug: 'mon-contrat', page: 'contract' },
    { slug: 'ma-situation-de-solde', page: 'balance', children: [{ slug: 'mettre-a-jour-rib', page: 'bankDetails' }] },
    { slug: 'mes-documents', page: 'documents' },
    { slug: 'mes-demandes', page: 'requests', children: [{ slug: 'nouvelle-demande', page: 'newRequest' }] },
    { slug: 'nous-contacter', page: 'contact' },
    { slug: 'mes-notifications', page: 'notifications', children: [{ slug: 'preferences-de-notification', page: 'notificationPreferences' }] },
  ],
  account: [
    { slug: 'modifier-email', page: 'changeEmail' },
    { slug: 'modifier-mot-de-passe', page: 'changePassword' },
  ],
  guest: [
    { slug: 'connexion', page: 'signIn' },
    { slug: 'inscription', page: 'signUp' },
    { slug: 'identifiants-oublies', page: 'recoverIdentifier' },
    { slug: 'mot-de-passe-oublie', page: 'resetPassword' },
  ],
  any: [
    { slug: 'accessibilite', page: 'accessibility' },
    { slug: 'plan-du-site', page: 'siteMap' },
    { slug: 'espace-gardien', page: 'caretaker' },
  ],
} as const satisfies Record<string, readonly SiteMapEntry[]>;

type Entries = (typeof SITE_MAP)[keyof typeof SITE_MAP][number];
type WithChildren = Extract<Entries, { children: unknown }>['children'][number];
/** Every slug the site map links to. */
export type SiteMapSlug = Entries['slug'] | WithChildren['slug'];
