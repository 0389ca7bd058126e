/**
 * The shape of a route, apart from the registry (lib/routes.ts) that merges the areas' routes:
 * each area's routes.ts imports these types from here, so no area imports the registry back.
 */
import type { Component } from 'svelte';
import type { Messages, WordsArea } from '../i18n/index.svelte';

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
   * The areas whose `pages.*` blocks the page shows (`<area>/pages.fr.ts`): its own, and any it
   * borrows (MON DOSSIER shows the contract's and the insurance's words). App loads them in the
   * current language with the page's chunk and renders the page once both are there; lib/routes.ts
   * refuses a route whose own block is not among them, tests/unit/renderer/page-words.test.ts a
   * page (or what it imports) that uses a block not listed.
   */
  words: readonly WordsArea[];
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
