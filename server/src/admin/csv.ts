/**
 * Ledger import from the landlord's ERP, as CSV (the usual French export: `;` separator,
 * decimal comma, UTF-8 with or without BOM). Header row, in any order:
 *   dossier;date;type;libelle;montant;periode
 * date jj/mm/aaaa or aaaa-mm-jj; type rent|charges|apl|payment|adjustment (or loyer, charges,
 * apl, paiement, regularisation); montant in euros, positive = débit, negative = crédit;
 * periode aaaa-mm (optional). All lines are checked before anything is posted.
 */
import type { LedgerPosting } from '../balance/ledger';
import { validationError, type FieldProblem } from '../http/errors';

const KINDS: Record<string, LedgerPosting['kind']> = {
  rent: 'rent', loyer: 'rent', charges: 'charges', apl: 'apl', al: 'apl', payment: 'payment', paiement: 'payment',
  adjustment: 'adjustment', regularisation: 'adjustment', 'régularisation': 'adjustment',
};

function splitLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      cells.push(cell.trim());
      cell = '';
    }
    else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

function parseDate(text: string): string | null {
  const fr = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  const iso = fr ? `${fr[3]}-${fr[2]}-${fr[1]}` : text;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

function parseEuros(text: string): number | null {
  const m = /^([-+]?)(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(text.replace(/[\s\u00a0\u202f€]/g, ''));
  if (!m) return null;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 100 + Number((m[3] ?? '0').padEnd(2, '0')));
}

export function parseLedgerCsv(text: string): Map<string, LedgerPosting[]> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = splitLine(lines[0] ?? '').map((h) => h.toLowerCase().normalize('NFD').replace(/\p{Diacritic}/gu, ''));
  const col = (name: string) => header.indexOf(name);
  const missing = ['dossier', 'date', 'type', 'libelle', 'montant'].filter((n) => col(n) < 0);
  if (missing.length) throw validationError(missing.map((n) => ({ path: `ligne 1`, message: `Colonne manquante : ${n}` })));
  const problems: FieldProblem[] = [];
  const byDossier = new Map<string, LedgerPosting[]>();
  lines.slice(1).forEach((line, index) => {
    const cells = splitLine(line);
    const at = `ligne ${index + 2}`;
    const get = (name: string) => (col(name) >= 0 ? (cells[col(name)] ?? '') : '');
    const dossier = get('dossier');
    const date = parseDate(get('date'));
    const kind = KINDS[get('type').toLowerCase()];
    const label = get('libelle');
    const amountCents = parseEuros(get('montant'));
    const period = get('periode') || null;
    if (!dossier) problems.push({ path: at, message: 'Numéro de dossier manquant' });
    if (!date) problems.push({ path: at, message: `Date invalide : « ${get('date')} »` });
    if (!kind) problems.push({ path: at, message: `Type inconnu : « ${get('type')} »` });
    if (!label) problems.push({ path: at, message: 'Libellé manquant' });
    if (amountCents === null) problems.push({ path: at, message: `Montant invalide : « ${get('montant')} »` });
    if (period && !/^\d{4}-\d{2}$/.test(period)) problems.push({ path: at, message: `Période invalide : « ${period} » (aaaa-mm)` });
    if (dossier && date && kind && label && amountCents !== null) {
      const list = byDossier.get(dossier) ?? [];
      list.push({ date, kind, label, amountCents, period });
      byDossier.set(dossier, list);
    }
  });
  if (problems.length) throw validationError(problems);
  return byDossier;
}
