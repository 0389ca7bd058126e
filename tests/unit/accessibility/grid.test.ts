/**
 * docs/ACCESSIBILITY.md's RGAA grid and what is written from it: the result table, the rate, the
 * counts per theme and the in-app statement's figures (pages.accessibility in
 * src-renderer/accessibility/pages.fr.ts and pages.en.ts, the footer's line in i18n/fr.ts)
 * must be the counts of the grid's rows, so changing one criterion's state without the rest fails.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pages as enPages } from '../../../src-renderer/accessibility/pages.en';
import { pages as frPages } from '../../../src-renderer/accessibility/pages.fr';
import { fr } from '../../../src-renderer/i18n/fr';

type State = 'C' | 'NC' | 'NA';
const doc = readFileSync(join(__dirname, '../../../docs/ACCESSIBILITY.md'), 'utf8');

/** Every criterion's state: one table row each, and theme 4's 13 criteria in one sentence. */
function grid(): { criterion: string; theme: number; state: State }[] {
  const rows = [...doc.matchAll(/^\| (\d+)\.(\d+) [^|]*\| (C|NC|NA) \|/gm)].map((match) => ({
    criterion: `${match[1]}.${match[2]}`,
    theme: Number(match[1]),
    state: match[3] as State,
  }));
  const multimedia = /4\.1 to 4\.13 [^:]*: \*\*(C|NC|NA)\*\* \((\d+)\s+criteria\)/.exec(doc);
  expect(multimedia, 'the sentence for theme 4').not.toBeNull();
  for (let index = 1; index <= Number(multimedia![2]); index += 1) rows.push({ criterion: `4.${index}`, theme: 4, state: multimedia![1] as State });
  return rows;
}

const count = (rows: ReturnType<typeof grid>, state: State) => rows.filter((row) => row.state === state).length;

describe('the RGAA grid of docs/ACCESSIBILITY.md', () => {
  const rows = grid();
  const conform = count(rows, 'C');
  const notConform = count(rows, 'NC');
  const notApplicable = count(rows, 'NA');

  it('has the 106 criteria of RGAA 4.1 once each', () => {
    expect(rows).toHaveLength(106);
    expect(new Set(rows.map((row) => row.criterion)).size).toBe(106);
  });

  it('states the counts and the rate of its rows', () => {
    expect(doc).toContain(`| conform (C) | ${conform} |`);
    expect(doc).toContain(`| not conform (NC) | ${notConform} |`);
    expect(doc).toContain(`| not applicable (NA) | ${notApplicable} |`);
    const rate = Math.round((conform / (conform + notConform)) * 1000) / 10;
    expect(doc).toContain(`**Rate = conform / applicable = ${conform} / ${conform + notConform} = ${rate} %.**`);
  });

  it('counts each theme as its rows do', () => {
    const counting = doc.slice(doc.indexOf('## Counting')).replace(/\s+/g, ' ');
    for (let theme = 1; theme <= 13; theme += 1) {
      const own = rows.filter((row) => row.theme === theme);
      expect(counting, `theme ${theme}`).toMatch(new RegExp(`${theme} [^0-9;]+ ${count(own, 'C')} / ${count(own, 'NC')} / ${count(own, 'NA')}[;.]`));
    }
    expect(counting).toContain(`Total ${conform} / ${notConform} / ${notApplicable} = 106.`);
  });

  it('gives the statement page its figures, in French and English', () => {
    const rate = Math.round((conform / (conform + notConform)) * 1000) / 10;
    const frenchRate = String(rate).replace('.', ',');
    expect(frPages.accessibility.results).toContain(`${frenchRate} % des critères`);
    expect(frPages.accessibility.results).toContain(`(${conform} critères conformes sur ${conform + notConform} applicables ; ${notApplicable} critères non applicables)`);
    expect(enPages.accessibility.results).toContain(`${rate} % of the RGAA 4.1 criteria`);
    expect(enPages.accessibility.results).toContain(`(${conform} compliant criteria out of ${conform + notConform} applicable; ${notApplicable} criteria not applicable)`);
    // "Totalement conforme" only at 100 % (the RGAA's wording for the statement), "partiellement" below.
    expect(frPages.accessibility.status.includes('totalement conforme')).toBe(notConform === 0);
    expect(fr.footer.accessibility.includes('totalement conforme')).toBe(notConform === 0);
    expect(enPages.accessibility.status.includes('fully compliant')).toBe(notConform === 0);
  });
});
