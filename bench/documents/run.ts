/**
 * Benchmark of the document renderers (PDFKit, tagged PDF/UA, PDF/A-2u, Arimo embedded and
 * subset): N avis d'échéance, N quittances and N reçus rendered one after the other on one core,
 * each with its own amounts. Beside each kind, its floor measured in the same run: the same
 * library drawing the same text (the lines of that kind's first document, as pdf.js reads them
 * back) in the same two fonts on a bare A4 page, untagged, with no layout, tables or metadata.
 * The gap between the two is what the documents' layout, tagging and archiving cost.
 * Prints a table: documents per second, mean and p99 milliseconds per document, bytes per
 * document, and the peak RSS of the process. Asserts nothing.
 * Run: `npm run -w server bench:documents` (env: BENCH_DOCUMENTS, default 500 per kind).
 */
import PDFDocument from 'pdfkit';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { renderAvisEcheance, renderQuittance, renderRecu, type AvisEcheanceInput, type DocumentLandlord, type PeriodSettlementInput } from '../../server/src/documents';
import { BOLD_FONT, REGULAR_FONT, shareWordLayouts } from '../../server/src/documents/fonts';

const N = Number(process.env.BENCH_DOCUMENTS ?? 500);
const WARMUP = 20;

const landlord: DocumentLandlord = {
  name: "Office Public de l'Habitat de Démonstration",
  address: { addressLine: '12, avenue de Paris', postalCode: '78000', city: 'Versailles' },
  phone: '01 00 00 00 02',
  email: 'quittancement@oph-demo.example',
  siret: '27780000000017',
  primaryColor: '#1f4e9c',
  tenantReferenceLabel: 'Numéro TG',
};

const common = (i: number) => ({
  landlord,
  tenant: { civility: i % 2 ? 'Mme' : 'M.', lastName: `DUPONT${i}`, firstName: 'Martine', reference: String(1_000_000_000 + i) },
  dossierNumber: String(3_000_000_000 + i),
  dwelling: { addressLine: `${1 + (i % 120)}, rue Saint-Nicolas`, postalCode: '78000', city: 'Versailles' },
  period: '2026-11',
});

const avis = (i: number): AvisEcheanceInput => ({
  ...common(i),
  issuedOn: '2026-11-15',
  rentCents: 30_000 + i,
  chargesCents: 6_000 + (i % 97),
  adjustments: i % 5 === 0 ? [{ label: 'Régularisation des charges 2025', amountCents: 1_000 + i }] : [],
  housingAllowanceCents: i % 3 === 0 ? 12_000 : 0,
  previousBalanceCents: (i % 7) * 100 - 300,
  dueDate: '2026-12-03',
  payment: { method: 'prelevement', debitDate: '2026-12-03', mandateReference: `OPH-${i}-01`, creditorId: 'FR12ZZZ123456', ibanMasked: 'FR76 **** **** **** **** **** 189' },
});

const settlement = (i: number, partial: boolean): PeriodSettlementInput => {
  const rent = 30_000 + i;
  const charges = 6_000 + (i % 97);
  const total = rent + charges;
  return {
    ...common(i),
    issuedOn: '2026-11-05',
    rentCents: rent,
    chargesCents: charges,
    housingAllowanceCents: 0,
    payments: partial ? [{ date: '2026-11-03', amountCents: Math.floor(total / 2), channel: 'virement' }] : [{ date: '2026-11-03', amountCents: total, channel: 'prelevement' }],
  };
};

const kinds: [string, (i: number) => Promise<Uint8Array>][] = [
  ["avis d'échéance", (i) => renderAvisEcheance(avis(i))],
  ['quittance', (i) => renderQuittance(settlement(i, false))],
  ['reçu', (i) => renderRecu(settlement(i, true))],
];

/** The text lines of a PDF's pages, as pdf.js reads them back. */
async function linesOf(bytes: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false }).promise;
  const lines: string[] = [];
  for (let number = 1; number <= doc.numPages; number++) {
    let line = '';
    for (const item of (await (await doc.getPage(number)).getTextContent()).items) {
      if (!('str' in item)) continue;
      line += item.str;
      if (item.hasEOL) {
        lines.push(line);
        line = '';
      }
    }
    if (line) lines.push(line);
  }
  await doc.destroy();
  return lines.filter((l) => l.trim() !== '');
}

/** The floor: PDFKit, the same fonts (parsed once, word layouts shared), the same lines, one under the other on a bare page. */
function barePage(lines: string[], i: number): Promise<Uint8Array> {
  const kit = new PDFDocument({ size: [595.28, 841.89], margin: 0, font: null as unknown as string, info: { CreationDate: new Date(Date.UTC(2026, 10, 15)) } });
  kit.registerFont('regular', REGULAR_FONT as unknown as Buffer);
  kit.registerFont('bold', BOLD_FONT as unknown as Buffer);
  // The same word-layout sharing as the documents, so the gap is layout, tagging and archiving only.
  shareWordLayouts(kit, 'regular');
  shareWordLayouts(kit, 'bold');
  const chunks: Uint8Array[] = [];
  kit.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const ended = new Promise<Uint8Array>((resolve) => kit.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks)))));
  lines.forEach((line, n) => {
    kit
      .font(n % 4 === 0 ? 'bold' : 'regular')
      .fontSize(9)
      .text(n === 0 ? `${line} ${i}` : line, 50, 40 + (n % 70) * 11, { lineBreak: false });
  });
  kit.end();
  return ended;
}

async function measure(render: (i: number) => Promise<Uint8Array>): Promise<{ perSecond: number; mean: number; p99: number; bytes: number }> {
  for (let i = 0; i < WARMUP; i++) await render(i);
  const times: number[] = [];
  let bytes = 0;
  const started = performance.now();
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    bytes += (await render(i)).byteLength;
    times.push(performance.now() - t0);
  }
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { perSecond: N / seconds, mean: times.reduce((s, t) => s + t, 0) / N, p99: times[Math.min(N - 1, Math.ceil(N * 0.99) - 1)]!, bytes: bytes / N };
}

const rows: string[] = [];
const row = (name: string, m: Awaited<ReturnType<typeof measure>>) =>
  `| ${name} | ${N} | ${m.perSecond.toFixed(0)} | ${m.mean.toFixed(2)} | ${m.p99.toFixed(2)} | ${Math.round(m.bytes).toLocaleString('en-US')} |`;
for (const [name, render] of kinds) {
  const lines = await linesOf(await render(0));
  rows.push(row(name, await measure(render)));
  rows.push(row(`floor: its ${lines.length} lines on a bare page`, await measure((i) => barePage(lines, i))));
}
const peakRssMb = process.resourceUsage().maxRSS / 1024;

console.log(`Documents rendered one after the other on one core (Node ${process.version}, ${process.platform}/${process.arch})\n`);
console.log('| kind | documents | docs/s | mean ms | p99 ms | bytes/doc |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const line of rows) console.log(line);
console.log(`\npeak RSS: ${peakRssMb.toFixed(0)} MB`);
