/** Hash locations of the console (`#/demandes/3f…?status=open`), parsed and built. */
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

/** `#/demandes?status=open` from a path and filters (empty values left out). */
export function href(path: string, query: Record<string, string | number | undefined | null> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return `#/${path}${text ? `?${text}` : ''}`;
}
