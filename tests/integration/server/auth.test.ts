import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionResponseSchema } from '../../../src-shared/api/auth';
import { DEMO_ACCOUNT, DEMO_TENANT } from '../../../server/src/demo/demo-data';
import { backends, newDevice, pullAll, startServer, waitFor, type TestServer } from './helpers';

const STRONG = 'Nouveau-Secret-2026!';

describe.each(backends)('accounts ($name)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer(backend);
  });
  afterAll(() => server.close());

  describe('sign-up', () => {
    const body = (over: Record<string, unknown> = {}) => ({
      tenantReference: '',
      lastName: '',
      firstName: '',
      birthDate: '',
      // Not "nouveau@…": the password must not contain the email's own words (password-strength.ts).
      email: 'inscrite@example.org',
      password: STRONG,
      acceptCgu: true,
      acceptPrivacy: true,
      paperless: true,
      device: newDevice(),
      ...over,
    });

    it('creates the account when reference, name and birth date match the tenant record', async () => {
      const [t] = await server.generate(1, { withAccounts: false });
      const res = await server.api('POST', '/v1/auth/sign-up', {
        body: body({ tenantReference: t!.reference, lastName: t!.lastName.toLowerCase(), firstName: ` ${t!.firstName} `, birthDate: t!.birthDate, email: 'Inscrite@Example.org' }),
      });
      expect(res.status).toBe(201);
      const session = sessionResponseSchema.parse(res.body);
      expect(session.account.email).toBe('inscrite@example.org');
      expect(session.account.tenantId).toBe(t!.tenantId);
      const me = await server.api('GET', '/v1/me', { token: session.accessToken });
      expect(me.status).toBe(200);
      expect(me.body.paperless).toBe(true);
      const profile = (await pullAll(server, session.accessToken)).changes.find((c) => c.entity === 'profile')!;
      expect(profile.data).toMatchObject({ email: 'inscrite@example.org', paperless: true });
      expect(me.body.consents.map((c: { kind: string }) => c.kind).sort()).toEqual(['cgu', 'paperless', 'privacy']);
      // one account per signatory
      const again = await server.api('POST', '/v1/auth/sign-up', {
        body: body({ tenantReference: t!.reference, lastName: t!.lastName, firstName: t!.firstName, birthDate: t!.birthDate, email: 'autre@example.org' }),
      });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('CONFLICT');
    });

    it('refuses details that do not match a tenant, with a French field message', async () => {
      const res = await server.api('POST', '/v1/auth/sign-up', {
        body: body({ tenantReference: DEMO_TENANT.reference, lastName: 'DUPONT', firstName: 'MARTINE', birthDate: '1970-01-02' }),
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
      expect(res.body.error.fields).toEqual([{ path: 'tenantReference', key: 'fields.signupNoMatch', message: expect.stringContaining('ne correspondent à aucun dossier') }]);
    });

    it('lists every invalid field in French', async () => {
      const res = await server.api('POST', '/v1/auth/sign-up', {
        body: { tenantReference: '', lastName: 'X', birthDate: '01/01/1970', email: 'pas-un-mail', password: STRONG, acceptCgu: false, acceptPrivacy: true, paperless: true, device: { id: 'x', name: 'pc' } },
      });
      expect(res.status).toBe(400);
      const fields = Object.fromEntries(res.body.error.fields.map((f: { path: string; message: string }) => [f.path, f.message]));
      expect(fields).toMatchObject({
        tenantReference: 'Champ obligatoire',
        firstName: 'Champ obligatoire',
        birthDate: 'Date invalide (format attendu : aaaa-mm-jj)',
        email: 'Adresse mail invalide',
        acceptCgu: "Vous devez accepter les Conditions générales d'utilisation",
        'device.id': 'Identifiant invalide',
      });
    });

    it('enforces the CNIL password policy', async () => {
      const [t] = await server.generate(1, { withAccounts: false });
      const res = await server.api('POST', '/v1/auth/sign-up', {
        body: body({ tenantReference: t!.reference, lastName: t!.lastName, firstName: t!.firstName, birthDate: t!.birthDate, email: 'faible@example.org', password: 'motdepasse12' }),
      });
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toEqual([{ path: 'password', key: 'fields.password.weak', message: expect.stringContaining('12 caractères') }]);
    });
  });

  describe('sign-in, tokens, sign-out', () => {
    it('signs in the demo tenant and returns the session shape', async () => {
      const res = await server.api('POST', '/v1/auth/sign-in', { body: { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password, device: newDevice() } });
      expect(res.status).toBe(200);
      const session = sessionResponseSchema.parse(res.body);
      expect(session.account.displayName).toBe('Mme DUPONT MARTINE');
      const ttl = Date.parse(session.accessTokenExpiresAt) - server.now().getTime();
      expect(ttl).toBeGreaterThan(14 * 60_000);
      expect(ttl).toBeLessThanOrEqual(15 * 60_000);
    });

    it('answers INVALID_CREDENTIALS for an unknown email and for a wrong password alike', async () => {
      const unknown = await server.api('POST', '/v1/auth/sign-in', { body: { email: 'personne@example.org', password: 'x', device: newDevice() } });
      const wrong = await server.api('POST', '/v1/auth/sign-in', { body: { email: DEMO_ACCOUNT.email, password: 'Mauvais-Secret-1', device: newDevice() } });
      expect(unknown.status).toBe(401);
      expect(wrong.status).toBe(401);
      expect(unknown.body).toEqual(wrong.body);
      expect(unknown.body.error.code).toBe('INVALID_CREDENTIALS');
    });

    it('refuses routes without a valid Bearer token', async () => {
      for (const token of [undefined, 'not-a-real-token-000000000000']) {
        const res = await server.api('GET', '/v1/me', { token });
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe('UNAUTHENTICATED');
      }
    });

    it('rotates refresh tokens; reusing an old one revokes the whole family', async () => {
      const first = await server.signIn();
      const device = await server.api('POST', '/v1/auth/refresh', { body: { refreshToken: first.refreshToken, deviceId: randomUUID() } });
      expect(device.status).toBe(401); // bound to the device
      const deviceId = (await server.handle.db.query.sessions.findFirst({ where: (s, { eq }) => eq(s.accountId, first.account.id), orderBy: (s, { desc }) => desc(s.createdAt) }))!.deviceId;
      const second = await server.api('POST', '/v1/auth/refresh', { body: { refreshToken: first.refreshToken, deviceId } });
      expect(second.status).toBe(200);
      expect(second.body.refreshToken).not.toBe(first.refreshToken);
      expect((await server.api('GET', '/v1/me', { token: first.accessToken })).status).toBe(401); // old access token retired
      expect((await server.api('GET', '/v1/me', { token: second.body.accessToken })).status).toBe(200);
      // theft: the old refresh token is presented again
      const reuse = await server.api('POST', '/v1/auth/refresh', { body: { refreshToken: first.refreshToken, deviceId } });
      expect(reuse.status).toBe(401);
      expect((await server.api('GET', '/v1/me', { token: second.body.accessToken })).status).toBe(401);
      const third = await server.api('POST', '/v1/auth/refresh', { body: { refreshToken: second.body.refreshToken, deviceId } });
      expect(third.status).toBe(401);
    });

    it('expires access tokens after 15 minutes', async () => {
      const session = await server.signIn();
      server.advance(16 * 60_000);
      try {
        expect((await server.api('GET', '/v1/me', { token: session.accessToken })).status).toBe(401);
      } finally {
        server.advance(-16 * 60_000);
      }
    });

    it('sign-out revokes the session', async () => {
      const session = await server.signIn();
      expect((await server.api('POST', '/v1/auth/sign-out', { token: session.accessToken })).status).toBe(200);
      expect((await server.api('GET', '/v1/me', { token: session.accessToken })).status).toBe(401);
      expect((await server.api('POST', '/v1/auth/sign-out')).status).toBe(401);
    });
  });

  describe('credential changes', () => {
    it('change-password requires the current password, applies the policy, revokes other sessions', async () => {
      const [t] = await server.generate(1);
      const mine = await server.signIn(t!.email, t!.password);
      const other = await server.signIn(t!.email, t!.password);
      const wrong = await server.api('POST', '/v1/auth/change-password', { token: mine.accessToken, body: { currentPassword: 'Pas-Le-Bon-2026!', newPassword: STRONG } });
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.fields).toEqual([{ path: 'currentPassword', key: 'fields.password.incorrect', message: 'Mot de passe actuel incorrect' }]);
      const weak = await server.api('POST', '/v1/auth/change-password', { token: mine.accessToken, body: { currentPassword: t!.password, newPassword: 'court' } });
      expect(weak.body.error.fields[0].path).toBe('newPassword');
      const ok = await server.api('POST', '/v1/auth/change-password', { token: mine.accessToken, body: { currentPassword: t!.password, newPassword: STRONG } });
      expect(ok.status).toBe(200);
      expect((await server.api('GET', '/v1/me', { token: mine.accessToken })).status).toBe(200);
      expect((await server.api('GET', '/v1/me', { token: other.accessToken })).status).toBe(401);
      await server.signIn(t!.email, STRONG);
      expect((await server.api('POST', '/v1/auth/change-password', { body: { currentPassword: 'a', newPassword: 'b' } })).status).toBe(401);
    });

    it('change-email sends a confirmation link to the new address and a notice to the old one', async () => {
      const [t] = await server.generate(1);
      const session = await server.signIn(t!.email, t!.password);
      const res = await server.api('POST', '/v1/auth/change-email', { token: session.accessToken, body: { newEmail: 'Nouvelle.Adresse@example.org', password: t!.password } });
      expect(res.status).toBe(202);
      const confirm = await waitFor(() => server.mail.find((m) => m.to === 'nouvelle.adresse@example.org'));
      await waitFor(() => server.mail.find((m) => m.to === t!.email && m.subject.includes('Changement')));
      const token = new URL(confirm.link!).searchParams.get('token');
      expect((await server.api('POST', '/v1/auth/confirm-email', { body: { token } })).status).toBe(200);
      expect((await server.api('POST', '/v1/auth/confirm-email', { body: { token } })).status).toBe(400);
      const renamed = await server.signIn('nouvelle.adresse@example.org', t!.password);
      const profile = (await pullAll(server, renamed.accessToken)).changes.find((c) => c.entity === 'profile')!;
      expect(profile.data).toMatchObject({ email: 'nouvelle.adresse@example.org' });
      const taken = await server.api('POST', '/v1/auth/change-email', { token: session.accessToken, body: { newEmail: DEMO_ACCOUNT.email, password: t!.password } });
      expect(taken.status).toBe(409);
    });
  });

  describe('recovery', () => {
    it('forgot-identifier answers the same whatever the input and mails the identifier when it matches', async () => {
      const [t] = await server.generate(1);
      const match = await server.api('POST', '/v1/auth/forgot-identifier', {
        body: { tenantReference: t!.reference, lastName: t!.lastName, firstName: t!.firstName, birthDate: t!.birthDate },
      });
      const noMatch = await server.api('POST', '/v1/auth/forgot-identifier', {
        body: { tenantReference: '9999999999', lastName: 'PERSONNE', firstName: 'NUL', birthDate: '1950-05-05' },
      });
      expect(match.status).toBe(202);
      expect(noMatch.status).toBe(202);
      expect(match.body).toEqual(noMatch.body);
      const sent = await waitFor(() => server.mail.find((m) => m.to === t!.email && m.subject === 'Votre identifiant de connexion'));
      expect(sent.text).toContain(t!.email);
      expect(sent.html).toContain("Office Public de l'Habitat de Démonstration".replace("'", '&#39;'));
    });

    it('forgot-password: same answer for unknown emails; the link resets once and expires after 30 minutes', async () => {
      const [t] = await server.generate(1);
      const unknown = await server.api('POST', '/v1/auth/forgot-password', { body: { email: 'inconnu@example.org' } });
      const known = await server.api('POST', '/v1/auth/forgot-password', { body: { email: t!.email } });
      expect([unknown.status, known.status]).toEqual([202, 202]);
      expect(unknown.body).toEqual(known.body);
      const mail = await waitFor(() => server.mail.find((m) => m.to === t!.email));
      const token = new URL(mail.link!).searchParams.get('token')!;
      const reset = await server.api('POST', '/v1/auth/reset-password', { body: { token, password: STRONG } });
      expect(reset.status).toBe(200);
      const again = await server.api('POST', '/v1/auth/reset-password', { body: { token, password: STRONG } });
      expect(again.status).toBe(400);
      expect(again.body.error.fields[0]).toEqual({ path: 'token', key: 'fields.linkInvalid', message: 'Ce lien a expiré ou a déjà été utilisé.' });
      await server.signIn(t!.email, STRONG);

      await server.api('POST', '/v1/auth/forgot-password', { body: { email: t!.email } });
      const second = await waitFor(() => server.mail.filter((m) => m.to === t!.email)[1]);
      server.advance(31 * 60_000);
      try {
        const late = await server.api('POST', '/v1/auth/reset-password', { body: { token: new URL(second.link!).searchParams.get('token'), password: STRONG } });
        expect(late.status).toBe(400);
      } finally {
        server.advance(-31 * 60_000);
      }
    });
  });
});

describe.each(backends)('mailed link pages ($name)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer(backend, { publicUrl: 'http://portail.example' });
  });
  afterAll(() => server.close());

  const postForm = (path: string, fields: Record<string, string>) =>
    fetch(`${server.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });

  it('the reset link opens a French form that changes the password once', async () => {
    const [t] = await server.generate(1);
    await server.api('POST', '/v1/auth/forgot-password', { body: { email: t!.email } });
    const mail = await waitFor(() => server.mail.find((m) => m.to === t!.email));
    const link = new URL(mail.link!);
    expect(link.origin + link.pathname).toBe('http://portail.example/reinitialiser-mot-de-passe');
    const token = link.searchParams.get('token')!;
    const form = await fetch(`${server.base}${link.pathname}${link.search}`);
    expect(form.status).toBe(200);
    expect(form.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await form.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<label for="password">Nouveau mot de passe <span aria-hidden="true">*</span></label>');
    expect(html).toContain(`value="${token}"`);
    const mismatch = await postForm('/reinitialiser-mot-de-passe', { token, password: STRONG, confirmation: 'autre' });
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain('Les deux mots de passe ne sont pas identiques.');
    const weak = await postForm('/reinitialiser-mot-de-passe', { token, password: 'faible', confirmation: 'faible' });
    expect(weak.status).toBe(400);
    expect(await weak.text()).toContain('au moins 12 caractères');
    const ok = await postForm('/reinitialiser-mot-de-passe', { token, password: STRONG, confirmation: STRONG });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Votre mot de passe a été changé.');
    await server.signIn(t!.email, STRONG);
    const again = await postForm('/reinitialiser-mot-de-passe', { token, password: STRONG, confirmation: STRONG });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('Ce lien a expiré ou a déjà été utilisé.');
    // Opened again, the used link says so at once: no password field to fill in for nothing.
    const reopened = await fetch(`${server.base}${link.pathname}${link.search}`);
    expect(reopened.status).toBe(410);
    const reopenedHtml = await reopened.text();
    expect(reopenedHtml).toContain('Ce lien a expiré ou a déjà été utilisé.');
    expect(reopenedHtml).toContain('Identifiants oubliés');
    expect(reopenedHtml).not.toContain('type="password"');
  });

  it('a field problem carries an i18n key beside its French sentence, for the desktop to word in the tenant’s language', async () => {
    const [t] = await server.generate(1);
    await server.api('POST', '/v1/auth/forgot-password', { body: { email: t!.email } });
    const mail = await waitFor(() => server.mail.find((m) => m.to === t!.email));
    const weak = await server.api('POST', '/v1/auth/reset-password', { body: { token: new URL(mail.link!).searchParams.get('token'), password: 'faible' } });
    expect(weak.status).toBe(400);
    expect(weak.body).toMatchObject({ error: { code: 'VALIDATION', fields: [{ path: 'password', key: 'fields.password.weak', message: expect.stringContaining('au moins 12 caractères') }] } });
  });

  it('the reset page wears the landlord’s name and colours, lists the rules once and marks them after a weak try', async () => {
    const [t] = await server.generate(1);
    await server.api('POST', '/v1/auth/forgot-password', { body: { email: t!.email } });
    const mail = await waitFor(() => server.mail.find((m) => m.to === t!.email));
    const link = new URL(mail.link!);
    const landlord = (await (await fetch(`${server.base}/v1/landlord`)).json()) as { name: string; colors: { primary: string } };
    const html = await (await fetch(`${server.base}${link.pathname}${link.search}`)).text();
    expect(html).toContain(landlord.name.replace(/'/g, '&#39;'));
    expect(html).toContain(`background:${landlord.colors.primary}`);
    expect(html.match(/au moins 12 caractères/g)).toHaveLength(1);
    expect(html).toContain('Afficher le mot de passe');
    const weak = await postForm('/reinitialiser-mot-de-passe', { token: link.searchParams.get('token')!, password: 'courtA1!', confirmation: 'courtA1!' });
    const weakHtml = await weak.text();
    expect(weakHtml.match(/au moins 12 caractères/g)).toHaveLength(1);
    expect(weakHtml).toContain('au moins 12 caractères <span class="unmet">(non respecté)</span>');
    expect(weakHtml).toContain('une lettre majuscule <span class="met">(respecté)</span>');
  });

  it('the email confirmation link opens a page that confirms the new address', async () => {
    const [t] = await server.generate(1);
    const session = await server.signIn(t!.email, t!.password);
    await server.api('POST', '/v1/auth/change-email', { token: session.accessToken, body: { newEmail: 'confirmee@example.org', password: t!.password } });
    const mail = await waitFor(() => server.mail.find((m) => m.to === 'confirmee@example.org'));
    const token = new URL(mail.link!).searchParams.get('token')!;
    expect(await (await fetch(`${server.base}/confirmer-email?token=${token}`)).text()).toContain('Confirmer mon adresse mail');
    const ok = await postForm('/confirmer-email', { token });
    expect(ok.status).toBe(200);
    await server.signIn('confirmee@example.org', t!.password);
  });
});

describe.each(backends)('throttling ($name)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer(backend, { throttle: { signInPerAccount: 3, signInPerIp: 8, recoveryPerIdentity: 2, recoveryPerIp: 100 } });
  });
  afterAll(() => server.close());

  it('blocks an account after repeated failures, with Retry-After, even with the right password', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await server.api('POST', '/v1/auth/sign-in', { body: { email: DEMO_ACCOUNT.email, password: 'Mauvais-Secret-1', device: newDevice() } });
      expect(res.status).toBe(401);
    }
    const blocked = await server.api('POST', '/v1/auth/sign-in', { body: { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password, device: newDevice() } });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('THROTTLED');
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    server.advance(16 * 60_000);
    const later = await server.api('POST', '/v1/auth/sign-in', { body: { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password, device: newDevice() } });
    expect(later.status).toBe(200);
  });

  it('blocks an IP after too many attempts on any accounts', async () => {
    server.advance(16 * 60_000);
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) {
      const res = await server.api('POST', '/v1/auth/sign-in', { body: { email: `x${i}@example.org`, password: 'Mauvais-Secret-1', device: newDevice() } });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 8).every((s) => s === 401)).toBe(true);
    expect(statuses[8]).toBe(429);
  });

  it('throttles recovery per identity without revealing whether it exists', async () => {
    server.advance(16 * 60_000);
    const codes: number[] = [];
    for (const email of ['inconnu@example.org', 'inconnu@example.org', 'inconnu@example.org', DEMO_ACCOUNT.email, DEMO_ACCOUNT.email, DEMO_ACCOUNT.email]) {
      codes.push((await server.api('POST', '/v1/auth/forgot-password', { body: { email } })).status);
    }
    expect(codes).toEqual([202, 202, 429, 202, 202, 429]);
  });
});
