/**
 * What a file really is, from its first bytes (never from its name or the type it claims):
 * the only kinds the portal accepts as attachments are PDF, JPEG and PNG.
 */
import type { UploadMediaType } from '../api/uploads';

export function sniffMediaType(bytes: Uint8Array): UploadMediaType | null {
  const starts = (...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf'; // %PDF-
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  return null;
}
