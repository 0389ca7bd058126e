import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { landlordSchema } from '../../../src-shared/api/landlord';
import { apiPath } from '../../../src-shared/api/routes';
import { buildServer } from '../../../server/src/app';
import { openDatabase } from '../../../server/src/db/client';
import { landlordSettings } from '../../../server/src/db/schema';
import { DEMO_LANDLORD } from '../../../server/src/demo/landlord';
import { UNCONFIGURED_LANDLORD } from '../../../server/src/landlord/settings';
import { backends, startServer, type TestServer } from './helpers';

describe.each(backends)('public routes ($name)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer(backend);
  });
  afterAll(() => server.close());

  it('GET /v1/health answers ok with the version', async () => {
    const res = await server.api('GET', '/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', version: expect.any(String) });
  });

  it('GET /v1/landlord returns the white-label settings, with the seed contacts', async () => {
    const res = await server.api('GET', '/v1/landlord');
    expect(res.status).toBe(200);
    const landlord = landlordSchema.parse(res.body);
    expect(landlord.name).toBe("Office Public de l'Habitat de Démonstration");
    expect(landlord.contacts.caretaker.phone).toBe('06.01.02.03.04');
    expect(landlord.contacts.onCall.phone).toBe('04.72.83.41.53');
    expect(landlord.tenantReference.label).toBe('Numéro TG');
    expect(new RegExp(landlord.tenantReference.pattern).test(landlord.tenantReference.example)).toBe(true);
    expect(landlord.contacts.services.map((s) => s.id)).toEqual(['charge-clientele', 'quittancement', 'contentieux', 'commerces']);
  });

  it('serves an OpenAPI 3.1 document of the /v1 routes', async () => {
    const res = await server.api('GET', '/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/v1/health', '/v1/landlord', '/v1/auth/sign-in', '/v1/sync']));
    const written = JSON.parse(readFileSync(new URL('../../../docs/api/openapi.json', import.meta.url), 'utf8'));
    expect(res.body, 'docs/api/openapi.json is stale: run `npm run -w server openapi`').toEqual(written);
  });

  it('answers unknown routes with a JSON NOT_FOUND, and malformed JSON with VALIDATION', async () => {
    const res = await server.api('GET', '/v1/nope');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'NOT_FOUND', key: 'errors.NOT_FOUND', message: expect.any(String) } });
    const bad = await fetch(`${server.base}/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('VALIDATION');
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts|stack/i);
  });
});

describe('landlord settings without --demo', () => {
  it('seeds no landlord and serves the neutral placeholder, never the demo landlord, until settings are given', async () => {
    const handle = await openDatabase({ kind: 'pglite' });
    try {
      const bare = await buildServer({ db: handle, passwordHashing: 'fast' });
      expect(await handle.db.select().from(landlordSettings)).toEqual([]);
      const served = landlordSchema.parse((await bare.inject({ method: 'GET', url: apiPath('landlord') })).json());
      expect(served).toEqual(UNCONFIGURED_LANDLORD);
      expect(served.name).not.toBe(DEMO_LANDLORD.name);
      await bare.close();
      // Settings given (LANDLORD_FILE, buildServer({ landlord })) are written once and served.
      const configured = await buildServer({ db: handle, passwordHashing: 'fast', landlord: { ...DEMO_LANDLORD, name: 'OPH de Test' } });
      expect((await configured.inject({ method: 'GET', url: apiPath('landlord') })).json()).toMatchObject({ name: 'OPH de Test' });
      await configured.close();
    } finally {
      await handle.close();
    }
  });
});
