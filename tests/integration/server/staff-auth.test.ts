/**
 * Staff authentication (issue 19): the first administrator from the CLI's activation link (single
 * use), TOTP (RFC 6238: ±1 step, a code never accepted twice, wrong codes locked out), the
 * password step under the tenants' lockout, sessions that expire (30 min idle, 10 h absolute) under
 * the injected clock, and sign-out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPath } from '../../../src-shared/api/routes';
import { runAdminCommand } from '../../../server/src/admin/cli';
import { runMaintenance } from '../../../server/src/admin/maintenance';
import { createDataCipher } from '../../../server/src/crypto/data-key';
import { DEMO_STAFF_PASSWORD, DEMO_STAFF_TOTP_SECRET } from '../../../server/src/demo/demo-staff';
import { acceptedTotpStep, newTotpSecret, totpCodeAt } from '../../../server/src/staff/totp';
import { STAFF_ABSOLUTE_MS, STAFF_IDLE_MS } from '../../../server/src/staff/sessions';
import { backends, startServer, type TestServer } from './helpers';
import { STAFF_OF, staffSignIn } from './staff-fixture';

const MINUTE = 60_000;

describe('TOTP codes (RFC 6238, otpauth)', () => {
  const secret = newTotpSecret();
  const now = new Date('2026-03-18T09:30:15Z');
  const at = (offsetSeconds: number) => totpCodeAt(secret, new Date(now.getTime() + offsetSeconds * 1000));
  const step = Math.floor(now.getTime() / 30_000);

  it('accepts the code of the step before, the current one and the one after; not two steps away', () => {
    expect(acceptedTotpStep(secret, at(-30), now, null)).toBe(step - 1);
    expect(acceptedTotpStep(secret, at(0), now, null)).toBe(step);
    expect(acceptedTotpStep(secret, at(30), now, null)).toBe(step + 1);
    expect(acceptedTotpStep(secret, at(-60), now, null)).toBeNull();
    expect(acceptedTotpStep(secret, at(60), now, null)).toBeNull();
  });

  it('never accepts a step again, nor one older than the last accepted', () => {
    expect(acceptedTotpStep(secret, at(0), now, step)).toBeNull();
    expect(acceptedTotpStep(secret, at(-30), now, step)).toBeNull();
    expect(acceptedTotpStep(secret, at(30), now, step)).toBe(step + 1);
  });
});

describe.each(backends)('staff authentication ($name)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer(backend, { throttle: { signInPerAccount: 3 } });
  }, 120_000);
  afterAll(() => server?.close());

  const signInStep = async (email: string, password = DEMO_STAFF_PASSWORD) => server.api('POST', apiPath('staffSignIn'), { body: { email, password } });
  const totp = async (challenge: string, code: string) => server.api('POST', apiPath('staffTotp'), { body: { challenge, code } });

  it('the first administrator: create-staff prints a link used once, to set a password and enrol TOTP', async () => {
    const deps = { db: server.handle.db, cipher: createDataCipher(Buffer.alloc(32)), now: server.now };
    const created = (await runAdminCommand(['create-staff', '--email', 'Premiere.Admin@Example.org', '--name', 'Claire Fontaine', '--role', 'administrator'], deps)) as { activationUrl: string; account: { email: string; activatedAt: string | null } };
    expect(created.account).toMatchObject({ email: 'premiere.admin@example.org', activatedAt: null });
    expect(created.activationUrl).toMatch(/\/staff\/#\/activer\?token=[A-Za-z0-9_-]{20,}$/);
    const token = decodeURIComponent(created.activationUrl.split('token=')[1]!);

    // Not activated yet: the password step refuses it, with the message of a wrong password.
    expect((await signInStep('premiere.admin@example.org', 'Un-Tres-Long-Mot-2026-Cle')).status).toBe(401);

    const page = await server.api('GET', `${apiPath('staffActivation')}?token=${encodeURIComponent(token)}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ email: 'premiere.admin@example.org', displayName: 'Claire Fontaine', secretBase32: expect.stringMatching(/^[A-Z2-7]{32}$/) });
    expect(page.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/.+secret=[A-Z2-7]+&algorithm=SHA1&digits=6&period=30/);
    expect(Buffer.from(page.body.qrSvgDataUrl.replace('data:image/svg+xml;base64,', ''), 'base64').toString()).toMatch(/^<svg/);
    const secret = page.body.secretBase32 as string;

    const activate = (password: string, code: string) => server.api('POST', apiPath('staffActivate'), { body: { token, password, code } });
    // The tenants' policy: a password built on the person's name is refused, as is a wrong code.
    const weak = await activate('ClaireFontaine1!', totpCodeAt(secret, server.now()));
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields[0].path).toBe('password');
    const wrong = await activate('Velo-Orange-Pluie-2026', '000000');
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields[0].path).toBe('code');
    expect((await activate('Velo-Orange-Pluie-2026', totpCodeAt(secret, server.now()))).status).toBe(200);
    // Used: the link is dead, whatever is sent.
    expect((await server.api('GET', `${apiPath('staffActivation')}?token=${encodeURIComponent(token)}`)).status).toBe(404);
    expect((await activate('Autre-Velo-Orange-2027', totpCodeAt(secret, server.now()))).status).toBe(404);

    // And the administrator signs in (the activation's code step is spent: the next one).
    server.advance(30_000);
    const staffToken = await staffSignIn(server, 'premiere.admin@example.org', 'Velo-Orange-Pluie-2026', secret);
    const me = await server.api('GET', apiPath('staffMe'), { token: staffToken });
    expect(me.body).toMatchObject({ email: 'premiere.admin@example.org', role: 'administrator', residences: [] });
  });

  it('a TOTP code is never accepted twice, even on a new challenge', async () => {
    server.advance(30_000);
    const email = STAFF_OF.adviser.email;
    const code = totpCodeAt(DEMO_STAFF_TOTP_SECRET, server.now());
    const first = await signInStep(email);
    expect((await totp(first.body.challenge, code)).status).toBe(200);
    const second = await signInStep(email);
    const replay = await totp(second.body.challenge, code);
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('INVALID_CREDENTIALS');
    // The code of the next step (clock drift allowed) goes through on the same challenge.
    expect((await totp(second.body.challenge, totpCodeAt(DEMO_STAFF_TOTP_SECRET, new Date(server.now().getTime() + 30_000)))).status).toBe(200);
  });

  it('wrong TOTP codes are locked out like passwords: after the free tries, even the right code waits', async () => {
    server.advance(90_000);
    const email = STAFF_OF.accounting.email;
    const challenge = (await signInStep(email)).body.challenge as string;
    const results = [];
    for (let i = 0; i < 3; i++) results.push((await totp(challenge, '000000')).status);
    expect(results).toEqual([401, 401, 401]);
    const locked = await totp(challenge, totpCodeAt(DEMO_STAFF_TOTP_SECRET, server.now()));
    expect(locked.status).toBe(429);
    expect(locked.body.error.retryAfter).toBeGreaterThan(0);
    server.advance(locked.body.error.retryAfter * 1000);
  });

  it('the password step: one message whatever was wrong, then a pause after the free tries', async () => {
    const email = STAFF_OF.caretakerElsewhere.email;
    const unknown = await signInStep('personne@example.org', 'Mauvais-Mot-2026');
    const wrong = await signInStep(email, 'Mauvais-Mot-2026');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
    await signInStep(email, 'Mauvais-Mot-2026');
    await signInStep(email, 'Mauvais-Mot-2026');
    const paused = await signInStep(email);
    expect(paused.status).toBe(429);
  });

  it('a session ends 30 minutes after its last use, and 10 hours after sign-in however busy', async () => {
    const token = await staffSignIn(server, STAFF_OF.caretaker.email);
    const me = () => server.api('GET', apiPath('staffMe'), { token });
    server.advance(STAFF_IDLE_MS - MINUTE);
    expect((await me()).status).toBe(200);
    server.advance(STAFF_IDLE_MS - MINUTE); // used a minute before its idle end: still alive
    expect((await me()).status).toBe(200);
    server.advance(STAFF_IDLE_MS + MINUTE);
    expect((await me()).status).toBe(401);

    const busy = await staffSignIn(server, STAFF_OF.caretaker.email);
    let elapsed = 0;
    while (elapsed + 20 * MINUTE < STAFF_ABSOLUTE_MS) {
      server.advance(20 * MINUTE);
      elapsed += 20 * MINUTE;
      expect((await server.api('GET', apiPath('staffMe'), { token: busy })).status).toBe(200);
    }
    server.advance(STAFF_ABSOLUTE_MS - elapsed + MINUTE);
    expect((await server.api('GET', apiPath('staffMe'), { token: busy })).status).toBe(401);
  });

  it('the daily maintenance deletes staff sessions and links a day past their end, not the live ones', async () => {
    const live = await staffSignIn(server, STAFF_OF.adviser.email);
    // A day from now: the sessions above ended (10 h after their sign-in) more than a day before.
    const result = await runMaintenance(server.handle.db, new Date(server.now().getTime() + 24 * 60 * MINUTE));
    expect(result.staffSessions).toBeGreaterThanOrEqual(2); // the idle and the busy sessions above
    expect(result.staffTokens).toBeGreaterThanOrEqual(1); // their spent sign-in challenges
    expect((await server.api('GET', apiPath('staffMe'), { token: live })).status).toBe(200);
  });

  it('sign-out ends the session at once; a tenant token is not a staff session, nor the reverse', async () => {
    const token = await staffSignIn(server, STAFF_OF.administrator.email);
    expect((await server.api('POST', apiPath('staffSignOut'), { token })).status).toBe(200);
    expect((await server.api('GET', apiPath('staffMe'), { token })).status).toBe(401);
    const fresh = await staffSignIn(server, STAFF_OF.administrator.email);
    const tenant = (await server.signIn()).accessToken;
    expect((await server.api('GET', apiPath('staffMe'), { token: tenant })).status).toBe(401);
    expect((await server.api('GET', '/v1/me', { token: fresh })).status).toBe(401);
  });
});
