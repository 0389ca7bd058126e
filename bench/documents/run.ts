/**
 * Benchmark of the document renderers (pdf-lib): N avis d'échéance, N quittances and N reçus
 * rendered one after the other on one core, each with its own amounts (nothing cached between
 * documents). Prints a table: documents per second, mean and p99 milliseconds per document, bytes
 * per document, and the peak RSS of the process. Asserts nothing.
 * Run: `npm run -w server bench:documents` (env: BENCH_DOCUMENTS, default 500 per kind).
 */
import { renderAvisEcheance, renderQuittance, renderRecu, type AvisEcheanceInput, type DocumentLandlord, type PeriodSettlementInput } from '../../server/src/documents';

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

const rows: string[] = [];
for (const [name, render] of kinds) {
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
  const mean = times.reduce((s, t) => s + t, 0) / N;
  const p99 = times[Math.min(N - 1, Math.ceil(N * 0.99) - 1)]!;
  rows.push(`| ${name} | ${N} | ${(N / seconds).toFixed(0)} | ${mean.toFixed(2)} | ${p99.toFixed(2)} | ${Math.round(bytes / N).toLocaleString('en-US')} |`);
}
const peakRssMb = process.resourceUsage().maxRSS / 1024;

console.log(`Documents rendered one after the other on one core (Node ${process.version}, ${process.platform}/${process.arch})\n`);
console.log('| kind | documents | docs/s | mean ms | p99 ms | bytes/doc |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
console.log(`\npeak RSS: ${peakRssMb.toFixed(0)} MB`);
