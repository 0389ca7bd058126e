/**
 * The hash route as a rune: its segments and query (lib/hash.ts). Filters live in the query so
 * that "Retour" and a shared link give the same list.
 */
import { parseHash, type Location } from './hash';

export { href } from './hash';
export type { Location } from './hash';

let hash = $state(location.hash);

window.addEventListener('hashchange', () => {
  hash = location.hash;
});

export const router = {
  get location(): Location {
    return parseHash(hash);
  },
};

export function navigate(target: string, options: { replace?: boolean } = {}): void {
  if (options.replace) {
    history.replaceState(null, '', target);
    hash = location.hash;
  } else {
    location.hash = target.replace(/^#/, '');
  }
}
