/**
 * Small real files for upload tests: the server checks content beyond the first bytes (a PDF must
 * parse, an image must decode within sane dimensions: server/src/uploads/content-check.ts).
 */
import { deflateSync } from 'node:zlib';
import { crc32 } from '../../server/src/uploads/content-check';

/** A one-page PDF (no compression, no cross-reference table: readers rebuild it); `text` makes its bytes unique. */
export function tinyPdf(text = 'attestation'): Buffer {
  return Buffer.from(
    [
      '%PDF-1.4',
      `% ${text}`,
      '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
      '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj',
      'trailer << /Root 1 0 R /Size 4 >>',
      '%%EOF',
      '',
    ].join('\n'),
    'latin1',
  );
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * An RGB PNG. Its pixels are the colour of `seed` (different seeds, different bytes). `claim`
 * writes other dimensions in the header than the pixels it holds (a forged file).
 */
export function tinyPng(seed = 'photo', { width = 2, height = 2, claim }: { width?: number; height?: number; claim?: { width: number; height: number } } = {}): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(claim?.width ?? width, 0);
  ihdr.writeUInt32BE(claim?.height ?? height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter method, no interlace
  const colour = [...Buffer.from(seed)].reduce((acc, byte) => (acc * 31 + byte) >>> 0, 7);
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set([colour & 0xff, (colour >>> 8) & 0xff, (colour >>> 16) & 0xff], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('tEXt', Buffer.from(`Comment\0${seed}`, 'latin1')),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A JPEG's skeleton: SOI, a baseline SOF0 claiming `width`×`height`, EOI (enough for the header check, not a picture). */
export function jpegHeader(width: number, height: number): Buffer {
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), sof, Buffer.from([0xff, 0xd9])]);
}
