/**
 * Masked display of bank details, as on the seed's "Ma situation de solde" ("#####123",
 * "#####ABC"): a fixed run of five "#" (so the mask does not reveal the length) and the last
 * `visible` characters. A value too short to have a hidden part is fully masked rather than
 * shown in clear.
 */
export function maskTail(value: string, visible = 3): string {
  const mask = '#####';
  if (value.length <= visible) return mask;
  return mask + value.slice(-visible);
}
