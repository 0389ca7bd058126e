/**
 * New passwords (issue 13): refused when common or built on the tenant's own data (zxcvbn-ts with
 * its French and common dictionaries, server side), refused when equal to the current one, a
 * 7-word passphrase accepted (CNIL 2022-100); a reset or a change revokes every other reset link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD_COMMON_MESSAGE, PASSWORD_PERSONAL_MESSAGE, PASSWORD_SAME_MESSAGE } from '../../../server/src/auth/password-strength';
import type { GeneratedTenant } from '../../../server/src/demo/demo-data';
import { backends, newDevice, startServer, waitFor, type TestServer } from './helpers';

const PASSPHRASE = 'cheval agrafe correct batterie lune soleil porte';
const STRONG = 'Nouveau-Secret-2026!';

describe.each(backends)('new passwords and reset links ($name)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer(backend, { throttle: { recoveryPerIdentity: 100, recoveryPerIp: 1000 } });
  });
  afterAll(() => server.close());

  /** Asks for a reset link and returns its token (the mail leaves after the answer). */
  async function resetLink(email: string): Promise<string> {
    const sent = server.mail.length;
    expect((await server.api('POST', '/v1/auth/forgot-password', { body: { email } })).status).toBe(202);
    const mail = await waitFor(() => server.mail.slice(sent).find((m) => m.to === email && m.link?.includes('reinitialiser')));
    return new URL(mail.link!).searchParams.get('token')!;
  }
  const reset = (token: string, password: string) => server.api('POST', '/v1/auth/reset-password', { body: { token, password } });
  const change = (accessToken: string, currentPassword: string, newPassword: string) =>
    server.api('POST', '/v1/auth/change-password', { token: accessToken, body: { currentPassword, newPassword } });
  const fieldsOf = (res: { body: any }) => res.body.error.fields as { path: string; message: string }[];

  /** Passwords built on the tenant's data, each meeting the character rules. */
  const personal = (t: GeneratedTenant) => {
    const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
    const [year, month, day] = t.birthDate.split('-');
    return [`${cap(t.lastName)}${year}!${cap(t.firstName)}`, `${cap(t.firstName)}.${day}${month}${year}!`, `${t.email.split('@')[0]}-${year}A`];
  };

  it('a reset revokes every other outstanding reset link', async () => {
    const [t] = await server.generate(1);
    const first = await resetLink(t!.email);
    const second = await resetLink(t!.email);
    expect((await reset(second, STRONG)).status).toBe(200);
    const stale = await reset(first, 'Encore-Un-Autre-2026!');
    expect(stale.status).toBe(400);
    expect(fieldsOf(stale)).toEqual([{ path: 'token', key: 'fields.linkInvalid', message: 'Ce lien a expiré ou a déjà été utilisé.' }]);
    await server.signIn(t!.email, STRONG);
  });

  it('a password change revokes every outstanding reset link', async () => {
    const [t] = await server.generate(1);
    const link = await resetLink(t!.email);
    const session = await server.signIn(t!.email, t!.password);
    expect((await change(session.accessToken, t!.password, STRONG)).status).toBe(200);
    expect((await reset(link, 'Encore-Un-Autre-2026!')).status).toBe(400);
    await server.signIn(t!.email, STRONG);
  });

  it('refuses the current password as the new one, by change and by reset', async () => {
    const [t] = await server.generate(1);
    const session = await server.signIn(t!.email, t!.password);
    const same = await change(session.accessToken, t!.password, t!.password);
    expect(same.status).toBe(400);
    expect(fieldsOf(same)).toEqual([{ path: 'newPassword', key: 'fields.password.same', message: PASSWORD_SAME_MESSAGE }]);
    const link = await resetLink(t!.email);
    const sameByReset = await reset(link, t!.password);
    expect(fieldsOf(sameByReset)).toEqual([{ path: 'password', key: 'fields.password.same', message: PASSWORD_SAME_MESSAGE }]);
    // The link was not spent by the refusal.
    expect((await reset(link, STRONG)).status).toBe(200);
  });

  it('refuses common passwords that meet the character rules, saying why in French', async () => {
    const [t] = await server.generate(1);
    const session = await server.signIn(t!.email, t!.password);
    for (const common of ['Motdepasse123!', 'Azerty123456!', 'Soleil2024!!!']) {
      const res = await change(session.accessToken, t!.password, common);
      expect(res.status, common).toBe(400);
      expect(fieldsOf(res), common).toEqual([{ path: 'newPassword', key: 'fields.password.common', message: PASSWORD_COMMON_MESSAGE }]);
    }
  });

  it('refuses passwords built on the tenant\'s names, birth date or email, at sign-up, change and reset', async () => {
    const [newcomer] = await server.generate(1, { withAccounts: false });
    for (const password of personal(newcomer!)) {
      const res = await server.api('POST', '/v1/auth/sign-up', {
        body: { tenantReference: newcomer!.reference, lastName: newcomer!.lastName, firstName: newcomer!.firstName, birthDate: newcomer!.birthDate, email: 'nouvelle@example.org', password, acceptCgu: true, acceptPrivacy: true, paperless: false, device: newDevice() },
      });
      expect(res.status, password).toBe(400);
      expect(fieldsOf(res), password).toEqual([{ path: 'password', key: 'fields.password.personal', message: PASSWORD_PERSONAL_MESSAGE }]);
    }
    const [t] = await server.generate(1);
    const session = await server.signIn(t!.email, t!.password);
    for (const password of personal(t!)) {
      expect(fieldsOf(await change(session.accessToken, t!.password, password)), password).toEqual([{ path: 'newPassword', key: 'fields.password.personal', message: PASSWORD_PERSONAL_MESSAGE }]);
    }
    const link = await resetLink(t!.email);
    expect(fieldsOf(await reset(link, personal(t!)[0]!))).toEqual([{ path: 'password', key: 'fields.password.personal', message: PASSWORD_PERSONAL_MESSAGE }]);
  });

  it('accepts a passphrase of 7 words (CNIL 2022-100)', async () => {
    const [t] = await server.generate(1);
    const session = await server.signIn(t!.email, t!.password);
    expect((await change(session.accessToken, t!.password, PASSPHRASE)).status).toBe(200);
    await server.signIn(t!.email, PASSPHRASE);
  });
});
