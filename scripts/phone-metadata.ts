/**
 * Writes src-shared/validation/phone-metadata.json: libphonenumber-js's "max" metadata cut down to
 * the regions of the French numbering plan (src-shared/validation/phone-plan.ts), what the
 * library's own generator does with --countries. Whole, the max metadata is 157 KB and would ride
 * in the renderer's bridge contract for every page; the cut is under 4 KB (1 KB gzip) and validates the same
 * (tests/unit/shared/phone-differential.test.ts checks that against libphonenumber-js/max).
 *
 * Run after upgrading libphonenumber-js: npx tsx scripts/phone-metadata.ts
 * (tests/unit/shared/phone-metadata.test.ts fails until you do).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MetadataJson } from 'libphonenumber-js/core';
import max from 'libphonenumber-js/metadata.max.json';
import { FRENCH_PLAN_REGIONS } from '../src-shared/validation/phone-plan';

export function frenchPlanMetadata(full: MetadataJson = max as unknown as MetadataJson): MetadataJson {
  const regions: readonly string[] = FRENCH_PLAN_REGIONS;
  const countries = Object.fromEntries(regions.map((region) => [region, full.countries[region as keyof typeof full.countries]]));
  const callingCodes = Object.fromEntries(
    Object.entries(full.country_calling_codes)
      .map(([code, codeRegions]) => [code, codeRegions.filter((region) => regions.includes(region))] as const)
      .filter(([, codeRegions]) => codeRegions.length > 0),
  );
  // No non-geographic numbers (+800 freephone...): they are not in the French plan.
  return { ...full, country_calling_codes: callingCodes, countries, nonGeographic: {} } as MetadataJson;
}

export const METADATA_FILE = fileURLToPath(new URL('../src-shared/validation/phone-metadata.json', import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(METADATA_FILE, `${JSON.stringify(frenchPlanMetadata())}\n`);
  console.log(`wrote ${METADATA_FILE}`);
}
