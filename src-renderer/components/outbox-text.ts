/** Words for outbox items (writes on their way to the landlord) and the server's reasons. */
import type { OutboxKind, OutboxView } from '../../src-shared/outbox';
import { errorMessage, fieldMessage, hasKey, t, type MessageKey } from '../i18n/index.svelte';
import type { ErrorCode } from '../../src-shared/errors';

type Refusal = NonNullable<OutboxView['items'][number]['error']>;

/** Words for every outbox kind: a kind added to src-shared/outbox.ts without its words does not compile. */
const KINDS: Record<OutboxKind, MessageKey> = {
  'dossier.update': 'section.kinds.dossierUpdate',
  'insurance.submit': 'section.kinds.insurance',
  'contract.occupants': 'section.kinds.occupants',
  'balance.bankDetails': 'section.kinds.bankDetails',
  'requests.create': 'section.kinds.request',
  'requests.message': 'section.kinds.message',
  'requests.cancel': 'section.kinds.cancel',
  'documents.paperless': 'section.kinds.paperless',
  'notifications.preference': 'section.kinds.notificationPreference',
};

export function outboxKindLabel(kind: OutboxKind): string {
  return t(KINDS[kind]);
}

/** The server's reason in the tenant's words: its field sentences, else its error's (its precise key, else its code's). */
export function refusalText(error: Refusal | null): string {
  const fields = (error?.fields ?? []).map((field) => fieldMessage(field.message, field.params, field.fallback));
  if (fields.length > 0) return [...new Set(fields)].join(' ');
  const code = error?.code ?? 'INTERNAL';
  const { key, params, message } = error ?? {};
  return errorMessage({ code: hasKey(`errors.${code}`) ? (code as ErrorCode) : 'INTERNAL', key, params, message });
}
