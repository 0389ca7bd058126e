/**
 * Uploads checked beyond their first bytes (issue 13): a PDF must parse and have a page, an image
 * must state sane dimensions in its own header (PNG IHDR, JPEG SOF) and a PNG must decode; and a
 * per-tenant daily quota on uploads (files and bytes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_IMAGE_PIXELS } from '../../../server/src/uploads/content-check';
import { jpegHeader, tinyPdf, tinyPng } from '../../helpers/files';
import { backends, startServer, upload, type TestServer } from './helpers';

const PDF_BROKEN = 'Ce fichier PDF est illisible ou endommagé : enregistrez-le de nouveau (ou numérisez le document) puis déposez-le.';
const IMAGE_BROKEN = 'Cette image est illisible ou endommagée : enregistrez-la de nouveau puis déposez-la.';

describe.each(backends)('upload content and quota ($name)', (backend) => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startServer(backend, { quotas: { uploadsPerDay: 1000 } });
    token = (await server.signIn()).accessToken;
  });
  afterAll(() => server.close());

  async function refusal(bytes: Buffer) {
    const res = await upload(server, token, bytes);
    return { status: res.status, body: (await res.json()) as { error: { code: string; fields?: { path: string; message: string }[] } } };
  }

  it('accepts a real PDF, PNG and JPEG-sized header', async () => {
    expect((await upload(server, token, tinyPdf('vraie attestation'))).status).toBe(201);
    expect((await upload(server, token, tinyPng('vraie photo', { width: 40, height: 30 }))).status).toBe(201);
    expect((await upload(server, token, jpegHeader(4032, 3024))).status).toBe(201);
  });

  it('refuses a file that starts like a PDF but does not parse, or has no page', async () => {
    for (const bytes of [
      Buffer.from('%PDF-1.7\nceci n\'est pas un PDF, seulement son début\n'),
      Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
      tinyPdf().subarray(0, 60),
    ]) {
      const res = await refusal(bytes);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'body', message: PDF_BROKEN }] });
    }
  });

  it('refuses a PNG claiming 100000×100000 pixels before decoding it, in words', async () => {
    const res = await refusal(tinyPng('bombe', { claim: { width: 100_000, height: 100_000 } }));
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([
      { path: 'body', key: 'fields.file.imageTooLarge', params: { width: 100_000, height: 100_000, megapixels: MAX_IMAGE_PIXELS / 1_000_000, side: 16_384 }, message: `Cette image est trop grande (100000 × 100000 pixels) : au plus ${MAX_IMAGE_PIXELS / 1_000_000} mégapixels et 16\u202f384 pixels de côté. Réduisez-la puis déposez-la de nouveau.` },
    ]);
    // Within each side's bound but too many pixels in all.
    expect((await refusal(tinyPng('bombe', { claim: { width: 16_000, height: 16_000 } }))).status).toBe(400);
    expect((await refusal(jpegHeader(65_000, 65_000))).status).toBe(400);
  });

  it('refuses a PNG whose data does not decode, and a JPEG without a frame header', async () => {
    const png = tinyPng('abîmée', { width: 8, height: 8 });
    const corrupt = Buffer.from(png);
    corrupt[corrupt.length - 20]! ^= 0xff; // inside the pixel data: its CRC no longer matches
    const lying = tinyPng('menteuse', { width: 2, height: 2, claim: { width: 300, height: 300 } }); // fewer pixels than it says
    for (const bytes of [corrupt, lying, png.subarray(0, 40), Buffer.from([0xff, 0xd8, 0xff, 0xd9])]) {
      const res = await refusal(bytes);
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toEqual([{ path: 'body', key: 'fields.file.content', message: IMAGE_BROKEN }]);
    }
  });
});

describe.each(backends)('per-tenant daily upload quota ($name)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer(backend, { quotas: { uploadsPerDay: 3, uploadBytesPerDay: 1_000_000 } });
  });
  afterAll(() => server.close());

  it('counts files and bytes per tenant over 24 hours, concurrent uploads included', async () => {
    const [a, b] = await server.generate(2);
    const tokenA = (await server.signIn(a!.email, a!.password)).accessToken;
    const tokenB = (await server.signIn(b!.email, b!.password)).accessToken;
    const statuses = await Promise.all(Array.from({ length: 6 }, (_, i) => upload(server, tokenA, tinyPdf(`piece ${i}`)).then((r) => r.status)));
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
    const refused = await upload(server, tokenA, tinyPdf('encore'));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('au plus 3 fichiers et');
    // Another tenant is not affected; bytes count too (two files of 600 kB pass 1 MB).
    expect((await upload(server, tokenB, tinyPdf('a'.repeat(600_000)))).status).toBe(201);
    expect((await upload(server, tokenB, tinyPdf('b'.repeat(600_000)))).status).toBe(429);
    expect((await upload(server, tokenB, tinyPdf('petit'))).status).toBe(201);
    // A day later, room again.
    server.advance(24 * 60 * 60_000 + 1000);
    const later = (await server.signIn(a!.email, a!.password)).accessToken;
    expect((await upload(server, later, tinyPdf('demain'))).status).toBe(201);
  });
});
