import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { frenchPlanMetadata, METADATA_FILE } from '../../../scripts/phone-metadata';
import { FRENCH_PLAN_REGIONS } from '../../../src-shared/validation/phone-plan';

describe('phone-metadata.json', () => {
  it('is the installed libphonenumber-js max metadata cut to the French plan (after an upgrade: npx tsx scripts/phone-metadata.ts)', () => {
    expect(JSON.parse(readFileSync(METADATA_FILE, 'utf8'))).toEqual(frenchPlanMetadata());
  });

  it('holds every region of the plan and nothing else', () => {
    const metadata = frenchPlanMetadata();
    expect(Object.keys(metadata.countries).sort()).toEqual([...FRENCH_PLAN_REGIONS].sort());
    expect(metadata.country_calling_codes).toEqual({ '33': ['FR'], '262': ['RE', 'YT'], '508': ['PM'], '590': ['GP', 'BL', 'MF'], '594': ['GF'], '596': ['MQ'] });
  });
});
