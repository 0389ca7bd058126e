/**
 * pdfSafe: what reaches the page is what the embedded font can draw. Arimo covers French and the
 * Latin letters of tenants' names, so the fallbacks are checked with a narrower font (ASCII only).
 */
import { describe, expect, it } from 'vitest';
import { fontSupports } from '../../../server/src/documents/fonts';
import { pdfSafe } from '../../../server/src/documents/page-writer';

const asciiOnly = (codePoint: number) => codePoint >= 0x20 && codePoint < 0x7f;
const arimo = (codePoint: number) => fontSupports(false, codePoint);

describe('pdfSafe', () => {
  it('keeps what the font draws: French typography and the letters of tenants’ names, as written', () => {
    const text = 'Régularisation de l’exercice « 2025 » : 1\u202F234,56\u00A0€ – Şahin-Łukasiewicz Nguyễn Œuvre';
    expect(pdfSafe(text, arimo)).toBe(text);
  });

  it('takes off an accent the font lacks, strokes included, and draws "?" for what it still cannot', () => {
    expect(pdfSafe('Éléonore Łukasz Đorđe', asciiOnly)).toBe('Eleonore Lukasz Dorde');
    expect(pdfSafe('Martine 王 €', asciiOnly)).toBe('Martine ? ?');
    expect(pdfSafe('王', arimo)).toBe('?');
  });

  it('makes one line: line breaks and tabs become spaces', () => {
    expect(pdfSafe('8, rue Saint-Nicolas\r\nBâtiment B\tappt 14', arimo)).toBe('8, rue Saint-Nicolas Bâtiment B appt 14');
  });
});
