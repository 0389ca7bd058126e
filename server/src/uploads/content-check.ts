/**
 * What an upload really holds, beyond its first bytes (lib/magic.ts): a PDF must parse and have a
 * page, an image must state sane dimensions in its own header (PNG IHDR, JPEG SOF) and a PNG must
 * decode to exactly the pixels it states. A forged or broken file never reaches the landlord's
 * staff, and a PNG claiming 100000×100000 pixels (a decompression bomb for whoever opens it) is
 * refused before any decoding.
 */
import { createInflate } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import type { UploadMediaType } from '../../../src-shared/api/uploads';
import { validationError } from '../http/errors';

/** A 40-megapixel photo (e.g. 7 744 × 5 163) is the largest a phone takes in its usual mode. */
export const MAX_IMAGE_PIXELS = 40_000_000;
export const MAX_IMAGE_SIDE = 16_384;

const PDF_BROKEN = 'Ce fichier PDF est illisible ou endommagé : enregistrez-le de nouveau (ou numérisez le document) puis déposez-le.';
const IMAGE_BROKEN = 'Cette image est illisible ou endommagée : enregistrez-la de nouveau puis déposez-la.';
const imageTooLarge = (width: number, height: number) =>
  `Cette image est trop grande (${width} × ${height} pixels) : au plus ${MAX_IMAGE_PIXELS / 1_000_000} mégapixels et ${MAX_IMAGE_SIDE.toLocaleString('fr-FR')} pixels de côté. Réduisez-la puis déposez-la de nouveau.`;

const refuse = (message: string) => validationError([{ path: 'body', message, key: 'fields.file.content' }]);

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
  if (size.width > MAX_IMAGE_SIDE || size.height > MAX_IMAGE_SIDE || size.width * size.height > MAX_IMAGE_PIXELS) {
    const params = { width: size.width, height: size.height, megapixels: MAX_IMAGE_PIXELS / 1_000_000, side: MAX_IMAGE_SIDE };
    throw validationError([{ path: 'body', message: imageTooLarge(size.width, size.height), key: 'fields.file.imageTooLarge', params }]);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 of PNG chunks (ISO 3309, as zlib's; Node 20 has no zlib.crc32 yet). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Channels per colour type and the bit depths each allows (PNG specification, table 11.1). */
const PNG_COLOUR_TYPES: Record<number, { channels: number; depths: number[] }> = {
  0: { channels: 1, depths: [1, 2, 4, 8, 16] },
  2: { channels: 3, depths: [8, 16] },
  3: { channels: 1, depths: [1, 2, 4, 8] },
  4: { channels: 2, depths: [8, 16] },
  6: { channels: 4, depths: [8, 16] },
};

/** Adam7 passes: [first column, first row, column step, row step]. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/** Bytes the image data inflates to: per row a filter byte and the row's pixels. */
function pngDataLength({ width, height }: Size, bitsPerPixel: number, interlaced: boolean): number {
  const rows = (w: number, h: number) => (w > 0 && h > 0 ? h * (1 + Math.ceil((w * bitsPerPixel) / 8)) : 0);
  if (!interlaced) return rows(width, height);
  return ADAM7.reduce((sum, [x0, y0, dx, dy]) => sum + rows(Math.ceil((width - x0) / dx), Math.ceil((height - y0) / dy)), 0);
}

/**
 * Decodes the PNG's structure and compressed data: every chunk's CRC, the header's fields, and
 * the IDAT stream inflated (as a stream, counted and dropped: constant memory, off the event loop)
 * to exactly the length its dimensions call for. The filters' arithmetic is all that is left out,
 * and it cannot fail.
 */
async function decodePng(bytes: Buffer, size: Size): Promise<void> {
  const depth = bytes[24]!;
  const colour = PNG_COLOUR_TYPES[bytes[25]!];
  if (!colour || !colour.depths.includes(depth) || bytes[26] !== 0 || bytes[27] !== 0 || bytes[28]! > 1) throw refuse(IMAGE_BROKEN);
  const data: Buffer[] = [];
  let at = 8;
  let ended = false;
  while (at + 12 <= bytes.length && !ended) {
    const length = bytes.readUInt32BE(at);
    const end = at + 12 + length;
    if (length > 0x7fffffff || end > bytes.length) throw refuse(IMAGE_BROKEN);
    if (crc32(bytes.subarray(at + 4, end - 4)) !== bytes.readUInt32BE(end - 4)) throw refuse(IMAGE_BROKEN);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') data.push(bytes.subarray(at + 8, end - 4));
    ended = type === 'IEND';
    at = end;
  }
  if (!ended || data.length === 0) throw refuse(IMAGE_BROKEN);
  const expected = pngDataLength(size, colour.channels * depth, bytes[28] === 1);
  const inflated = await new Promise<number>((resolve) => {
    const inflate = createInflate();
    let count = 0;
    inflate.on('data', (part: Buffer) => {
      count += part.length;
      if (count > expected) inflate.destroy();
    });
    inflate.on('close', () => resolve(count));
    inflate.on('error', () => resolve(-1));
    inflate.end(Buffer.concat(data));
  });
  if (inflated !== expected) throw refuse(IMAGE_BROKEN);
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
    const size = pngSize(bytes);
    checkSize(size);
    await decodePng(bytes, size!);
    return;
  }
  checkSize(jpegSize(bytes));
}
