/**
 * Refresh-token rotation when the answer is lost (the app killed or the line cut between the
 * server's rotation and the app saving the new pair): a replay by the same device within the
 * grace period, while the new pair was never used, is answered with a fresh pair; any other
 * replay is a theft and revokes the whole family.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOST_ANSWER_GRACE_MS } from '../../../server/src/auth/sessions';
import { backends, startServer, type TestServer } from './helpers';

describe.each(backends)('refresh rotation and lost answers ($name)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer(backend);
  });
  afterAll(async () => server.close());

  async function signIn(deviceId: string) {
    const res = await server.api('POST', '/v1/auth/sign-in', {
      body: { email: 'martine.dupont@example.org', password: 'Demo-Locataire-2026!', device: { id: deviceId, name: 'PC' } },
    });
    expect(res.status).toBe(200);
    return res.body as { accessToken: string; refreshToken: string };
  }
  const refresh = (refreshToken: string, deviceId: string) => server.api('POST', '/v1/auth/refresh', { body: { refreshToken, deviceId } });
  const me = (token: string) => server.api('GET', '/v1/me', { token });

  it('answers a replay whose new pair was never used, and retires that pair', async () => {
    const device = randomUUID();
    const first = await signIn(device);
    const lost = await refresh(first.refreshToken, device);
    expect(lost.status).toBe(200);
    // The app never received `lost`: it presents its old token again.
    const retry = await refresh(first.refreshToken, device);
    expect(retry.status).toBe(200);
    expect(retry.body.refreshToken).not.toBe(lost.body.refreshToken);
    expect((await me(retry.body.accessToken)).status).toBe(200);
    expect((await me(lost.body.accessToken)).status).toBe(401);
    expect((await refresh(lost.body.refreshToken, device)).status).toBe(401);
    // The family is alive: the new pair rotates normally.
    expect((await refresh(retry.body.refreshToken, device)).status).toBe(200);
  });

  it('treats a replay as theft once the new pair has been used, and revokes the family', async () => {
    const device = randomUUID();
    const first = await signIn(device);
    const next = await refresh(first.refreshToken, device);
    expect((await me(next.body.accessToken)).status).toBe(200);
    expect((await refresh(first.refreshToken, device)).status).toBe(401);
    expect((await me(next.body.accessToken)).status).toBe(401);
    expect((await refresh(next.body.refreshToken, device)).status).toBe(401);
  });

  it('treats a replay after the grace period as theft', async () => {
    const device = randomUUID();
    const first = await signIn(device);
    const next = await refresh(first.refreshToken, device);
    server.advance(LOST_ANSWER_GRACE_MS + 1000);
    expect((await refresh(first.refreshToken, device)).status).toBe(401);
    expect((await refresh(next.body.refreshToken, device)).status).toBe(401);
  });

  it('treats a replay of a token two rotations old as theft', async () => {
    const device = randomUUID();
    const first = await signIn(device);
    const second = await refresh(first.refreshToken, device);
    const third = await refresh(second.body.refreshToken, device);
    expect(third.status).toBe(200);
    expect((await refresh(first.refreshToken, device)).status).toBe(401);
    expect((await refresh(third.body.refreshToken, device)).status).toBe(401);
  });

  it('refuses a replay from another device', async () => {
    const device = randomUUID();
    const first = await signIn(device);
    expect((await refresh(first.refreshToken, device)).status).toBe(200);
    expect((await refresh(first.refreshToken, randomUUID())).status).toBe(401);
  });
});
