/**
 * Layout regressions: page 1 of each document kind against tests/golden/<kind>.png (50 dpi).
 * Regenerate with `UPDATE_GOLDEN=1 npx vitest run tests/integration/documents/golden.test.ts`,
 * then look at the new PNGs before committing them. Needs pdftoppm (scripts/ci-poppler.sh): the
 * test fails, it does not skip, when poppler is missing.
 */
import { describe, expect, it } from 'vitest';
import { renderAvisEcheance, renderQuittance, renderRecu } from '../../../server/src/documents';
import { AVIS, QUITTANCE, RECU } from './fixtures';
import { compareWithGolden, MAX_DIFF_RATIO, pixelDiffRatio, renderFirstPage } from './golden-image';
import { makeTestLogo } from './test-logo';

const logo = makeTestLogo();
const branded = <T extends { landlord: object }>(input: T): T => ({ ...input, landlord: { ...input.landlord, logo } });

describe('golden images of page 1', () => {
  it.each([
    ['avis_echeance', () => renderAvisEcheance(branded(AVIS))],
    ['quittance', () => renderQuittance(branded(QUITTANCE))],
    ['recu', () => renderRecu(branded(RECU))],
  ] as const)('page 1 of %s matches its golden image', async (kind, render) => {
    const result = compareWithGolden(kind, renderFirstPage(await render()));
    if (result.updated) return;
    expect(result.diffRatio, `page 1 of ${kind} differs from its golden image; actual rendering: ${result.actualPath}`).toBeLessThan(MAX_DIFF_RATIO);
  });

  it('notices a layout change (the comparison is not blind)', async () => {
    // Quittance and reçu share letterhead, tables and footer; their bodies differ by a few lines.
    const quittance = renderFirstPage(await renderQuittance(branded(QUITTANCE)));
    const recu = renderFirstPage(await renderRecu(branded(RECU)));
    expect(pixelDiffRatio(quittance, recu)).toBeGreaterThan(MAX_DIFF_RATIO);
    expect(pixelDiffRatio(quittance, quittance)).toBe(0);
  });
});
