/**
 * Mail over real SMTP: a smtp-server listens on 127.0.0.1 inside the test, the Portal API sends
 * through nodemailer with SMTP_URL-style configuration. The reset link works once and expires.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, startServer, waitFor, type TestServer } from './helpers';
import { decodeQuotedPrintable, startSmtp, type Received } from './smtp';

describe.each(backends)('mail over SMTP ($name)', (backend) => {
  const inbox: Received[] = [];
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let server: TestServer;
  beforeAll(async () => {
    smtp = await startSmtp(inbox);
    server = await startServer(backend, { mail: { kind: 'smtp', url: smtp.url, from: 'Espace Locataire <no-reply@oph-demo.example>' }, publicUrl: 'https://portail.oph-demo.example' });
  });
  afterAll(async () => {
    await server.close();
    await smtp.close();
  });

  it('delivers a French, branded reset mail whose link works once and then expires', async () => {
    const [t] = await server.generate(1);
    expect((await server.api('POST', '/v1/auth/forgot-password', { body: { email: t!.email } })).status).toBe(202);
    const mail = await waitFor(() => inbox.find((m) => m.to.includes(t!.email)), 5000);
    const raw = decodeQuotedPrintable(mail.raw);
    expect(raw).toMatch(/^Subject: =\?UTF-8\?|^Subject: R/m);
    expect(raw).toContain('Office Public de l');
    expect(raw).toContain('valable 30 minutes');
    const link = /https:\/\/portail\.oph-demo\.example\/reinitialiser-mot-de-passe\?token=([A-Za-z0-9_-]+)/.exec(raw);
    expect(link).not.toBeNull();
    const token = link![1]!;

    const reset = await server.api('POST', '/v1/auth/reset-password', { body: { token, password: 'Tout-Nouveau-2026!' } });
    expect(reset.status).toBe(200);
    expect((await server.api('POST', '/v1/auth/reset-password', { body: { token, password: 'Encore-Autre-2026!' } })).status).toBe(400);
    await server.signIn(t!.email, 'Tout-Nouveau-2026!');

    // a second link, used too late
    await server.api('POST', '/v1/auth/forgot-password', { body: { email: t!.email } });
    const second = await waitFor(() => inbox.filter((m) => m.to.includes(t!.email))[1], 5000);
    const lateToken = /reinitialiser-mot-de-passe\?token=([A-Za-z0-9_-]+)/.exec(decodeQuotedPrintable(second.raw))![1]!;
    expect(lateToken).not.toBe(token);
    server.advance(30 * 60_000 + 1000);
    try {
      const late = await server.api('POST', '/v1/auth/reset-password', { body: { token: lateToken, password: 'Trop-Tard-2026!!' } });
      expect(late.status).toBe(400);
      expect(late.body.error.fields).toEqual([{ path: 'token', key: 'fields.linkInvalid', message: 'Ce lien a expiré ou a déjà été utilisé.' }]);
    } finally {
      server.advance(-(30 * 60_000 + 1000));
    }
  });

  it('sends nothing for an unknown address, and answers the same', async () => {
    const before = inbox.length;
    const res = await server.api('POST', '/v1/auth/forgot-password', { body: { email: 'personne@example.org' } });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: 'accepted' });
    await new Promise((r) => setTimeout(r, 300));
    expect(inbox.length).toBe(before);
  });
});
