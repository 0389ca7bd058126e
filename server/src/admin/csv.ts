/**
 * Reading the landlord's ERP exports: CSV the usual French way (`;` separator, decimal comma,
 * dates jj/mm/aaaa, UTF-8 with or without BOM, or Windows-1252 as older ERPs still write), one
 * header row whose names are matched without case or accents ("Libellé" = "libelle"). Parsed by
 * csv-parse (quotes, doubled quotes, separators and line breaks inside quotes), streamed from the
 * file: memory does not grow with the file. The field readers below give null for a bad value,
 * and the importers report every bad line by its number, in French, before anything is written.
 */
import { createReadStream, closeSync, openSync, readSync } from 'node:fs';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';
import { validationError } from '../http/errors';

export type CsvEncoding = 'utf-8' | 'windows-1252';

/** A header name as matched: lower case, no accents, spaces and dashes as "_" ("Date de naissance" = "date_de_naissance"). */
export const headerKey = (name: string): string =>
  name.trim().toLowerCase().normalize('NFD').replace(/\p{Diacritic}/gu, '').replace(/[\s-]+/g, '_');

/**
 * UTF-8 unless the file's start is not valid UTF-8 (then Windows-1252, the French ERPs' other
 * encoding); a BOM says UTF-8 outright.
 */
export function detectEncoding(path: string): CsvEncoding {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(64 * 1024);
    const read = readSync(fd, head, 0, head.length, 0);
    let sample = head.subarray(0, read);
    if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
    // A multi-byte character may be cut at the end of the sample: leave its last 3 bytes out.
    if (read === head.length) sample = sample.subarray(0, read - 3);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(sample);
      return 'utf-8';
    } catch {
      return 'windows-1252';
    }
  } finally {
    closeSync(fd);
  }
}

/** Bytes to text, in `encoding`; a byte sequence that is not valid UTF-8 stops the import (no silent "�"). */
function decoder(encoding: CsvEncoding): Transform {
  const text = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _encoding, done) {
      try {
        done(null, text.decode(chunk, { stream: true }));
      } catch {
        done(validationError([{ path: 'fichier', message: "Le fichier n'est pas en UTF-8 valide : ré-exportez-le en UTF-8, ou indiquez --encodage windows-1252" }]));
      }
    },
    flush(done) {
      done(null, text.decode());
    },
  });
}

export interface CsvRow {
  /** Line number in the file (the header is line 1). */
  line: number;
  /** The cell under `column` (a headerKey), trimmed; '' when absent. */
  get(column: string): string;
}

/**
 * The rows of a CSV file, one after the other, checking first that `required` columns are in the
 * header (else a French validation error naming them, "ligne 1").
 */
export async function* csvRows(path: string, required: string[], options: { encoding?: CsvEncoding } = {}): AsyncGenerator<CsvRow> {
  const encoding = options.encoding ?? detectEncoding(path);
  const parser = createReadStream(path)
    .pipe(decoder(encoding))
    .pipe(parse({ delimiter: ';', bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true }));
  let header: Map<string, number> | null = null;
  try {
    for await (const { info, record } of parser as AsyncIterable<{ info: { lines: number }; record: string[] }>) {
      if (!header) {
        header = new Map(record.map((name, index) => [headerKey(name), index]));
        const missing = required.filter((name) => !header!.has(name));
        if (missing.length) throw validationError(missing.map((name) => ({ path: 'ligne 1', message: `Colonne manquante : ${name}` })));
        continue;
      }
      const columns = header;
      yield { line: info.lines, get: (column) => { const index = columns.get(column); return index === undefined ? '' : (record[index] ?? ''); } };
    }
  } catch (error) {
    // csv-parse's own errors (an unclosed quote...) carry the line where it gave up.
    if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string' && error.code.startsWith('CSV_')) {
      const at = 'lines' in error && typeof error.lines === 'number' ? error.lines : 0;
      throw validationError([{ path: `ligne ${at}`, message: 'Ligne illisible (guillemet non refermé ?)' }]);
    }
    throw error;
  }
  if (!header) throw validationError([{ path: 'ligne 1', message: 'Fichier vide : la ligne des noms de colonnes manque' }]);
}

/* Field readers: the value, or null when it is not one. */

/** jj/mm/aaaa (or aaaa-mm-jj) -> aaaa-mm-jj, a real calendar date. */
export function readDate(text: string): string | null {
  const fr = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  const iso = fr ? `${fr[3]}-${fr[2]}-${fr[1]}` : text;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

/** "1 234,56" / "-150,00 €" / "412.35" -> cents. */
export function readEuros(text: string): number | null {
  const m = /^([-+]?)(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(text.replace(/[\s\u00a0\u202f€]/g, ''));
  if (!m) return null;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 100 + Number((m[3] ?? '0').padEnd(2, '0')));
}

/** oui / non (also o, n, 1, 0, vrai, faux). */
export function readYesNo(text: string): boolean | null {
  const value = text.toLowerCase();
  if (['oui', 'o', '1', 'vrai', 'x'].includes(value)) return true;
  if (['non', 'n', '0', 'faux', ''].includes(value)) return false;
  return null;
}

/** "« value »" as error messages quote what was read. */
export const quoted = (text: string): string => `« ${text} »`;
