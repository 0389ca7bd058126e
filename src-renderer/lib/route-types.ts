/**
 * The shape of a route, apart from the registry (lib/routes.ts) that merges the areas' routes:
 * each area's routes.ts imports these types from here, so no area imports the registry back.
 */
import type { Component } from 'svelte';
import type { Messages } from '../i18n/index.svelte';

/** Pages that are routes: every `pages.<key>` block of i18n but `recovery` (the shared wording of the two recovery answers). */
export type PageKey = Exclude<keyof Messages['pages'], 'recovery'>;
/** Entries of the main menu: every `menu.<key>` text but the menu's own label and toggle. */
export type MenuKey = Exclude<keyof Messages['menu'], 'label' | 'toggle'>;

export interface Route {
  slug: string;
  /** Keys its wording: `pages.<page>.title` (document title), `.heading`, `.intro`. */
  page: PageKey;
  access: 'guest' | 'private' | 'any';
  /**
   * Loads its page component: each page is its own chunk (import() here), so the start bundle
   * carries only the shell and the page being opened (App starts that load at once).
   */
  load: () => Promise<{ default: Component }>;
  /**
   * Starts the page's first read from main while the shell boots, when it is the page being
   * opened (App calls it with `load`); the page then takes that answer instead of asking again.
   */
  readEarly?: () => void;
  /** Its entry in the main menu (`menu.<key>`), if it has one. */
  menu?: MenuKey;
}

/** What an area's `routes.ts` exports (`as const satisfies AreaRoutes`, so its page keys stay literal). */
export type AreaRoutes = readonly Route[];
