/**
 * Golden images: page 1 rendered by poppler's pdftoppm at 50 dpi, compared pixel by pixel with
 * tests/golden/<name>.png. A pixel "differs" when a channel moves by more than PIXEL_TOLERANCE
 * (anti-aliasing and poppler versions shift edges slightly); the test fails when more than
 * MAX_DIFF_RATIO of the pixels differ, which a moved block or a missing line does.
 * UPDATE_GOLDEN=1 rewrites the references instead of comparing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

export const GOLDEN_DIR = fileURLToPath(new URL('../../golden/', import.meta.url));
export const PIXEL_TOLERANCE = 48;
export const MAX_DIFF_RATIO = 0.01;

function requirePdftoppm(): void {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
  } catch {
    // Never a silent skip: without poppler the layout is not checked at all.
    throw new Error('pdftoppm not found: the golden-image tests need poppler-utils. Run `bash scripts/ci-poppler.sh` (apt-get install -y poppler-utils).');
  }
}

export function renderFirstPage(pdf: Uint8Array): Buffer {
  requirePdftoppm();
  const dir = mkdtempSync(join(tmpdir(), 'golden-'));
  try {
    writeFileSync(join(dir, 'doc.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '1', '-singlefile', join(dir, 'doc.pdf'), join(dir, 'page')]);
    return readFileSync(join(dir, 'page.png'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface GoldenResult {
  updated: boolean;
  diffRatio: number;
  /** Where the actual rendering was written when it does not match (for a look with an image viewer). */
  actualPath?: string;
}

export function compareWithGolden(name: string, actualPng: Buffer): GoldenResult {
  const goldenPath = join(GOLDEN_DIR, `${name}.png`);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(goldenPath, actualPng);
    return { updated: true, diffRatio: 0 };
  }
  if (!existsSync(goldenPath)) throw new Error(`No golden image ${goldenPath}: run the test once with UPDATE_GOLDEN=1 and look at it.`);
  const diffRatio = pixelDiffRatio(readFileSync(goldenPath), actualPng);
  if (diffRatio < MAX_DIFF_RATIO) return { updated: false, diffRatio };
  const actualPath = join(tmpdir(), `golden-actual-${name}.png`);
  writeFileSync(actualPath, actualPng);
  return { updated: false, diffRatio, actualPath };
}

/** Share of pixels that differ by more than PIXEL_TOLERANCE on a channel; 1 when the sizes differ. */
export function pixelDiffRatio(expectedPng: Buffer, actualPng: Buffer): number {
  const expected = PNG.sync.read(expectedPng);
  const actual = PNG.sync.read(actualPng);
  if (expected.width !== actual.width || expected.height !== actual.height) return 1;
  let differing = 0;
  for (let i = 0; i < expected.data.length; i += 4) {
    for (let channel = 0; channel < 3; channel++) {
      if (Math.abs(expected.data[i + channel]! - actual.data[i + channel]!) > PIXEL_TOLERANCE) {
        differing++;
        break;
      }
    }
  }
  return differing / (expected.width * expected.height);
}
