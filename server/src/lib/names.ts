/** Compares names as a clerk would: case, accents, hyphens and spacing do not matter. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toUpperCase()
    .replace(/[-'’\s]+/g, ' ')
    .trim();
}

/** "MARTINE" -> "Martine", "JEAN-PIERRE" -> "Jean-Pierre": the only personal datum of the tenants' mails. */
export function displayFirstName(firstName: string): string {
  return firstName.toLocaleLowerCase('fr-FR').replace(/(^|[\s'-])(\p{L})/gu, (_, sep: string, letter: string) => sep + letter.toLocaleUpperCase('fr-FR'));
}
