/**
 * The pages' own words (issue 17): each area's `pages.<name>` blocks live beside its pages, in
 * `<area>/pages.fr.ts` and `<area>/pages.en.ts`, one module per area and language, so the start
 * bundle carries only the shell's dictionary (fr.ts) and a page's words come with its chunk.
 * A route names the areas whose blocks its page shows (`words` in its routes.ts); App loads them,
 * in the current language, before it renders the page (`loadPageWords`, index.svelte.ts).
 * Only these loaders are in the start bundle; the blocks' types are imported for the type checker
 * alone, so `MessageKey` still spans every key.
 */
import type { Locale } from '../../src-shared/locale';

export const pageWords = {
  accessibility: { fr: () => import('../accessibility/pages.fr'), en: () => import('../accessibility/pages.en') },
  account: { fr: () => import('../account/pages.fr'), en: () => import('../account/pages.en') },
  balance: { fr: () => import('../balance/pages.fr'), en: () => import('../balance/pages.en') },
  caretaker: { fr: () => import('../caretaker/pages.fr'), en: () => import('../caretaker/pages.en') },
  contact: { fr: () => import('../contact/pages.fr'), en: () => import('../contact/pages.en') },
  contract: { fr: () => import('../contract/pages.fr'), en: () => import('../contract/pages.en') },
  documents: { fr: () => import('../documents/pages.fr'), en: () => import('../documents/pages.en') },
  dossier: { fr: () => import('../dossier/pages.fr'), en: () => import('../dossier/pages.en') },
  home: { fr: () => import('../home/pages.fr'), en: () => import('../home/pages.en') },
  insurance: { fr: () => import('../insurance/pages.fr'), en: () => import('../insurance/pages.en') },
  notifications: { fr: () => import('../notifications/pages.fr'), en: () => import('../notifications/pages.en') },
  payment: { fr: () => import('../payment/pages.fr'), en: () => import('../payment/pages.en') },
  requests: { fr: () => import('../requests/pages.fr'), en: () => import('../requests/pages.en') },
} as const satisfies Record<string, Record<Locale, () => Promise<{ pages: Record<string, object> }>>>;

/** An area that has page blocks: what a route's `words` lists. */
export type WordsArea = keyof typeof pageWords;

/** Every area, for the page that shows every page's title (the "Plan du site"). */
export const EVERY_WORDS_AREA = Object.keys(pageWords) as WordsArea[];

/** The blocks of one area ('home' -> { home: {...} }). */
export type AreaPages<A extends WordsArea> = Awaited<ReturnType<(typeof pageWords)[A]['fr']>>['pages'];

/** Each area's blocks side by side, for the type checker (a union turned into their intersection). */
type Intersection<U> = (U extends unknown ? (whole: U) => void : never) extends (whole: infer I) => void ? I : never;
export type PageWords = Intersection<{ [A in WordsArea]: AreaPages<A> }[WordsArea]>;

/** The block names an area's words hold, distributed over a union of areas. */
export type BlocksOf<A extends WordsArea> = A extends WordsArea ? keyof AreaPages<A> : never;
