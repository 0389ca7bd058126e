/**
 * Notifications (issue 20) on the Portal API over real HTTP (PGlite, and PostgreSQL when
 * TEST_DATABASE_URL): each kind is produced once, where and when its fact happens (staff's answer,
 * a status, a decision, a publication, the bank's answer, the reminders job under an injected
 * clock over months), synced to the tenant, mailed only to tenants who chose mail for it, and
 * the mail's one-click link (RFC 8058) stops that kind's mails, over a real SMTP exchange.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../../server/src/db/schema';
import { createDataCipher } from '../../../server/src/crypto/data-key';
import { createMailer } from '../../../server/src/mail/mailer';
import { addNotification, deliverNotificationMails, type NotificationMailDeps } from '../../../server/src/notifications/service';
import { withTenantWrite } from '../../../server/src/sync/versions';
import { nextDebitDate, runReminders } from '../../../server/src/notifications/reminders';
import { readLandlordSettings } from '../../../server/src/landlord/settings';
import { lyraSignature } from '../../../server/src/payment/signature';
import { addDays } from '../../../src-shared/validation/dates';
import { parisDate } from '../../../src-shared/clock';
import type { SyncChange, SyncData } from '../../../src-shared/api/sync';
import { backends, pullAll, startServer, waitFor, write, type TestServer } from './helpers';
import { decodeQuotedPrintable, startSmtp, type Received } from './smtp';

const ADMIN_KEY = 'notifications-admin-key-0123456789';
const PSP_KEY = 'sandbox-test-key-0123456789';
const PUBLIC_URL = 'https://portail.oph-demo.example';
const DAY = 24 * 60 * 60_000;

describe('the next direct debit', () => {
  it('is this month\'s when still ahead (today included), else next month\'s; the 31st is a short month\'s last day', () => {
    expect(nextDebitDate('2026-03-03', 3)).toBe('2026-03-03');
    expect(nextDebitDate('2026-03-04', 3)).toBe('2026-04-03');
    expect(nextDebitDate('2026-02-10', 31)).toBe('2026-02-28');
    expect(nextDebitDate('2026-12-31', 5)).toBe('2027-01-05');
  });
});

describe.each(backends)('notifications ($name)', (backend) => {
  const inbox: Received[] = [];
  const dataKey = randomBytes(32);
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let server: TestServer;
  let token: string;
  let tenantId: string;
  let dossierId: string;
  let requestId: string;
  let cursor: string;
  let mailDeps: NotificationMailDeps;

  const db = () => server.handle.db;
  const admin = (method: string, path: string, body?: unknown) => server.api(method, `/v1/admin${path}`, { body, headers: { 'x-api-key': ADMIN_KEY } });
  /** The notifications of the feed since the last call. */
  async function newNotifications(): Promise<(SyncChange & { data: SyncData<'notification'> | null })[]> {
    const page = await pullAll(server, token, cursor, 1000);
    cursor = page.cursor;
    return page.changes.filter((c) => c.entity === 'notification') as (SyncChange & { data: SyncData<'notification'> | null })[];
  }
  const rowsOf = (kind: string) => db().select().from(schema.notifications).where(and(eq(schema.notifications.tenantId, tenantId), eq(schema.notifications.kind, kind)));
  const mailsTo = (email: string) => inbox.filter((m) => m.to.includes(email));
  const setChannel = (kind: string, channel: string) => write(server, token, '/v1/notifications/preferences', { kind, channel });

  beforeAll(async () => {
    smtp = await startSmtp(inbox);
    server = await startServer(backend, {
      adminApiKey: ADMIN_KEY,
      dataKey,
      publicUrl: PUBLIC_URL,
      sandbox: true,
      payments: { keys: { TEST: PSP_KEY }, ceilingCents: 150_000 },
      quotas: { paymentsPerDay: 100 },
    });
    token = (await server.signIn()).accessToken;
    const all = await pullAll(server, token, undefined, 1000);
    cursor = all.cursor;
    tenantId = (await db().select().from(schema.tenants))[0]!.id;
    dossierId = all.changes.find((c) => c.entity === 'dossier')!.id;
    requestId = all.changes.find((c) => c.entity === 'request')!.id;
    const mailer = createMailer({ kind: 'smtp', url: smtp.url, from: 'Espace Locataire <no-reply@oph-demo.example>' }, () => {}, server.now);
    mailDeps = { db: server.handle.db, cipher: createDataCipher(dataKey), mailer, clock: server.now, landlord: () => readLandlordSettings(server.handle.db), publicUrl: PUBLIC_URL };
  });
  afterAll(async () => {
    mailDeps.mailer.close();
    await server.close();
    await smtp.close();
  });

  it('tells the tenant once when staff answer a request, then when its status changes, in the app only by default', async () => {
    const email = (await db().select().from(schema.accounts))[0]!.email;
    expect((await admin('PATCH', `/requests/${requestId}`, { status: 'open', message: 'Le plombier passe jeudi matin.' })).status).toBe(200);
    const answered = await newNotifications();
    expect(answered).toEqual([expect.objectContaining({ entity: 'notification', data: expect.objectContaining({ kind: 'request.answered', refId: requestId, params: expect.objectContaining({ status: 'open' }) }) })]);
    // Nothing new: nothing told twice.
    expect(await newNotifications()).toEqual([]);
    expect((await admin('PATCH', `/requests/${requestId}`, { status: 'in_progress' })).status).toBe(200);
    expect((await newNotifications()).map((c) => c.data?.kind)).toEqual(['request.status']);
    // The same status again is no news.
    await admin('PATCH', `/requests/${requestId}`, { status: 'in_progress' });
    expect(await newNotifications()).toEqual([]);
    // Defaults: the requests' kinds are in the app only.
    expect(await deliverNotificationMails(mailDeps)).toBe(0);
    expect(mailsTo(email)).toEqual([]);
  });

  it('mails an answer to a tenant who chose mail, once, with the landlord branding and a one-click unsubscribe that works', async () => {
    const email = (await db().select().from(schema.accounts))[0]!.email;
    expect((await setChannel('request.answered', 'both')).status).toBe(200);
    const prefs = (await pullAll(server, token, cursor, 1000)).changes.filter((c) => c.entity === 'notificationPreferences');
    expect(prefs.map((c) => c.data)).toEqual([{ channels: { 'request.answered': 'both' } }]);

    await admin('PATCH', `/requests/${requestId}`, { status: 'in_progress', message: 'Pièce commandée.' });
    expect(await deliverNotificationMails(mailDeps)).toBe(1);
    // Run twice: sent once.
    expect(await deliverNotificationMails(mailDeps)).toBe(0);
    const mail = await waitFor(() => mailsTo(email)[0], 5000);
    expect(mailsTo(email)).toHaveLength(1);
    const raw = decodeQuotedPrintable(mail.raw);
    expect(raw).toContain('Office Public de l');
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    const header = /^List-Unsubscribe: <(https:\/\/portail\.oph-demo\.example\/desabonnement\?jeton=[A-Za-z0-9_-]+)>$/m.exec(raw.replace(/\r\n[ \t]+/g, ' '));
    expect(header).not.toBeNull();
    const url = new URL(header![1]!);
    const local = `${server.base}${url.pathname}${url.search}`;

    // Opening the link changes nothing (link scanners open links): it asks.
    const page = await fetch(local);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Confirmer le désabonnement');
    expect((await db().select().from(schema.notificationPreferences))[0]!.channels).toEqual({ 'request.answered': 'both' });

    // The mail reader's one-click POST, without any sign-in (RFC 8058).
    const unsubscribed = await fetch(local, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(unsubscribed.status).toBe(200);
    expect(await unsubscribed.text()).toContain('Désabonnement enregistré');
    expect((await db().select().from(schema.notificationPreferences))[0]!.channels).toEqual({ 'request.answered': 'app' });
    // The desktop's settings learn it from the feed.
    expect((await pullAll(server, token, cursor, 1000)).changes.filter((c) => c.entity === 'notificationPreferences').map((c) => c.data)).toEqual([{ channels: { 'request.answered': 'app' } }]);

    await admin('PATCH', `/requests/${requestId}`, { status: 'in_progress', message: 'Intervention demain.' });
    expect(await deliverNotificationMails(mailDeps)).toBe(0);
    expect(mailsTo(email)).toHaveLength(1);

    // A forged or damaged token is refused and changes nothing.
    const forged = await fetch(`${server.base}/desabonnement?jeton=${url.searchParams.get('jeton')!.slice(0, -4)}AAAA`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(forged.status).toBe(400);
    await newNotifications();
  });

  it('an insurance decision (addNotification as issue 19\'s decideInsurance will call it) is told once and mailed in its words to a tenant who chose mail', async () => {
    const email = (await db().select().from(schema.accounts))[0]!.email;
    await setChannel('insurance.decided', 'mail');
    const certificateId = randomUUID();
    const decide = () => withTenantWrite(db(), tenantId, (tx, version) => addNotification(tx, { tenantId, version, now: server.now() }, 'insurance.decided', { decision: 'refuse' }, certificateId));
    expect(await decide()).toBe(true);
    expect(await decide()).toBe(false);
    const before = mailsTo(email).length;
    expect(await deliverNotificationMails(mailDeps)).toBe(1);
    const mail = await waitFor(() => mailsTo(email)[before], 5000);
    expect(decodeQuotedPrintable(mail.raw)).toContain('Mon assurance');
    expect(await rowsOf('insurance.decided')).toHaveLength(1);
    await newNotifications();
  });

  it('tells the decision on a change request once', async () => {
    const [change] = await db().select().from(schema.changeRequests).where(eq(schema.changeRequests.tenantId, tenantId));
    expect((await admin('POST', `/change-requests/${change!.id}/decision`, { decision: 'refuse', comment: 'Justificatif manquant' })).status).toBe(200);
    expect((await newNotifications()).map((c) => c.data)).toEqual([expect.objectContaining({ kind: 'changeRequest.decided', refId: change!.id, params: { changeKind: 'personal_info', decision: 'refuse' } })]);
    expect((await admin('POST', `/change-requests/${change!.id}/decision`, { decision: 'approve' })).status).toBe(409);
    expect(await rowsOf('changeRequest.decided')).toHaveLength(1);
  });

  it('tells a published avis once, without a second mail to the paperless subscriber who already gets it', async () => {
    // Next month's rent (this month's debit is too close for its SEPA pre-notification).
    const period = '2026-04';
    const [dossier] = await db().select().from(schema.dossiers).where(eq(schema.dossiers.id, dossierId));
    expect((await admin('POST', `/dossiers/${dossier!.number}/ledger`, { entries: [{ date: '2026-04-01', kind: 'rent', label: 'Loyer avril 2026', amountCents: 45_000, period }] })).status).toBe(201);
    const before = server.mail.length;
    const published = await admin('POST', '/notices', { period });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body, JSON.stringify(published.body)).toMatchObject({ published: 1 });
    const told = await newNotifications();
    expect(told.map((c) => c.data)).toEqual([expect.objectContaining({ kind: 'document.published', params: { documentKind: 'avis_echeance', period } })]);
    // The paperless avis mail, as before (publishing sends it), and no notification mail besides.
    expect(server.mail.length).toBe(before + 1);
    expect((await rowsOf('document.published'))[0]!.mailState).toBe('skipped');
    expect(await deliverNotificationMails(mailDeps)).toBe(0);
    await admin('POST', '/notices', { period });
    expect(await newNotifications()).toEqual([]);
  });

  it('tells a refused and an accepted card payment, once each, and not an abandoned one', async () => {
    const ipn = async (amountCents: number, transStatus: string) => {
      const form = (await write(server, token, '/v1/payments', { dossierId, amountCents })).body as { paymentId: string; fields: Record<string, string> };
      const f = form.fields;
      const fields: Record<string, string> = {
        vads_action_mode: f.vads_action_mode!, vads_amount: f.vads_amount!, vads_ctx_mode: f.vads_ctx_mode!, vads_currency: f.vads_currency!, vads_order_id: f.vads_order_id!,
        vads_page_action: 'PAYMENT', vads_payment_config: 'SINGLE', vads_site_id: f.vads_site_id!, vads_trans_date: f.vads_trans_date!, vads_trans_id: f.vads_trans_id!,
        vads_trans_status: transStatus, vads_trans_uuid: randomBytes(16).toString('hex'), vads_result: transStatus === 'AUTHORISED' ? '00' : '05', vads_url_check_src: 'PAY', vads_version: 'V2',
      };
      const body = new URLSearchParams({ ...fields, signature: lyraSignature(fields, PSP_KEY) }).toString();
      const post = () => fetch(`${server.base}/v1/payments/ipn`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
      expect((await post()).status).toBe(200);
      expect((await post()).status).toBe(200); // the bank's retry
      return form.paymentId;
    };
    const refused = await ipn(5_000, 'REFUSED');
    await ipn(6_000, 'ABANDONED');
    const accepted = await ipn(7_000, 'AUTHORISED');
    const kinds = (await newNotifications()).map((c) => [c.data?.kind, c.data?.refId]);
    expect(kinds).toEqual(expect.arrayContaining([['payment.refused', refused], ['payment.accepted', accepted]]));
    expect(kinds.filter(([kind]) => String(kind).startsWith('payment.'))).toHaveLength(2);
  });

  it('reminds the direct debit 5 days before and the insurance 30 days before and after its end, over three months, once each', async () => {
    const email = (await db().select().from(schema.accounts))[0]!.email;
    // Mail for the debit reminders; the insurance ones stay in the app (the default).
    await setChannel('debit.upcoming', 'mail');
    const start = parisDate(server.now());
    const validTo = addDays(start, 50);
    await db().insert(schema.insuranceCertificates).values({ id: randomUUID(), tenantId, version: 1, updatedAt: server.now(), dossierId, insurer: 'MAIF', policyNumber: 'P-1', validFrom: addDays(start, -315), validTo, attachmentSha256: 'a'.repeat(64), status: 'accepted', createdAt: server.now() });
    await newNotifications();
    const firstDay = new Map<string, string>();
    const mailsBefore = mailsTo(email).length;
    for (let day = 0; day < 92; day++) {
      const today = addDays(start, day);
      // Twice a day (two servers, or the timer and the CLI): told once.
      for (let run = 0; run < 2; run++) await runReminders({ db: db(), now: () => new Date(Date.parse(`${today}T06:00:00Z`)) }, today);
      await deliverNotificationMails(mailDeps);
      for (const change of await newNotifications()) {
        const data = change.data as { kind: string; params: Record<string, string> };
        const key = `${data.kind} ${data.params.date ?? data.params.validTo}`;
        expect(firstDay.has(key), key).toBe(false);
        firstDay.set(key, today);
      }
    }
    // From 18/03/2026 (TEST_NOW): debits on the 3rd, the certificate ends 50 days later (07/05/2026).
    expect(validTo).toBe('2026-05-07');
    expect(Object.fromEntries(firstDay)).toEqual({
      'debit.upcoming 2026-04-03': '2026-03-29',
      'debit.upcoming 2026-05-03': '2026-04-28',
      'debit.upcoming 2026-06-03': '2026-05-29',
      'insurance.expiring 2026-05-07': '2026-04-07',
      'insurance.expired 2026-05-07': '2026-05-08',
    });
    // One mail per debit reminder, none for the insurance (app only).
    await waitFor(() => (mailsTo(email).length - mailsBefore >= 3 ? true : null), 5000);
    // (The quittance of the card payment above goes too: documents are mailed to paperless subscribers.)
    const debitMails = mailsTo(email).slice(mailsBefore).filter((m) => decodeQuotedPrintable(m.raw).includes('aura lieu le'));
    expect(debitMails).toHaveLength(3);
  });

  // A second server of its own: its start (PGlite, the demo data) is slow on a busy machine.
  it('the server runs the reminders on its own timer, once per Paris day', async () => {
    const own = await startServer(backend, { notificationTimerMs: 20 });
    try {
      const debits = () => own.handle.db.select().from(schema.notifications).where(eq(schema.notifications.kind, 'debit.upcoming'));
      // 18/03: the next debit (03/04) is more than 5 days away.
      await new Promise((r) => setTimeout(r, 200));
      expect(await debits()).toEqual([]);
      own.advance(12 * DAY); // 30/03: 4 days before the debit
      let rows: Awaited<ReturnType<typeof debits>> = [];
      for (let i = 0; i < 300 && rows.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 30));
        rows = await debits();
      }
      expect(rows.map((r) => r.params)).toEqual([expect.objectContaining({ date: '2026-04-03' })]);
    } finally {
      await own.close();
    }
  }, 120_000);
});
