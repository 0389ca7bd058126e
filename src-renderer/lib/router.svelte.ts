/**
 * Hash router: "#/mon-dossier". A hash works the same under the app's custom protocol and behind
 * the browser preview, and needs nothing from the host. Hashes that do not start with "#/"
 * (in-page anchors) are not routes and leave the current route alone.
 */

function readHash(): string | null {
  const hash = window.location.hash;
  if (!hash.startsWith('#/')) return null;
  return decodeURIComponent(hash.slice(2)).replace(/\/+$/, '');
}

let path = $state(readHash() ?? '');
/** Bumped on every navigation, even to the same path, so focus moves each time. */
let visit = $state(0);

window.addEventListener('hashchange', () => {
  const next = readHash();
  if (next === null) return;
  path = next;
  visit++;
});

export const router = {
  get path(): string {
    return path;
  },
  get visit(): number {
    return visit;
  },
};

/** Goes to `#/<slug>`; `replace` for redirects, so Back does not bounce into them again. */
export function navigate(slug: string, options: { replace?: boolean } = {}) {
  if (options.replace) {
    history.replaceState(history.state, '', `#/${slug}`);
  } else if (window.location.hash !== `#/${slug}`) {
    history.pushState(history.state, '', `#/${slug}`);
  }
  path = slug;
  visit++;
}
