/**
 * Inputs of the document renderers: plain data, no database rows, so the admin CLI, the payment
 * flow and the tests build them the same way. Money is integer euro cents (never floats), calendar
 * dates are ISO "yyyy-mm-dd", a rent period is "yyyy-mm".
 */

export type DocumentKind = 'quittance' | 'avis_echeance' | 'recu';

export interface PostalAddress {
  /** "8, rue Saint-Nicolas". */
  addressLine: string;
  /** "Bâtiment B, escalier 2, appartement 14"; optional second line. */
  complement?: string;
  postalCode: string;
  city: string;
}

/** Who issues the document: the white-label landlord (the "bailleur" of art. 21). */
export interface DocumentLandlord {
  /** Legal name, also the PDF Author. */
  name: string;
  address: PostalAddress;
  phone?: string;
  email?: string;
  website?: string;
  /** 14 digits; printed in the footer when known. */
  siret?: string;
  /** PNG or JPEG bytes (detected by signature). Drawn top left, at most 150 x 56 pt. */
  logo?: Uint8Array;
  /** Landlord settings `colors.primary`, "#rrggbb": title rule, table headers, totals. */
  primaryColor: string;
  /** Landlord settings `tenantReference.label` ("Numéro TG"); default "Référence locataire". */
  tenantReferenceLabel?: string;
}

export interface DocumentTenant {
  /** "Mme", "M.", "Mme et M."... as stored on the tenant record. */
  civility: string;
  lastName: string;
  firstName: string;
  /** Tenant reference printed on every notice (the seed's "Numéro TG"). */
  reference: string;
}

/** What every document carries. */
export interface DocumentCommonInput {
  landlord: DocumentLandlord;
  tenant: DocumentTenant;
  /** "Dossier n° 0123456789". */
  dossierNumber: string;
  /** Address of the rented dwelling; also the postal address the document is sent to. */
  dwelling: PostalAddress;
  /** Rent period "yyyy-mm" ("2026-11" prints "Novembre 2026"). */
  period: string;
  /**
   * Day the document is issued, ISO. Also the PDF creation date (midnight UTC), so the same input
   * always gives the same bytes and the same SHA-256.
   */
  issuedOn: string;
}

/** A line added to the notice: "Régularisation des charges 2025", "Ajustement de loyer"... */
export interface AmountLine {
  label: string;
  /** Positive: owed by the tenant; negative: in the tenant's favour. */
  amountCents: number;
}

/**
 * How the tenant pays this notice. Direct debit ("prélevé le 3 de chaque échéance") needs the
 * SEPA pre-notification data; otherwise the notice points to transfer or card on the portal.
 */
export type PaymentMethodInput =
  | {
      method: 'prelevement';
      /** Day the account is debited (the landlord's debit day, the 3rd for the seed's landlord). */
      debitDate: string;
      /** Référence unique du mandat. */
      mandateReference: string;
      /** Identifiant créancier SEPA (ICS), "FR12ZZZ123456". */
      creditorId: string;
      /** Masked IBAN only ("FR76 **** **** **** **** ***1 89"), never the full one. */
      ibanMasked?: string;
    }
  | {
      method: 'portail';
      /** Bank details for a transfer, when the landlord accepts it; card payment is always offered. */
      transfer?: { iban: string; bic: string; holder: string };
    };

export interface AvisEcheanceInput extends DocumentCommonInput {
  /** Loyer hors charges (loyer principal) for the period. */
  rentCents: number;
  /** Provisions pour charges for the period. */
  chargesCents: number;
  /** Régularisations and ajustements; may be empty. */
  adjustments: AmountLine[];
  /** Housing allowance paid by the CAF/MSA directly to the landlord (tiers payant); 0 if none. */
  housingAllowanceCents: number;
  /** "APL" or "AL", as the CAF names it for this household. Default "APL". */
  housingAllowanceLabel?: 'APL' | 'AL' | 'ALS' | 'ALF';
  /** Balance carried from before the period: positive = owed, negative = credit. */
  previousBalanceCents: number;
  /** Date d'échéance, ISO. */
  dueDate: string;
  payment: PaymentMethodInput;
  /**
   * A correction of a notice already issued for the period (documents are immutable: the
   * correction is a new document that supersedes the old one). Titled "Avis d'échéance
   * rectificatif" and says it replaces the earlier notice.
   */
  rectificatif?: boolean;
}

export type PaymentChannel = 'prelevement' | 'virement' | 'carte' | 'cheque' | 'especes';

export interface ReceivedPayment {
  /** Day the landlord received the money, ISO. */
  date: string;
  amountCents: number;
  channel: PaymentChannel;
}

/**
 * What the tenant owes for one period and what was received for it: the same input makes a
 * quittance (paid in full) or a reçu (partly paid); see documentKindForPeriod.
 */
export interface PeriodSettlementInput extends DocumentCommonInput {
  /** Loyer hors charges due for the period. */
  rentCents: number;
  /** Charges (provisions and régularisations) due for the period. */
  chargesCents: number;
  /**
   * Lines of the period printed on their own after the charges and counted in the total due, of
   * either sign (a régularisation in the tenant's favour is negative); absent or empty: none.
   */
  adjustments?: AmountLine[];
  /** Housing allowance received by the landlord for the period (counts as paid); 0 if none. */
  housingAllowanceCents: number;
  housingAllowanceLabel?: 'APL' | 'AL' | 'ALS' | 'ALF';
  /** Payments by the tenant allocated to this period, in any order. */
  payments: ReceivedPayment[];
  /** "Fait à Versailles": the place of issue; default the landlord's city. */
  placeOfIssue?: string;
}

export type QuittanceInput = PeriodSettlementInput;
export type RecuInput = PeriodSettlementInput;
