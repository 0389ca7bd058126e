/** Compares names as a clerk would: case, accents, hyphens and spacing do not matter. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toUpperCase()
    .replace(/[-'’\s]+/g, ' ')
    .trim();
}
