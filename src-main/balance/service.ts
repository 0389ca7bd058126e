/**
 * "Ma situation de solde": balance per dossier at today's date, direct debit, masked bank
 * details, the ledger; "Mettre à jour le RIB" (a change request with the holder's proof).
 */
import type { z } from 'zod';
import type { BankDetailsChangeBody } from '../../src-shared/balance/api';
import { maskBic } from '../../src-shared/validation/bic';
import { maskIban } from '../../src-shared/validation/iban';
import type { BalanceView, bankChangeInputSchema } from '../../src-shared/balance/bridge';
import { sha256Hex } from '../sync/outbox';
import { addressOf, decodeAttachment, dossiersWithPendingChange, latestChangeDecisions, putPendingChangeRequest, requireDossier, rows, type AccountData } from '../services/account-data';

export function balanceView(data: AccountData): BalanceView {
  const banks = rows(data, 'bankAccount');
  const ledger = rows(data, 'ledgerEntry');
  const pendingBank = dossiersWithPendingChange(data, 'bank_details');
  const bankDecisions = latestChangeDecisions(data, 'bank_details');
  return {
    today: data.today,
    dossiers: rows(data, 'dossier')
      .sort((a, b) => a.data.number.localeCompare(b.data.number))
      .map((dossier) => {
        const bank = banks.find((row) => row.data.dossierId === dossier.id)?.data ?? null;
        return {
          id: dossier.id,
          number: dossier.data.number,
          address: addressOf(dossier.data),
          balanceCents: dossier.data.balanceCents,
          directDebitDay: dossier.data.directDebitDay,
          bank: bank && {
            bankName: bank.bankName,
            ibanMasked: bank.ibanMasked,
            bicMasked: bank.bicMasked,
            holder: bank.holder,
            mandateRum: bank.mandateRum,
            creditorId: bank.creditorId,
          },
          pendingBankChange: pendingBank.has(dossier.id),
          lastBankDecision: bankDecisions.get(dossier.id) ?? null,
          ledger: ledger
            .filter((row) => row.data.dossierId === dossier.id)
            // Newest first, as the ledger reads: by date, then the order lines were posted on that
            // day (rent before the payment of the same day shows the payment on top). The id only
            // keeps the order stable between two lines cached before posting orders existed.
            .sort((a, b) => b.data.date.localeCompare(a.data.date) || b.data.postingOrder - a.data.postingOrder || a.id.localeCompare(b.id))
            .map((row) => ({
              id: row.id,
              date: row.data.date,
              kind: row.data.kind,
              label: row.data.label,
              amountCents: row.data.amountCents,
              period: row.data.period,
            })),
        };
      }),
  };
}

export function requestBankChange(data: AccountData, input: z.output<typeof bankChangeInputSchema>) {
  requireDossier(data, input.dossierId);
  const attachment = decodeAttachment(input.attachment, 'attachment');
  const id = data.enqueue({
    kind: 'balance.bankDetails',
    attachments: [attachment],
    body: ({ uploadIds }) =>
      ({
        dossierId: input.dossierId,
        iban: input.iban,
        bic: input.bic,
        bankName: input.bankName,
        holder: input.holder,
        attachmentUploadId: uploadIds[0]!,
      }) satisfies BankDetailsChangeBody,
    // The cache keeps only the masked values, as the tenant sees them from the server.
    optimistic: (tx, id) =>
      putPendingChangeRequest(tx, id, data, {
        kind: 'bank_details',
        dossierId: input.dossierId,
        summary: { ibanMasked: maskIban(input.iban), bicMasked: maskBic(input.bic), bankName: input.bankName },
        attachmentSha256: sha256Hex(attachment.bytes),
      }),
  });
  return { id, delivery: 'pending' as const };
}
