/**
 * Every generated document is read back with pdf.js and checked for the elements the law and the
 * product ask for, with amounts to the cent as fr-FR prints them. Whitespace is normalised on both
 * sides: the PDF carries U+00A0 in "1 234,56 €", which \s matches.
 */
import { describe, expect, it } from 'vitest';
import { documentDataSchema } from '../../../src-shared/documents/api';
import {
  avisTotalCents,
  documentLandlordFromSettings,
  DocumentRefusedError,
  renderAvisEcheance,
  renderQuittance,
  renderRecu,
  renderSettlementDocument,
  sha256Hex,
  type AvisEcheanceInput,
  type PeriodSettlementInput,
  QUITTANCE_FREE_OF_CHARGE,
} from '../../../server/src/documents';
import { DEMO_LANDLORD } from '../../../server/src/demo/landlord';
import { AVIS, LANDLORD, QUITTANCE, RECU } from './fixtures';
import { normalize, readPdf } from './read-pdf';
import { makeTestLogo } from './test-logo';

const textOf = async (bytes: Uint8Array) => (await readPdf(bytes)).text;

/** Asserts each fragment appears, whitespace-insensitively, and says which one is missing. */
function expectAll(text: string, fragments: string[]): void {
  const missing = fragments.map(normalize).filter((fragment) => !text.includes(fragment));
  expect(missing, `missing in:\n${text}`).toEqual([]);
}

async function refusal(promise: Promise<unknown>): Promise<DocumentRefusedError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DocumentRefusedError);
  return error as DocumentRefusedError;
}

describe("avis d'échéance", () => {
  it('shows every element of a rent notice with exact amounts, and is the SEPA pre-notification', async () => {
    expect(avisTotalCents(AVIS)).toBe(123_456 + 15_432 + 4_210 - 21_000 - 1_550);
    const text = await textOf(await renderAvisEcheance(AVIS));
    expectAll(text, [
      "AVIS D'ÉCHÉANCE",
      'Numéro TG 1000123456',
      'Dossier n° 0123456789',
      'Période : Novembre 2026 (du 01/11/2026 au 30/11/2026)',
      'Mme DUPONT Martine',
      '8, rue Saint-Nicolas Bâtiment B, appartement 14 78000 VERSAILLES',
      'Loyer hors charges 1 234,56 €',
      'Provisions pour charges 154,32 €',
      'Régularisation des charges 2025 42,10 €',
      'APL versée par la CAF à votre bailleur (en votre faveur) -210,00 €',
      "Montant de l'échéance de Novembre 2026 1 220,98 €",
      'Solde précédent (en votre faveur) -15,50 €',
      'TOTAL À PAYER 1 205,48 €',
      "Date d'échéance : 03/12/2026",
      // Pre-notification: amount, debit date, mandate, creditor.
      'La somme de 1 205,48 € sera prélevée le 03/12/2026 sur votre compte FR76 **** **** **** **** ***1 89',
      'prélevé le 3 de chaque échéance',
      'Référence unique du mandat (RUM) : OPH-DEMO-0123456789-01',
      'identifiant créancier SEPA (ICS) : FR12ZZZ123456',
      "Cet avis n'est pas une quittance.",
    ]);
    expect(text).not.toContain('Quittance délivrée');
  });

  it('offers card on the portal and transfer when the tenant does not pay by direct debit', async () => {
    const input: AvisEcheanceInput = {
      ...AVIS,
      payment: { method: 'portail', transfer: { iban: 'FR76 3000 1007 9412 3456 7890 185', bic: 'BDFEFRPPCCT', holder: 'OPH Démonstration' } },
    };
    const text = await textOf(await renderAvisEcheance(input));
    expectAll(text, [
      'À régler au plus tard le 03/12/2026',
      'par carte bancaire, avec « Payer en ligne » dans votre Espace Locataire',
      'par virement sur le compte FR76 3000 1007 9412 3456 7890 185 (BIC BDFEFRPPCCT, titulaire OPH Démonstration)',
      'Numéro TG 1000123456 dans le libellé',
      'TOTAL À PAYER 1 205,48 €',
    ]);
    expect(text).not.toContain('prélevée');
  });

  it('adds 3 x 333,33 € in integer cents: 1 999,99 €, not 1 999,9899…', async () => {
    const input: AvisEcheanceInput = {
      ...AVIS,
      rentCents: 100_000,
      chargesCents: 0,
      adjustments: [1, 2, 3].map((n) => ({ label: `Ajustement ${n}`, amountCents: 33_333 })),
      housingAllowanceCents: 0,
      previousBalanceCents: 0,
    };
    const text = await textOf(await renderAvisEcheance(input));
    expectAll(text, ['Ajustement 1 333,33 €', 'Ajustement 3 333,33 €', 'Solde précédent 0,00 €', 'TOTAL À PAYER 1 999,99 €', 'La somme de 1 999,99 €']);
  });

  it('wraps a long ledger label under itself, keeping its amount on the first line', async () => {
    const label = 'Régularisation des charges récupérables de l’exercice 2025 (chauffage collectif, eau froide, entretien des parties communes et ascenseur)';
    const input = { ...AVIS, adjustments: [{ label, amountCents: -1_234 }] };
    const text = await textOf(await renderAvisEcheance(input));
    expectAll(text, ['Régularisation des charges récupérables', '-12,34 €', 'entretien des parties communes et ascenseur)']);
  });

  it('a credit balance means nothing to pay and no debit', async () => {
    const text = await textOf(await renderAvisEcheance({ ...AVIS, previousBalanceCents: -200_000 }));
    expectAll(text, ['TOTAL À PAYER 0,00 €', "Votre compte est créditeur de 779,02 € : vous n'avez rien à payer pour cette échéance.", 'Aucun prélèvement ne sera effectué le 03/12/2026']);
  });

  const portail: AvisEcheanceInput['payment'] = { method: 'portail', transfer: { iban: 'FR76 3000 1007 9412 3456 7890 185', bic: 'BDFEFRPPCCT', holder: 'OPH Démonstration' } };

  it.each([
    ['a total of exactly 0 €', -122_098, "Vous n'avez rien à payer pour cette échéance."],
    ['a credit', -200_000, "Votre compte est créditeur de 779,02 € : vous n'avez rien à payer pour cette échéance. Ce crédit sera déduit de vos prochaines échéances."],
  ])('%s: says there is nothing to pay, with no deadline nor payment instructions (issue 14)', async (_case, previousBalanceCents, sentence) => {
    const bytes = await renderAvisEcheance({ ...AVIS, payment: portail, previousBalanceCents });
    const { text, info } = await readPdf(bytes);
    expectAll(text, ['TOTAL À PAYER 0,00 €', sentence]);
    for (const instruction of ['À régler au plus tard', 'Comment payer', 'par carte bancaire', 'par virement sur le compte']) expect(text).not.toContain(instruction);
    expect(normalize(info.Subject ?? '')).toContain('dossier n° 0123456789 : rien à payer.');
  });

  it('a total of exactly 0 € paid by direct debit: no debit, and nothing to pay said in words', async () => {
    const text = await textOf(await renderAvisEcheance({ ...AVIS, previousBalanceCents: -122_098 }));
    expectAll(text, ["Vous n'avez rien à payer pour cette échéance.", 'Aucun prélèvement ne sera effectué le 03/12/2026']);
    expect(text).not.toContain('sera prélevée');
  });

  it('refuses a pre-notification issued less than 14 days before the debit', async () => {
    const late = await refusal(renderAvisEcheance({ ...AVIS, issuedOn: '2026-11-20' }));
    expect(late.code).toBe('pre_notification_too_late');
    expect(late.details).toMatchObject({ days: 13 });
    await expect(renderAvisEcheance({ ...AVIS, issuedOn: '2026-11-19' })).resolves.toBeInstanceOf(Uint8Array);
  });

  it('sets title, author, subject, language and the issue date in the PDF metadata', async () => {
    const { info, pageSize, pageCount } = await readPdf(await renderAvisEcheance(AVIS));
    expect(info.Title).toBe("Avis d'échéance – Novembre 2026");
    expect(info.Author).toBe(AVIS.landlord.name);
    expect(normalize(info.Subject ?? '')).toContain("Avis d'échéance de Novembre 2026, dossier n° 0123456789 : 1 205,48 € à payer au 03/12/2026");
    expect(info.Language).toBe('fr-FR');
    expect(info.CreationDate).toBe('D:20261118000000Z');
    expect(pageCount).toBe(1);
    expect(pageSize).toEqual([595.28, 841.89]); // A4
  });
});

describe('quittance de loyer (loi n° 89-462 du 6 juillet 1989, art. 21)', () => {
  it('names landlord, tenant, dwelling and period, with rent and charges separately and the payment dates', async () => {
    const text = await textOf(await renderQuittance(QUITTANCE));
    expectAll(text, [
      'QUITTANCE DE LOYER',
      'Période : Novembre 2026 (du 01/11/2026 au 30/11/2026)',
      "Bailleur Office Public de l'Habitat de Démonstration, 12, avenue de Paris, 78000 Versailles",
      'Locataire Mme DUPONT Martine',
      'Logement loué 8, rue Saint-Nicolas, Bâtiment B, appartement 14, 78000 Versailles',
      'Numéro TG 1000123456',
      // Who paid what: the tenant their payments, the CAF the APL (issue 14).
      'déclare avoir reçu de Mme DUPONT Martine, locataire, la somme de 1 178,88 €, et de la CAF, pour son compte, 210,00 € d\'APL, soit 1 388,88 € au titre du loyer et des charges',
      'et lui en donne quittance',
      'Loyer hors charges 1 234,56 €',
      'Charges 154,32 €',
      'Total dû 1 388,88 €',
      'Carte bancaire du 01/12/2026 333,33 €',
      'Carte bancaire du 02/12/2026 333,33 €',
      'Carte bancaire du 03/12/2026 333,33 €',
      'Virement du 04/12/2026 178,89 € APL versée par la CAF pour votre compte 210,00 €',
      'TOTAL REÇU 1 388,88 €',
      'Quittance délivrée gratuitement (loi n° 89-462 du 6 juillet 1989, art. 21).',
      'Fait à Versailles, le 05/12/2026',
      "Pour le bailleur, Office Public de l'Habitat de Démonstration",
    ]);
    expect(text).not.toContain('ne vaut pas quittance');
    expect(text).not.toContain('avance');
  });

  it('says who paid when the tenant alone paid, and when the APL alone covered the period', async () => {
    const tenantOnly = await textOf(await renderQuittance({ ...QUITTANCE, housingAllowanceCents: 0, payments: [{ date: '2026-12-03', amountCents: 138_888, channel: 'prelevement' }] }));
    expectAll(tenantOnly, ['déclare avoir reçu de Mme DUPONT Martine, locataire, la somme de 1 388,88 € au titre du loyer et des charges', 'Prélèvement du 03/12/2026 1 388,88 € TOTAL REÇU 1 388,88 €']);
    expect(tenantOnly).not.toContain('CAF');
    const aplOnly = await textOf(await renderQuittance({ ...QUITTANCE, housingAllowanceCents: 138_888, housingAllowanceLabel: 'AL', payments: [] }));
    expectAll(aplOnly, ["déclare avoir reçu de la CAF, pour le compte de Mme DUPONT Martine, locataire, 1 388,88 € d'AL au titre du loyer et des charges", 'AL versée par la CAF pour votre compte 1 388,88 €']);
  });

  it('refuses a partly paid period: that is a reçu', async () => {
    const partial = await refusal(renderQuittance(RECU));
    expect(partial.code).toBe('quittance_not_fully_paid');
    expect(partial.details).toMatchObject({ dueCents: 138_888, paidCents: 51_000 });
  });

  it('refuses a period paid one cent short', async () => {
    const oneCentShort: PeriodSettlementInput = {
      ...QUITTANCE,
      payments: QUITTANCE.payments.map((p, i) => (i === 3 ? { ...p, amountCents: p.amountCents - 1 } : p)),
    };
    expect((await refusal(renderQuittance(oneCentShort))).code).toBe('quittance_not_fully_paid');
  });

  it('states an overpayment as what settles the period and an advance kept as a credit, not as paid "au titre du loyer et des charges"', async () => {
    const overpaid = { ...QUITTANCE, payments: [...QUITTANCE.payments, { date: '2026-12-04', amountCents: 5_000, channel: 'especes' as const }] };
    const text = await textOf(await renderQuittance(overpaid));
    expectAll(text, [
      "la somme de 1 228,88 €, et de la CAF, pour son compte, 210,00 € d'APL, soit 1 438,88 €, dont 1 388,88 € au titre du loyer et des charges du logement",
      'et lui en donne quittance, sous réserve de tous ses droits. Le surplus de 50,00 € est gardé en avance, au crédit de son compte.',
      'Espèces du 04/12/2026 50,00 € APL versée par la CAF pour votre compte 210,00 €',
      'TOTAL REÇU 1 438,88 € dont avance portée au crédit de votre compte 50,00 €',
    ]);
    expect(text).not.toContain('la somme de 1 438,88 € au titre du loyer et des charges');
  });

  it('lists payments in date order whatever the input order, and uses the given place of issue', async () => {
    const shuffled = { ...QUITTANCE, payments: [...QUITTANCE.payments].reverse(), placeOfIssue: 'Le Chesnay-Rocquencourt' };
    const text = await textOf(await renderQuittance(shuffled));
    expect(text.indexOf('du 01/12/2026')).toBeLessThan(text.indexOf('du 04/12/2026'));
    expectAll(text, ['Fait à Le Chesnay-Rocquencourt, le 05/12/2026']);
  });

  it('continues on a second page when a month has many payments, footer and page numbers on each', async () => {
    // 24 payments of 49,12 € = 1 178,88 € = 1 388,88 € - 210,00 € of APL: the month is paid in full.
    const payments = Array.from({ length: 24 }, (_, i) => ({ date: `2026-12-${String(i + 1).padStart(2, '0')}`, amountCents: 4_912, channel: 'especes' as const }));
    const manyPayments = { ...QUITTANCE, issuedOn: '2026-12-28', payments };
    const bytes = await renderQuittance(manyPayments);
    const { pageCount, text } = await readPdf(bytes);
    expect(pageCount).toBe(2);
    expectAll(text, ['Espèces du 01/12/2026 49,12 €', 'Espèces du 24/12/2026 49,12 €', 'TOTAL REÇU 1 388,88 €', 'Page 1/2', 'Page 2/2', 'Quittance de loyer – Novembre 2026 · Mme DUPONT · Dossier n° 0123456789 (suite)', QUITTANCE_FREE_OF_CHARGE]);
    expect(text.match(/SIRET 27780000000017/g)).toHaveLength(2);
  });

  it('has the quittance title and language in its metadata', async () => {
    const { info } = await readPdf(await renderQuittance(QUITTANCE));
    expect(info.Title).toBe('Quittance de loyer – Novembre 2026');
    expect(info.Language).toBe('fr-FR');
    expect(info.Author).toBe(QUITTANCE.landlord.name);
    expect(info.CreationDate).toBe('D:20261205000000Z');
  });
});

describe('reçu (partial payment)', () => {
  it('shows amount received, date, remaining due, and that it is not a quittance', async () => {
    const text = await textOf(await renderRecu(RECU));
    expectAll(text, [
      'REÇU',
      'Paiement partiel – Période : Novembre 2026',
      'Locataire Mme DUPONT Martine',
      "la somme de 300,00 €, et de la CAF, pour son compte, 210,00 € d'APL, soit 510,00 € en paiement partiel du loyer et des charges",
      'Prélèvement du 03/12/2026 300,00 € APL versée par la CAF pour votre compte 210,00 €',
      'Loyer hors charges 1 234,56 €',
      'Charges 154,32 €',
      'Total dû 1 388,88 €',
      'Prélèvement du 03/12/2026 300,00 €',
      'Total reçu 510,00 €',
      'RESTE DÛ POUR LA PÉRIODE 878,88 €',
      'Ce reçu ne vaut pas quittance.',
      'Fait à Versailles, le 04/12/2026',
    ]);
    expect(text).not.toContain('Quittance délivrée gratuitement');
    expect(text).not.toContain('QUITTANCE DE LOYER');
    const { info } = await readPdf(await renderRecu(RECU));
    expect(info.Title).toBe('Reçu de paiement partiel – Novembre 2026');
    expect(info.Language).toBe('fr-FR');
  });

  it('refuses a fully paid period (owed a quittance) and a period with nothing paid', async () => {
    expect((await refusal(renderRecu(QUITTANCE))).code).toBe('recu_fully_paid');
    expect((await refusal(renderRecu({ ...RECU, housingAllowanceCents: 0, payments: [] }))).code).toBe('recu_nothing_paid');
  });
});

describe('choosing and describing the document', () => {
  it('renderSettlementDocument issues a quittance when paid in full, a reçu when partly, nothing when unpaid', async () => {
    expect((await renderSettlementDocument(QUITTANCE))?.kind).toBe('quittance');
    expect((await renderSettlementDocument(RECU))?.kind).toBe('recu');
    expect(await renderSettlementDocument({ ...RECU, housingAllowanceCents: 0, payments: [] })).toBeNull();
  });

  it('describeDocument gives a row the sync contract accepts', async () => {
    const result = await renderSettlementDocument(QUITTANCE);
    const row = { dossierId: '8a3b1f0e-5c1d-4c36-9b2a-0d6f1e2a3b4c', issuedAt: '2026-12-05T00:00:00.000Z', ...result!.description };
    expect(documentDataSchema.parse(row)).toMatchObject({ kind: 'quittance', period: '2026-11', title: 'Quittance de loyer – Novembre 2026' });
    expect(row.sha256).toBe(sha256Hex(result!.bytes));
    expect(row.size).toBe(result!.bytes.byteLength);
  });
});

describe('landlord settings', () => {
  it('documentLandlordFromSettings takes name, colour, reference label and the quittancement contact', async () => {
    const landlord = documentLandlordFromSettings(DEMO_LANDLORD, { address: LANDLORD.address, siret: '27780000000017' });
    expect(landlord).toMatchObject({
      name: DEMO_LANDLORD.name,
      primaryColor: '#1f4e9c',
      tenantReferenceLabel: 'Numéro TG',
      email: 'quittancement@oph-demo.example',
      phone: '01.00.00.00.02',
      siret: '27780000000017',
    });
    expectAll(await textOf(await renderRecu({ ...RECU, landlord })), ['Tél. 01.00.00.00.02', 'SIRET 27780000000017']);
  });
});

describe('files', () => {
  const renders = [
    ['avis_echeance', () => renderAvisEcheance(AVIS)],
    ['quittance', () => renderQuittance(QUITTANCE)],
    ['recu', () => renderRecu(RECU)],
  ] as const;

  it.each(renders)('%s: same input, same bytes, same SHA-256 (no clock, no random id)', async (_kind, render) => {
    const [first, second] = [await render(), await render()];
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    expect(sha256Hex(first)).toMatch(/^[0-9a-f]{64}$/);
    expect(sha256Hex(first)).toBe(sha256Hex(second));
  });

  it('a different issue date gives a different file', async () => {
    expect(sha256Hex(await renderRecu(RECU))).not.toBe(sha256Hex(await renderRecu({ ...RECU, issuedOn: '2026-12-05' })));
  });

  it.each(renders)('%s: a small file (< 40 KB without logo, with its two subset fonts and the 3 KB sRGB profile of PDF/A)', async (_kind, render) => {
    expect((await render()).byteLength).toBeLessThan(40 * 1024);
  });

  it('embeds the landlord logo (PNG) and refuses anything that is not PNG or JPEG', async () => {
    const logo = makeTestLogo();
    const bytes = await renderQuittance({ ...QUITTANCE, landlord: { ...QUITTANCE.landlord, logo } });
    expect(bytes.byteLength).toBeGreaterThan((await renderQuittance(QUITTANCE)).byteLength);
    expect(bytes.byteLength).toBeLessThan(50 * 1024);
    const gif = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61]);
    expect((await refusal(renderQuittance({ ...QUITTANCE, landlord: { ...QUITTANCE.landlord, logo: gif } }))).code).toBe('invalid_input');
  });

  it('sha256Hex is the standard digest', () => {
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('text the embedded font draws', () => {
  it("keeps tenants' names as written: the embedded font has their letters (no more WinAnsi fallback)", async () => {
    const input: PeriodSettlementInput = {
      ...QUITTANCE,
      tenant: { ...QUITTANCE.tenant, civility: 'M.', lastName: 'Şahin-Łukasiewicz', firstName: 'Nguyễn' },
      landlord: { ...QUITTANCE.landlord, name: 'OPH\u202FDémonstration' },
    };
    const text = await textOf(await renderQuittance(input));
    expectAll(text, ['Locataire M. ŞAHIN-ŁUKASIEWICZ Nguyễn', 'Pour le bailleur, OPH Démonstration']);
  });

  it('draws "?" for a character the font lacks rather than failing the document', async () => {
    const text = await textOf(await renderQuittance({ ...QUITTANCE, tenant: { ...QUITTANCE.tenant, firstName: 'Martine 王' } }));
    expectAll(text, ['Locataire Mme DUPONT Martine ?']);
  });

  it('renders with a pale landlord colour (titles fall back to dark text)', async () => {
    const pale = { ...AVIS, landlord: { ...AVIS.landlord, primaryColor: '#ffe066' } };
    expectAll(await textOf(await renderAvisEcheance(pale)), ["AVIS D'ÉCHÉANCE", 'TOTAL À PAYER 1 205,48 €']);
  });
});

describe('input checks', () => {
  it('refuses amounts that are not integer cents, bad periods and bad dates', async () => {
    expect((await refusal(renderAvisEcheance({ ...AVIS, rentCents: 1234.56 }))).code).toBe('invalid_input');
    expect((await refusal(renderQuittance({ ...QUITTANCE, period: '2026-13' }))).code).toBe('invalid_input');
    expect((await refusal(renderRecu({ ...RECU, issuedOn: '04/12/2026' }))).code).toBe('invalid_input');
    expect((await refusal(renderAvisEcheance({ ...AVIS, landlord: { ...AVIS.landlord, primaryColor: 'blue' } }))).code).toBe('invalid_input');
    const negative = { ...RECU, payments: [{ date: '2026-12-03', amountCents: -30_000, channel: 'carte' as const }], housingAllowanceCents: 60_000 };
    expect((await refusal(renderRecu(negative))).code).toBe('invalid_input');
  });
});
