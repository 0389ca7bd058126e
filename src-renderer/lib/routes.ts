/**
 * The route registry: each portal area declares its own routes in `<area>/routes.ts` (French
 * slug, page key, access, the page's lazy loader, and its menu entry if it has one); this file only merges
 * them, builds the menu and decides redirects. `access`: 'guest' pages are for signed-out
 * visitors (a signed-in tenant is sent to the home page), 'private' pages need a session (a
 * visitor is sent to the sign-in page), 'any' is for both.
 */
import type { Component } from 'svelte';
import { loadPageWords } from '../i18n/index.svelte';
import type { BlocksOf, WordsArea } from '../i18n/page-words';
import type { AreaRoutes, MenuKey, PageKey, Route } from './route-types';
import { accessibilityRoutes } from '../accessibility/routes';
import type { SiteMapSlug } from '../accessibility/site-map';
import { accountRoutes } from '../account/routes';
import { balanceRoutes } from '../balance/routes';
import { contactRoutes } from '../contact/routes';
import { contractRoutes } from '../contract/routes';
import { documentsRoutes } from '../documents/routes';
import { dossierRoutes } from '../dossier/routes';
import { homeRoutes } from '../home/routes';
import { insuranceRoutes } from '../insurance/routes';
import { paymentRoutes } from '../payment/routes';
import { requestsRoutes } from '../requests/routes';
import { notificationsRoutes } from '../notifications/routes';
import { caretakerRoutes } from '../caretaker/routes';

export type { AreaRoutes, MenuKey, PageKey, Route };

const allRoutes = [
  ...accountRoutes,
  ...homeRoutes,
  ...dossierRoutes,
  ...insuranceRoutes,
  ...contractRoutes,
  ...balanceRoutes,
  ...documentsRoutes,
  ...requestsRoutes,
  ...contactRoutes,
  ...paymentRoutes,
  ...accessibilityRoutes,
  ...notificationsRoutes,
  ...caretakerRoutes,
] as const;

/**
 * Compile-time check, the other direction: an i18n page block (fr.ts, en.ts) that no area
 * routes fails here, naming the orphan key. (A route whose page has no block fails in its area's
 * `satisfies AreaRoutes`.)
 */
type PagesWithoutRoute = Exclude<PageKey, (typeof allRoutes)[number]['page']>;
const everyPageRouted: [PagesWithoutRoute] extends [never] ? true : PagesWithoutRoute = true;
void everyPageRouted;

/** Compile-time check: each route's `words` hold its own page block (its title, heading, intro). */
type PageWithoutItsWords<R> = R extends { page: infer P; words: readonly (infer A extends WordsArea)[] } ? (P extends BlocksOf<A> ? never : P) : never;
type PagesOutsideTheirWords = PageWithoutItsWords<(typeof allRoutes)[number]>;
const everyPageWorded: [PagesOutsideTheirWords] extends [never] ? true : PagesOutsideTheirWords = true;
void everyPageWorded;

/** Compile-time check: the "Plan du site" lists every route without a parameter (RGAA 12.1). */
type FixedSlug = Exclude<(typeof allRoutes)[number]['slug'], `${string}:${string}`>;
type MissingFromSiteMap = Exclude<FixedSlug, SiteMapSlug>;
const everyScreenInSiteMap: [MissingFromSiteMap] extends [never] ? true : MissingFromSiteMap = true;
void everyScreenInSiteMap;

export const routes: readonly Route[] = allRoutes;

/** The seed's horizontal menu order; each entry is the route that declares it. */
const MENU_ORDER = ['home', 'dossier', 'contract', 'balance', 'documents', 'requests', 'contact'] as const;

/** Compile-time check: every menu text is in MENU_ORDER and is declared by a route's `menu`. */
type MenuRoute = Extract<(typeof allRoutes)[number], { menu: MenuKey }>;
type MenuProblems = Exclude<MenuKey, (typeof MENU_ORDER)[number]> | Exclude<MenuKey, MenuRoute['menu']>;
const everyMenuEntryRouted: [MenuProblems] extends [never] ? true : MenuProblems = true;
void everyMenuEntryRouted;

export const menu: readonly { slug: string; label: MenuKey }[] = MENU_ORDER.map((label) => {
  const route = routes.find((candidate) => candidate.menu === label);
  if (!route) throw new Error(`No route declares the menu entry ${label}`);
  return { slug: route.slug, label };
});

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

/** The pages whose chunk and words are loaded, by route (see `loadedPage`). */
const loadedPages = new WeakMap<Route, Component>();

/**
 * A page's chunk and its words in the current language (its route's `words`): App renders the
 * page once both are there, so it never shows a key.
 */
export function loadPage(route: Route): Promise<{ default: Component }> {
  return Promise.all([route.load(), loadPageWords(route.words)]).then(([module]) => {
    loadedPages.set(route, module.default);
    return module;
  });
}

/**
 * The route's page if `loadPage` has already brought it, else undefined. App shows such a page in
 * the same render as the shell (issue 17): asking `import()` again for a loaded chunk still answers
 * in a later task, a frame after the shell, before the balance could show. Its words stay loaded
 * in a language chosen later: setLocale loads every area a page has asked for.
 */
export function loadedPage(route: Route): Component | undefined {
  return loadedPages.get(route);
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
