/**
 * The home page's read (`home.get`), which App may start while the shell boots when the home
 * page is the one being opened (issue 17): the balance then shows one round trip to main
 * sooner. Only the page shown by that first visit takes the early answer, and only if it came;
 * every other read asks main again.
 */
import { untrack } from 'svelte';
import type { HomeView } from '../../src-shared/home/bridge';
import { call } from '../lib/bridge';
import { router } from '../lib/router.svelte';

let early: { visit: number; answer: Promise<HomeView> } | null = null;

export function readHomeEarly(): void {
  const answer = call('home.get');
  // Signed out, it fails: the sign-in page shows instead, and the home page's own read asks again.
  answer.catch(() => undefined);
  early = { visit: untrack(() => router.visit), answer };
}

export function readHome(): Promise<HomeView> {
  const taken = early;
  early = null;
  // Read inside the page's effect: the visit is looked at, not followed.
  if (!taken || taken.visit !== untrack(() => router.visit)) return call('home.get');
  return taken.answer.catch(() => call('home.get'));
}
