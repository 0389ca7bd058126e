import { describe, expect, it } from 'vitest';
import { backends, pullAll, useSignedInDemo, write } from './helpers';

/** Mes documents: paperless notices off and on (POST /v1/paperless). */
describe.each(backends)('Mes documents: paperless ($name)', (backend) => {
  const demo = useSignedInDemo(backend);

  it('paperless off and on again', async () => {
    const { server, token, cursor } = demo;
    expect((await write(server, token, '/v1/paperless', { enabled: false })).status).toBe(200);
    let profile = (await pullAll(server, token, cursor)).changes.find((c) => c.entity === 'profile')!;
    expect(profile.data).toMatchObject({ paperless: false, paperlessSince: null });
    expect((await server.api('GET', '/v1/me', { token })).body.paperless).toBe(false);
    await write(server, token, '/v1/paperless', { enabled: true });
    profile = (await pullAll(server, token, cursor)).changes.find((c) => c.entity === 'profile')!;
    expect(profile.data).toMatchObject({ paperless: true });
  });
});
