import { describe, expect, it } from 'vitest';
import { backends, useSignedInDemo, write } from './helpers';

/** Mon dossier: the tenant asks to change their personal details (POST /v1/change-requests/personal-info). */
describe.each(backends)('Mon dossier: personal details change ($name)', (backend) => {
  const demo = useSignedInDemo(backend);

  it('personal info: validates phones in French', async () => {
    const { server, token } = demo;
    const res = await write(server, token, '/v1/change-requests/personal-info', { phoneHome: '12', email: 'nope' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ path: 'email', key: 'fields.email', message: 'Adresse mail invalide' }]);
    const phone = await write(server, token, '/v1/change-requests/personal-info', { phoneHome: '12' });
    expect(phone.body.error.fields).toEqual([{ path: 'phoneHome', key: 'fields.phone.format', message: 'Numéro de téléphone invalide' }]);
    expect((await write(server, token, '/v1/change-requests/personal-info', {})).status).toBe(400);
  });
});
