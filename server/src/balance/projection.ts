/** Ma situation de solde in the sync feed: the ledger (lines in their posting order) and the bank details, masked. */
import * as t from '../db/schema';
import { projection } from '../sync/projection';

export const ledgerEntryProjection = projection(t.ledgerEntries, (r) => ({ dossierId: r.dossierId, date: r.date, kind: r.kind, label: r.label, amountCents: r.amountCents, period: r.period, postingOrder: r.postingSeq }));

export const bankAccountProjection = projection(t.bankAccounts, (r) => ({ dossierId: r.dossierId, bankName: r.bankName, ibanMasked: r.ibanMasked, bicMasked: r.bicMasked, holder: r.holder, mandateRum: r.mandateRum, creditorId: r.creditorId }));
