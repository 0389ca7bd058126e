/**
 * The one-click unsubscribe token of a (tenant, kind): the two sealed with the server's data key
 * (AES-256-GCM: forging or altering one fails its tag), so it needs no table and says nothing to
 * whoever reads the mail. It does not expire: an old mail's link still works (RFC 8058 wants it
 * usable for a long time).
 */
import { notificationKindSchema, type NotificationKind } from '../../../src-shared/notifications/api';
import type { DataCipher } from '../crypto/data-key';

export const UNSUBSCRIBE_PATH = '/desabonnement';

export function unsubscribeToken(cipher: DataCipher, tenantId: string, kind: NotificationKind): string {
  return Buffer.from(cipher.encrypt(JSON.stringify([tenantId, kind]))).toString('base64url');
}

/** The tenant and kind of a token, or null when it is not one of ours. */
export function openUnsubscribeToken(cipher: DataCipher, token: string): { tenantId: string; kind: NotificationKind } | null {
  try {
    const [tenantId, kind] = JSON.parse(cipher.decrypt(Buffer.from(token, 'base64url').toString('utf8'))) as [string, string];
    const parsed = notificationKindSchema.safeParse(kind);
    return typeof tenantId === 'string' && parsed.success ? { tenantId, kind: parsed.data } : null;
  } catch {
    return null;
  }
}

export function unsubscribeUrl(deps: { cipher: DataCipher; publicUrl: string }, tenantId: string, kind: NotificationKind): string {
  return `${deps.publicUrl.replace(/\/$/, '')}${UNSUBSCRIBE_PATH}?jeton=${unsubscribeToken(deps.cipher, tenantId, kind)}`;
}

