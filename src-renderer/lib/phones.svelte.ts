/**
 * Phone numbers on pages that show them (Mon dossier, Nous contacter): the phone library and its
 * metadata (src-shared/validation/phone.ts, about 11 KB gzip) load on first use, not in the start
 * bundle. Until they have loaded, a number shows as stored, which is already the seed's dotted
 * form for the landlord's contacts and the tenant's profile; then it shows as formatted.
 * Forms that validate a phone get the library through the bridge contract's schema.
 */
type PhoneModule = typeof import('../../src-shared/validation/phone');

let phones = $state<PhoneModule | null>(null);
let loading: Promise<PhoneModule> | null = null;

function loadPhones(): void {
  loading ??= import('../../src-shared/validation/phone').then((module) => (phones = module));
}

/** "06.01.02.03.04" (formatFrenchPhone), or the stored value while the library loads. */
export function displayPhone(stored: string): string {
  loadPhones();
  return phones ? phones.formatFrenchPhone(stored) : stored;
}

/** A tel: link, E.164 when the number is valid ("tel:+33601020304"), else its digits. */
export function telHref(stored: string): string {
  loadPhones();
  return `tel:${phones?.toE164(stored) ?? stored.replace(/[^\d+]/g, '')}`;
}
