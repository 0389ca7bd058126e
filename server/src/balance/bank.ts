import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/client';
import { bankAccounts } from '../db/schema';
import type { DataCipher } from '../crypto/data-key';
import { maskBic, maskIban, normalizeBic, normalizeIban } from '../../../src-shared/validation';

export interface BankDetailsInput {
  bankName: string;
  iban: string;
  bic: string;
  holder: string;
  mandateRum?: string | null;
  creditorId?: string | null;
}

export async function insertBankAccount(tx: Tx, cipher: DataCipher, version: number, now: Date, tenantId: string, dossierId: string, input: BankDetailsInput): Promise<string> {
  const id = randomUUID();
  await tx.insert(bankAccounts).values({
    id,
    tenantId,
    dossierId,
    version,
    updatedAt: now,
    bankName: input.bankName,
    ibanEncrypted: cipher.encrypt(normalizeIban(input.iban)),
    bicEncrypted: cipher.encrypt(normalizeBic(input.bic)),
    ibanMasked: maskIban(input.iban),
    bicMasked: maskBic(input.bic),
    holder: input.holder,
    mandateRum: input.mandateRum ?? null,
    creditorId: input.creditorId ?? null,
  });
  return id;
}
