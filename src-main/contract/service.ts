/** "Mon contrat": contracts (Logement, Stationnement, Facturation), address, occupants; "Modifier" the occupants. */
import type { z } from 'zod';
import type { OccupantsChangeBody } from '../../src-shared/contract/api';
import type { ContractsView, occupantsChangeInputSchema } from '../../src-shared/contract/bridge';
import { addressOf, dossiersWithPendingChange, latestChangeDecisions, profileOf, putPendingChangeRequest, requireDossier, rows, type AccountData } from '../services/account-data';

const KIND_ORDER = { logement: 0, stationnement: 1, facturation: 2 } as const;

export function contractsView(data: AccountData): ContractsView {
  const contracts = rows(data, 'contract');
  const occupants = rows(data, 'occupant');
  const pendingOccupants = dossiersWithPendingChange(data, 'occupants');
  const occupantsDecisions = latestChangeDecisions(data, 'occupants');
  const profile = profileOf(data);
  return {
    holderName: profile ? `${profile.civility} ${profile.lastName} ${profile.firstName}` : data.open.account.displayName,
    dossiers: rows(data, 'dossier')
      .sort((a, b) => a.data.number.localeCompare(b.data.number))
      .map((dossier) => ({
        id: dossier.id,
        number: dossier.data.number,
        address: addressOf(dossier.data),
        contracts: contracts
          .filter((row) => row.data.dossierId === dossier.id)
          .sort((a, b) => KIND_ORDER[a.data.kind] - KIND_ORDER[b.data.kind])
          .map((row) => ({ id: row.id, kind: row.data.kind, label: row.data.label, address: addressOf(row.data), startDate: row.data.startDate })),
        occupants: occupants
          .filter((row) => row.data.dossierId === dossier.id)
          // The signatory first, then by birth date as a family record reads.
          .sort((a, b) => Number(b.data.signatory) - Number(a.data.signatory) || a.data.birthDate.localeCompare(b.data.birthDate))
          .map((row) => ({
            id: row.id,
            civility: row.data.civility,
            lastName: row.data.lastName,
            firstName: row.data.firstName,
            birthDate: row.data.birthDate,
            relationship: row.data.relationship,
            signatory: row.data.signatory,
          })),
        pendingOccupantsChange: pendingOccupants.has(dossier.id),
        lastOccupantsDecision: occupantsDecisions.get(dossier.id) ?? null,
      })),
  };
}

export function requestOccupantsChange(data: AccountData, input: z.output<typeof occupantsChangeInputSchema>) {
  requireDossier(data, input.dossierId);
  const body: OccupantsChangeBody = { dossierId: input.dossierId, occupants: input.occupants };
  const id = data.enqueue({
    kind: 'contract.occupants',
    body: () => body,
    optimistic: (tx, id) =>
      putPendingChangeRequest(tx, id, data, { kind: 'occupants', dossierId: input.dossierId, summary: { occupants: input.occupants } }),
  });
  return { id, delivery: 'pending' as const };
}
