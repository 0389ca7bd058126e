/**
 * What an upload really holds, beyond its first bytes (lib/magic.ts): a PDF must parse and have a
 * page, an image must state sane dimensions in its own header (PNG IHDR, JPEG SOF) and a PNG must
 * decode. A forged or broken file never reaches the landlord's staff, and a PNG claiming
 * 100000×100000 pixels (a decompression bomb for whoever opens it) is refused before any decoding.
 */
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import type { UploadMediaType } from '../../../src-shared/api/uploads';
import { validationError } from '../http/errors';

/** A 40-megapixel photo (e.g. 7 744 × 5 163) is the largest a phone takes in its usual mode. */
export const MAX_IMAGE_PIXELS = 40_000_000;
export const MAX_IMAGE_SIDE = 16_384;

const PDF_BROKEN = 'Ce fichier PDF est illisible ou endommagé : enregistrez-le de nouveau (ou numérisez le document) puis déposez-le.';
const IMAGE_BROKEN = 'Cette image est illisible ou endommagée : enregistrez-la de nouveau puis déposez-la.';
const imageTooLarge = (width: number, height: number) =>
  `Cette image est trop grande (${width} × ${height} pixels) : au plus ${MAX_IMAGE_PIXELS / 1_000_000} mégapixels et ${MAX_IMAGE_SIDE.toLocaleString('fr-FR')} pixels de côté. Réduisez-la puis déposez-la de nouveau.`;

const refuse = (message: string) => validationError([{ path: 'body', message }]);

interface Size {
  width: number;
  height: number;
}

/** PNG: the IHDR chunk must come first (PNG specification, 11.2.2). */
function pngSize(bytes: Buffer): Size | null {
  if (bytes.length < 33 || bytes.readUInt32BE(8) !== 13 || bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** JPEG: walks the marker segments up to the first start-of-frame (SOF0 to SOF15 but DHT, JPG, DAC). */
function jpegSize(bytes: Buffer): Size | null {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      at += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image or scan data before any frame
    const length = bytes.readUInt16BE(at + 2);
    if (length < 2) return null;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (at + 9 > bytes.length) return null;
      return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    }
    at += 2 + length;
  }
  return null;
}

function checkSize(size: Size | null): void {
  if (!size || size.width === 0 || size.height === 0) throw refuse(IMAGE_BROKEN);
  if (size.width > MAX_IMAGE_SIDE || size.height > MAX_IMAGE_SIDE || size.width * size.height > MAX_IMAGE_PIXELS) throw refuse(imageTooLarge(size.width, size.height));
}

function decodePng(bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    new PNG({ checkCRC: true }).parse(bytes, (err) => (err ? reject(refuse(IMAGE_BROKEN)) : resolve()));
  });
}

/** Throws a VALIDATION error with a French message on `body` when the file is not what it says. */
export async function checkUploadContent(mediaType: UploadMediaType, bytes: Buffer): Promise<void> {
  if (mediaType === 'application/pdf') {
    let pages = 0;
    try {
      // Encrypted PDFs (insurers' certificates often are, for permissions only) still open for structure.
      pages = (await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false })).getPageCount();
    } catch {
      throw refuse(PDF_BROKEN);
    }
    if (pages < 1) throw refuse(PDF_BROKEN);
    return;
  }
  if (mediaType === 'image/png') {
    checkSize(pngSize(bytes));
    await decodePng(bytes);
    return;
  }
  checkSize(jpegSize(bytes));
}
