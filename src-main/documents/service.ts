/**
 * "Mes documents": quittances, avis d'échéance and reçus per dossier, which of them are kept on
 * this PC, opening one (downloaded and verified first if needed), and the paperless subscription.
 */
import { copyFile } from 'node:fs/promises';
import type { z } from 'zod';
import type { PaperlessBody } from '../../src-shared/documents/api';
import { PortalError } from '../../src-shared/errors';
import type { documentInputSchema, DocumentsView, paperlessInputSchema } from '../../src-shared/documents/bridge';
import type { DocumentStore } from '../storage/document-store';
import { outboxById, profileOf, rows, type AccountData } from '../services/account-data';

const PAPERLESS_KIND = 'documents.paperless';

/** The URL the renderer opens: served by the app's protocol (or the preview host) from the store. */
export function documentUrl(sha256: string): string {
  return `documents/${sha256}.pdf`;
}

export function documentsView(data: AccountData, store: DocumentStore): DocumentsView {
  const stored = store.storedHashes();
  const documents = rows(data, 'document');
  const profile = profileOf(data);
  // A choice not yet confirmed by the server shows at once (the last one wins); synced rows
  // are never edited optimistically, so a refused choice simply stops overlaying them.
  const choice = [...outboxById(data).values()].filter((item) => item.kind === PAPERLESS_KIND).at(-1);
  const chosen = choice?.kind === PAPERLESS_KIND && choice.status === 'pending' && choice.body ? choice.body.enabled : null;
  return {
    paperless: {
      enabled: chosen ?? profile?.paperless ?? false,
      since: chosen === null ? (profile?.paperlessSince ?? null) : chosen ? data.now.toISOString() : null,
      delivery: choice ? (choice.status === 'refused' ? 'refused' : 'pending') : 'synced',
    },
    dossiers: rows(data, 'dossier')
      .sort((a, b) => a.data.number.localeCompare(b.data.number))
      .map((dossier) => ({
        id: dossier.id,
        number: dossier.data.number,
        documents: documents
          .filter((row) => row.data.dossierId === dossier.id)
          .sort((a, b) => b.data.period.localeCompare(a.data.period) || b.data.issuedAt.localeCompare(a.data.issuedAt))
          .map((row) => ({
            id: row.id,
            dossierId: row.data.dossierId,
            kind: row.data.kind,
            period: row.data.period,
            title: row.data.title,
            sha256: row.data.sha256,
            size: row.data.size,
            issuedAt: row.data.issuedAt,
            amountCents: row.data.amountCents,
            offline: stored.has(row.data.sha256),
          })),
      })),
  };
}

/** Opens a document of this account: from the store, or downloaded (and verified) first. */
export async function openDocument(
  data: AccountData,
  store: DocumentStore,
  input: z.output<typeof documentInputSchema>,
  fetchDocument: (sha256: string) => Promise<void>,
) {
  if (!rows(data, 'document').some((row) => row.data.sha256 === input.sha256)) throw new PortalError('NOT_FOUND');
  if (!store.has(input.sha256)) await fetchDocument(input.sha256);
  return { url: documentUrl(input.sha256) };
}

/** Asks where to save a file (Electron's save dialog, src-main/app/save-file.ts); null when cancelled. */
export type ChooseSavePath = (suggestedName: string) => Promise<string | null>;

/** "Quittance de loyer – Mars 2024" -> "Quittance de loyer – Mars 2024.pdf", without the characters file systems refuse. */
export function fileNameFor(title: string): string {
  return `${title.replace(/[\\/:*?"<>|]+/g, '-').trim() || 'document'}.pdf`;
}

/**
 * "Télécharger": the verified document (downloaded first if it is not kept here) copied where the
 * tenant chooses. The dialog is injected, so this is the same under Node and in Electron.
 */
export async function saveDocumentCopy(
  data: AccountData,
  store: DocumentStore,
  input: z.output<typeof documentInputSchema>,
  fetchDocument: (sha256: string) => Promise<void>,
  chooseSavePath: ChooseSavePath,
): Promise<'saved' | 'cancelled'> {
  const row = rows(data, 'document').find((candidate) => candidate.data.sha256 === input.sha256);
  if (!row) throw new PortalError('NOT_FOUND');
  await openDocument(data, store, input, fetchDocument);
  const file = store.locate(input.sha256);
  if (!file) throw new PortalError('NOT_FOUND');
  const target = await chooseSavePath(fileNameFor(row.data.title));
  if (target === null) return 'cancelled';
  await copyFile(file, target);
  return 'saved';
}

/** "Arrêter la souscription de ce service" / subscribe again. */
export function setPaperless(data: AccountData, input: z.output<typeof paperlessInputSchema>) {
  if (!profileOf(data)) throw new PortalError('NOT_FOUND');
  const id = data.enqueue({
    kind: PAPERLESS_KIND,
    body: () => ({ enabled: input.enabled }) satisfies PaperlessBody,
  });
  return { id, delivery: 'pending' as const };
}
