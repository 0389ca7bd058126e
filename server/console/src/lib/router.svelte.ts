/**
 * Hash routes (`#/demandes/3f…?status=open`): the path's segments and its query, as runes.
 * Filters live in the query so that "Retour" and a shared link give the same list.
 */
let hash = $state(location.hash);

window.addEventListener('hashchange', () => {
  hash = location.hash;
});

export interface Location {
  /** ['demandes', '3f…'] */
  segments: string[];
  query: URLSearchParams;
}

export function parseHash(value: string): Location {
  const raw = value.replace(/^#\/?/, '');
  const [path = '', search = ''] = raw.split('?', 2);
  return { segments: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(search) };
}

export const router = {
  get location(): Location {
    return parseHash(hash);
  },
};

/** `#/demandes?status=open` from a path and filters (empty values left out). */
export function href(path: string, query: Record<string, string | number | undefined | null> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return `#/${path}${text ? `?${text}` : ''}`;
}

export function navigate(target: string, options: { replace?: boolean } = {}): void {
  if (options.replace) {
    history.replaceState(null, '', target);
    hash = location.hash;
  } else {
    location.hash = target.replace(/^#/, '');
  }
}
