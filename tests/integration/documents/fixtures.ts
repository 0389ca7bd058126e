/**
 * Inputs for the document tests and golden images: the seed's tenant (Mme DUPONT Martine,
 * dossier 0123456789, 8 rue Saint-Nicolas, Versailles) with a fictional landlord.
 */
import type { AvisEcheanceInput, DocumentLandlord, PeriodSettlementInput } from '../../../server/src/documents';

export const LANDLORD: DocumentLandlord = {
  name: "Office Public de l'Habitat de Démonstration",
  address: { addressLine: '12, avenue de Paris', postalCode: '78000', city: 'Versailles' },
  phone: '01 00 00 00 02',
  email: 'quittancement@oph-demo.example',
  website: 'oph-demo.example',
  siret: '27780000000017',
  primaryColor: '#1f4e9c',
  tenantReferenceLabel: 'Numéro TG',
};

const COMMON = {
  landlord: LANDLORD,
  tenant: { civility: 'Mme', lastName: 'Dupont', firstName: 'Martine', reference: '1000123456' },
  dossierNumber: '0123456789',
  dwelling: { addressLine: '8, rue Saint-Nicolas', complement: 'Bâtiment B, appartement 14', postalCode: '78000', city: 'Versailles' },
  period: '2026-11',
};

/** Rent notice for November 2026, paid by direct debit on the 3rd of December (issued 15 days before). */
export const AVIS: AvisEcheanceInput = {
  ...COMMON,
  issuedOn: '2026-11-18',
  rentCents: 123_456,
  chargesCents: 15_432,
  adjustments: [{ label: 'Régularisation des charges 2025', amountCents: 4_210 }],
  housingAllowanceCents: 21_000,
  housingAllowanceLabel: 'APL',
  previousBalanceCents: -1_550,
  dueDate: '2026-12-03',
  payment: {
    method: 'prelevement',
    debitDate: '2026-12-03',
    mandateReference: 'OPH-DEMO-0123456789-01',
    creditorId: 'FR12ZZZ123456',
    ibanMasked: 'FR76 **** **** **** **** ***1 89',
  },
};

/** November 2026 paid in full: APL + three card payments of 333,33 € + a transfer for the rest. */
export const QUITTANCE: PeriodSettlementInput = {
  ...COMMON,
  issuedOn: '2026-12-05',
  rentCents: 123_456,
  chargesCents: 15_432,
  housingAllowanceCents: 21_000,
  payments: [
    { date: '2026-12-01', amountCents: 33_333, channel: 'carte' },
    { date: '2026-12-02', amountCents: 33_333, channel: 'carte' },
    { date: '2026-12-03', amountCents: 33_333, channel: 'carte' },
    { date: '2026-12-04', amountCents: 17_889, channel: 'virement' },
  ],
};

/** November 2026 partly paid: APL + one payment of 300,00 €. */
export const RECU: PeriodSettlementInput = {
  ...COMMON,
  issuedOn: '2026-12-04',
  rentCents: 123_456,
  chargesCents: 15_432,
  housingAllowanceCents: 21_000,
  payments: [{ date: '2026-12-03', amountCents: 30_000, channel: 'prelevement' }],
};
