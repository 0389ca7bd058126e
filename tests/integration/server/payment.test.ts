/**
 * Online payment on the Portal API over real HTTP (PGlite, and PostgreSQL when TEST_DATABASE_URL):
 * the Lyra signature with a fixed vector, the signed form, the IPN (tampering, wrong key, replay,
 * mismatch, unknown payment, duplicates, concurrency), acceptance effects (ledger credit, activity,
 * mail, quittance or reçu as a PDF), refusal and abandonment, and the sandbox PSP page flow.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../../server/src/db/schema';
import { buildServer } from '../../../server/src/app';
import { openDatabase } from '../../../server/src/db/client';
import { lyraSignature, hasValidLyraSignature } from '../../../server/src/payment/signature';
import { lyraTransDate, paymentStatusOf } from '../../../server/src/payment/protocol';
import { allocationPeriod } from '../../../server/src/payment/settlement';
import { backends, pullAll, startServer, waitFor, write, type TestServer } from './helpers';
import { testClock } from '../../helpers/clock';

const KEY = 'sandbox-test-key-0123456789';
const CEILING = 150_000;

describe('Lyra signature (fixed vectors)', () => {
  // The example form of Lyra's documentation, our own key; expected value computed once with
  // `openssl dgst -sha256 -hmac KEY -binary | base64` over the joined values.
  const fields = {
    vads_version: 'V2',
    vads_trans_id: '123456',
    vads_trans_date: '20170129130025',
    vads_site_id: '12345678',
    vads_payment_config: 'SINGLE',
    vads_page_action: 'PAYMENT',
    vads_currency: '978',
    vads_ctx_mode: 'TEST',
    vads_amount: '5124',
    vads_action_mode: 'INTERACTIVE',
  };
  const key = '1122334455667788';

  it('signs the values sorted by field name, joined with "+", plus "+key", HMAC-SHA-256 in base64', () => {
    expect(lyraSignature(fields, key)).toBe('ycA5Do5tNvsnKdc/eP1bj2xa19z9q3iWPy9/rpesfS0=');
    const independent = createHmac('sha256', key).update('INTERACTIVE+5124+TEST+978+PAYMENT+SINGLE+12345678+20170129130025+123456+V2+' + key).digest('base64');
    expect(lyraSignature(fields, key)).toBe(independent);
  });

  it('ignores fields that are not vads_* and refuses any change, another key, or a missing signature', () => {
    const signed = { ...fields, other: 'x', signature: lyraSignature(fields, key) };
    expect(hasValidLyraSignature(signed, key)).toBe(true);
    expect(hasValidLyraSignature({ ...signed, other: 'changed' }, key)).toBe(true);
    for (const name of Object.keys(fields)) expect(hasValidLyraSignature({ ...signed, [name]: `${signed[name as keyof typeof fields]}0` }, key), name).toBe(false);
    expect(hasValidLyraSignature({ ...signed, vads_extra: '' }, key)).toBe(false);
    expect(hasValidLyraSignature(signed, 'another-key')).toBe(false);
    expect(hasValidLyraSignature({ ...fields }, key)).toBe(false);
    expect(hasValidLyraSignature({ ...signed, signature: signed.signature.slice(0, -2) }, key)).toBe(false);
  });

  it('maps the bank statuses and formats the UTC transaction date', () => {
    expect(['AUTHORISED', 'CAPTURED'].map(paymentStatusOf)).toEqual(['accepted', 'accepted']);
    expect(paymentStatusOf('REFUSED')).toBe('refused');
    expect(['ABANDONED', 'CANCELLED'].map(paymentStatusOf)).toEqual(['cancelled', 'cancelled']);
    expect(['WAITING_AUTHORISATION', 'UNDER_VERIFICATION', 'AUTHORISED_TO_VALIDATE'].map(paymentStatusOf)).toEqual(['pending', 'pending', 'pending']);
    expect(paymentStatusOf('SOMETHING_NEW')).toBeNull();
    expect(lyraTransDate(new Date('2026-03-04T05:06:07.890Z'))).toBe('20260304050607');
  });

  it('allocates a payment to the oldest period not paid in full, else the latest one', () => {
    const line = (period: string, kind: 'rent' | 'charges' | 'apl' | 'payment', amountCents: number) => ({ date: `${period}-01`, kind, label: kind, amountCents, period });
    const paid = [line('2026-01', 'rent', 400), line('2026-01', 'payment', -400), line('2026-02', 'rent', 400), line('2026-02', 'apl', -100), line('2026-02', 'payment', -300)];
    expect(allocationPeriod(paid, '2026-02-20')).toBe('2026-02');
    expect(allocationPeriod([...paid, line('2026-03', 'rent', 400), line('2026-03', 'charges', 50)], '2026-03-02')).toBe('2026-03');
    expect(allocationPeriod([line('2025-12', 'rent', 400), ...paid], '2026-02-20')).toBe('2025-12');
    expect(allocationPeriod([], '2026-02-20')).toBe('2026-02');
  });
});

describe.each(backends)('payments over HTTP ($name)', (backend) => {
  let server: TestServer;
  let token: string;
  let dossierId: string;

  const db = () => server.handle.db;
  const ledgerCount = async () => (await db().select().from(schema.ledgerEntries).where(eq(schema.ledgerEntries.dossierId, dossierId))).length;
  const balance = async () => (await db().select().from(schema.dossiers).where(eq(schema.dossiers.id, dossierId)))[0]!.balanceCents;

  async function create(amountCents: number, key = randomUUID()) {
    return write(server, token, '/v1/payments', { dossierId, amountCents }, key);
  }

  function ipnFields(form: { fields: Record<string, string> }, transStatus: string, overrides: Record<string, string> = {}, key = KEY) {
    const f = form.fields;
    const fields: Record<string, string> = {
      vads_action_mode: f.vads_action_mode!,
      vads_amount: f.vads_amount!,
      vads_ctx_mode: f.vads_ctx_mode!,
      vads_currency: f.vads_currency!,
      vads_order_id: f.vads_order_id!,
      vads_page_action: 'PAYMENT',
      vads_payment_config: 'SINGLE',
      vads_site_id: f.vads_site_id!,
      vads_trans_date: f.vads_trans_date!,
      vads_trans_id: f.vads_trans_id!,
      vads_trans_status: transStatus,
      vads_trans_uuid: randomBytes(16).toString('hex'),
      vads_result: transStatus === 'AUTHORISED' ? '00' : '05',
      vads_url_check_src: 'PAY',
      vads_version: 'V2',
      ...overrides,
    };
    return { ...fields, signature: lyraSignature(fields, key) };
  }

  async function postIpn(fields: Record<string, string>) {
    const response = await fetch(`${server.base}/v1/payments/ipn`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    return { status: response.status, text: await response.text() };
  }

  beforeAll(async () => {
    // One tenant starts more payments here than the daily quota allows (limits.test.ts tests it).
    server = await startServer(backend, { sandbox: true, payments: { keys: { TEST: KEY }, ceilingCents: CEILING }, quotas: { paymentsPerDay: 1000 } });
    token = (await server.signIn()).accessToken;
    dossierId = (await pullAll(server, token, undefined, 1000)).changes.find((c) => c.entity === 'dossier')!.id;
  });
  afterAll(() => server.close());

  it('tells the desktop the ceiling and the bank origin, never a key', async () => {
    const res = await server.api('GET', '/v1/payments/settings', { token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ enabled: true, ceilingCents: CEILING, pspOrigin: server.base, pspName: 'Banque de démonstration', ctxMode: 'TEST' });
    expect(JSON.stringify(res.body)).not.toContain(KEY);
    expect((await server.api('GET', '/v1/payments/settings')).status).toBe(401);
  });

  it('creates the signed form: every protocol field, a 6-digit transaction number per day, idempotent', async () => {
    const key = randomUUID();
    const res = await create(1234, key);
    expect(res.status).toBe(201);
    const { fields, formAction, paymentId, returnUrl } = res.body;
    expect(paymentId).toBe(key);
    expect(formAction).toBe(`${server.base}/sandbox-psp/vads-payment/`);
    expect(returnUrl).toBe(`${server.base}/v1/payments/return`);
    expect(fields).toMatchObject({
      vads_site_id: '12345678',
      vads_ctx_mode: 'TEST',
      vads_amount: '1234',
      vads_currency: '978',
      vads_action_mode: 'INTERACTIVE',
      vads_page_action: 'PAYMENT',
      vads_payment_config: 'SINGLE',
      vads_version: 'V2',
      vads_order_id: key,
      vads_url_check: `${server.base}/v1/payments/ipn`,
      vads_url_return: returnUrl,
    });
    expect(fields.vads_trans_id).toMatch(/^\d{6}$/);
    expect(fields.vads_trans_date).toMatch(/^\d{14}$/);
    expect(fields.vads_trans_date).toBe(lyraTransDate(new Date(Date.parse(`${fields.vads_trans_date.replace(/^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)$/, '$1-$2-$3T$4:$5:$6Z')}`))));
    expect(hasValidLyraSignature(fields, KEY)).toBe(true);
    expect(JSON.stringify(res.body)).not.toContain(KEY);

    const replay = await create(1234, key);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(res.body);
    expect((await create(999, key)).status).toBe(422);

    const next = await create(1234);
    expect(Number(next.body.fields.vads_trans_id)).toBe(Number(fields.vads_trans_id) + 1);

    const view = await server.api('GET', `/v1/payments/${key}`, { token });
    expect(view.body).toMatchObject({ id: key, dossierId, amountCents: 1234, status: 'created', transId: fields.vads_trans_id, decidedAt: null, documentId: null });
  });

  it('refuses amounts of 0, over the ceiling, in float, and other tenants\' dossiers', async () => {
    const zero = await create(0);
    expect(zero.status).toBe(400);
    expect(zero.body.error.fields[0].path).toBe('amountCents');
    const over = await create(CEILING + 1);
    expect(over.status).toBe(400);
    expect(over.body.error).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'amountCents' }] });
    expect((await create(CEILING)).status).toBe(201);
    expect((await write(server, token, '/v1/payments', { dossierId, amountCents: 12.5 })).status).toBe(400);
    const other = await write(server, token, '/v1/payments', { dossierId: randomUUID(), amountCents: 100 });
    expect(other.status).toBe(404);
    expect((await server.api('POST', '/v1/payments', { body: { dossierId, amountCents: 100 }, headers: { 'idempotency-key': randomUUID() } })).status).toBe(401);
  });

  it('refuses a notification with a bad signature, a wrong key or a changed field, recording nothing', async () => {
    const form = (await create(1500)).body;
    const before = { ledger: await ledgerCount(), balance: await balance() };
    const good = ipnFields(form, 'AUTHORISED');
    expect((await postIpn({ ...good, signature: 'AAAA' + good.signature.slice(4) })).status).toBe(401);
    expect((await postIpn(ipnFields(form, 'AUTHORISED', {}, 'wrong-key'))).status).toBe(401);
    // Replayed with another amount (or any field changed) without the key: the signature no longer matches.
    expect((await postIpn({ ...good, vads_amount: '150' })).status).toBe(401);
    expect((await postIpn({ ...good, vads_trans_status: 'AUTHORISED', vads_order_id: randomUUID() })).status).toBe(401);
    const { signature: _dropped, ...unsigned } = good;
    expect((await postIpn(unsigned)).status).toBe(401);
    expect(await ledgerCount()).toBe(before.ledger);
    expect(await balance()).toBe(before.balance);
    const [row] = await db().select().from(schema.payments).where(eq(schema.payments.id, form.paymentId));
    expect(row!.status).toBe('created');
    expect(await db().select().from(schema.paymentNotifications).where(eq(schema.paymentNotifications.paymentId, form.paymentId))).toEqual([]);
  });

  it('refuses a correctly signed notification whose amount or currency differs, or for an unknown payment', async () => {
    const form = (await create(2500)).body;
    const before = await ledgerCount();
    const amount = await postIpn(ipnFields(form, 'AUTHORISED', { vads_amount: '2400' }));
    expect(amount).toEqual({ status: 400, text: 'KO amount' });
    expect((await postIpn(ipnFields(form, 'AUTHORISED', { vads_currency: '840' })))).toEqual({ status: 400, text: 'KO currency' });
    expect((await postIpn(ipnFields(form, 'AUTHORISED', { vads_order_id: randomUUID() }))).status).toBe(404);
    expect((await postIpn(ipnFields(form, 'AUTHORISED', { vads_trans_id: '899999' }))).status).toBe(404);
    expect((await postIpn(ipnFields(form, 'AUTHORISED', { vads_site_id: '87654321' }))).status).toBe(400);
    expect((await postIpn(ipnFields(form, 'NEW_STATUS'))).status).toBe(400);
    expect(await ledgerCount()).toBe(before);
    expect((await server.api('GET', `/v1/payments/${form.paymentId}`, { token })).body.status).toBe('created');
  });

  it('on acceptance: ledger credit, "Paiement effectué", confirmation mail and a quittance or reçu PDF, all in the sync feed', async () => {
    const { cursor } = await pullAll(server, token, undefined, 1000);
    const form = (await create(1234)).body;
    const before = await balance();
    const mails = server.mail.length;
    const res = await postIpn(ipnFields(form, 'AUTHORISED'));
    expect(res).toEqual({ status: 200, text: 'OK accepted' });

    expect(await balance()).toBe(before - 1234);
    const view = (await server.api('GET', `/v1/payments/${form.paymentId}`, { token })).body;
    expect(view).toMatchObject({ status: 'accepted', amountCents: 1234 });
    expect(view.decidedAt).not.toBeNull();
    expect(view.documentId).not.toBeNull();

    const { changes } = await pullAll(server, token, cursor);
    const credit = changes.find((c) => c.entity === 'ledgerEntry' && (c.data as { amountCents: number }).amountCents === -1234);
    expect(credit?.data).toMatchObject({ kind: 'payment', label: `Paiement par carte bancaire n° ${form.fields.vads_trans_id}`, dossierId });
    const activity = changes.find((c) => c.entity === 'activity' && (c.data as { refId: string }).refId === form.paymentId);
    expect(activity?.data).toMatchObject({ kind: 'payment.done', label: 'Paiement effectué' });
    const doc = changes.find((c) => c.entity === 'document' && c.id === view.documentId);
    const docData = doc!.data as { kind: string; period: string; title: string; sha256: string };
    expect(['quittance', 'recu']).toContain(docData.kind);
    expect(docData.period).toBe((credit!.data as { period: string }).period);

    const blob = await fetch(`${server.base}/v1/blobs/${docData.sha256}`, { headers: { authorization: `Bearer ${token}` } });
    expect(blob.status).toBe(200);
    const pdf = await PDFDocument.load(new Uint8Array(await blob.arrayBuffer()));
    expect(pdf.getTitle()).toBe(docData.title);
    expect(pdf.getTitle()).toMatch(docData.kind === 'quittance' ? /^Quittance/ : /^Re[çc]u/);
    expect(pdf.getKeywords()).toContain('Dossier 0123456789');
    expect(pdf.getSubject()).toMatch(/dossier n°\s0123456789 : /);

    const mail = await waitFor(() => server.mail.slice(mails).find((m) => m.subject === 'Confirmation de votre paiement en ligne'));
    expect(mail.to).toBe('martine.dupont@example.org');
    expect(mail.text).toContain('12,34');
    expect(mail.text).toContain(form.fields.vads_trans_id);
  });

  it('a period paid in part gets a reçu, the same period paid in full a quittance', async () => {
    // A fresh period owed in full: rent + charges of next month, posted by staff.
    const [tenant] = await db().select().from(schema.dossiers).where(eq(schema.dossiers.id, dossierId));
    const { postLedgerEntries } = await import('../../../server/src/balance/ledger');
    const { withTenantWrite } = await import('../../../server/src/sync/versions');
    await withTenantWrite(db(), tenant!.tenantId, (tx, version) =>
      postLedgerEntries(tx, version, server.now(), tenant!.tenantId, dossierId, [
        { date: '2099-01-01', kind: 'rent', label: 'Loyer janvier 2099', amountCents: 40000, period: '2099-01' },
        { date: '2099-01-01', kind: 'charges', label: 'Charges janvier 2099', amountCents: 5000, period: '2099-01' },
      ]),
    );
    const part = (await create(20000)).body;
    expect((await postIpn(ipnFields(part, 'AUTHORISED'))).status).toBe(200);
    const rest = (await create(25000)).body;
    expect((await postIpn(ipnFields(rest, 'AUTHORISED'))).status).toBe(200);
    const docs = await db().select().from(schema.documents).where(and(eq(schema.documents.dossierId, dossierId), eq(schema.documents.period, '2099-01')));
    expect(docs.map((d) => d.kind).sort()).toEqual(['quittance', 'recu']);
  });

  it('records a duplicate notification once, and two concurrent ones once', async () => {
    const form = (await create(777)).body;
    const before = { ledger: await ledgerCount(), balance: await balance() };
    const ipn = ipnFields(form, 'AUTHORISED');
    expect((await postIpn(ipn)).text).toBe('OK accepted');
    expect(await postIpn(ipn)).toEqual({ status: 200, text: 'OK already accepted' });
    expect(await ledgerCount()).toBe(before.ledger + 1);

    const concurrent = (await create(888)).body;
    const answers = await Promise.all([postIpn(ipnFields(concurrent, 'AUTHORISED')), postIpn(ipnFields(concurrent, 'CAPTURED')), postIpn(ipnFields(concurrent, 'AUTHORISED'))]);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.filter((a) => a.text === 'OK accepted')).toHaveLength(1);
    expect(await ledgerCount()).toBe(before.ledger + 2);
    expect(await balance()).toBe(before.balance - 777 - 888);
    const activities = await db().select().from(schema.activities).where(eq(schema.activities.refId, concurrent.paymentId));
    expect(activities).toHaveLength(1);
    // A later cancellation of an accepted payment does not move it (left for staff).
    expect((await postIpn(ipnFields(concurrent, 'CANCELLED'))).text).toBe('OK already accepted');
  });

  it('refused or abandoned: the status changes, the ledger does not; a later acceptance still counts', async () => {
    const before = { ledger: await ledgerCount(), balance: await balance() };
    const refused = (await create(4321)).body;
    expect((await postIpn(ipnFields(refused, 'REFUSED'))).text).toBe('OK refused');
    const abandoned = (await create(4321)).body;
    expect((await postIpn(ipnFields(abandoned, 'ABANDONED'))).text).toBe('OK cancelled');
    const pending = (await create(4321)).body;
    expect((await postIpn(ipnFields(pending, 'WAITING_AUTHORISATION'))).text).toBe('OK pending');
    expect(await ledgerCount()).toBe(before.ledger);
    expect(await balance()).toBe(before.balance);
    expect((await server.api('GET', `/v1/payments/${refused.paymentId}`, { token })).body).toMatchObject({ status: 'refused', documentId: null });
    expect((await server.api('GET', `/v1/payments/${abandoned.paymentId}`, { token })).body.status).toBe('cancelled');
    expect((await server.api('GET', `/v1/payments/${pending.paymentId}`, { token })).body.status).toBe('pending');
    // The tenant retried on the bank page: a new attempt, accepted.
    expect((await postIpn(ipnFields(refused, 'AUTHORISED'))).text).toBe('OK accepted');
    expect(await balance()).toBe(before.balance - 4321);
  });

  it('shows a payment only to its tenant', async () => {
    const form = (await create(100)).body;
    const [other] = await server.generate(1, { withAccounts: true });
    const otherToken = (await server.signIn(other!.email, other!.password)).accessToken;
    expect((await server.api('GET', `/v1/payments/${form.paymentId}`, { token: otherToken })).status).toBe(404);
    expect((await write(server, otherToken, '/v1/payments', { dossierId, amountCents: 100 })).status).toBe(404);
  });

  describe('sandbox PSP over HTTP', () => {
    async function openBankPage(form: { formAction: string; fields: Record<string, string> }) {
      const response = await fetch(form.formAction, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form.fields).toString() });
      return { response, html: await response.text() };
    }
    function cardBody(form: { fields: Record<string, string> }, card: Record<string, string>) {
      return new URLSearchParams({ ...form.fields, ...card }).toString();
    }
    async function postCard(form: { formAction: string; fields: Record<string, string> }, card: Record<string, string>) {
      return fetch(new URL('card', form.formAction), { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: cardBody(form, card) });
    }
    // Valid by the server's clock, which the sandbox bank checks the expiry against.
    const year = () => String(server.now().getUTCFullYear() + 2);

    it('shows the "Paiement Sécurisé" page with the transaction, the merchant and the amount, under a strict CSP', async () => {
      const form = (await create(1)).body;
      const { response, html } = await openBankPage(form);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
      expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
      expect(html).toContain('<html lang="fr">');
      expect(html).toContain('<h1>Paiement Sécurisé</h1>');
      expect(html).toContain(form.fields.vads_trans_id);
      expect(html).toContain('12345678');
      expect(html).toContain('0,01\u00a0EUR');
      expect(html).toMatch(/<label for="card_number">Numéro de carte<\/label>/);
      expect(html).toMatch(/<label for="cvv">Cryptogramme visuel \(CVV\)<\/label>/);
      expect(html).toContain('>VALIDER</button>');
      expect(html).not.toMatch(/src="http|href="http/);
    });

    it('refuses a form whose signature or amount was changed', async () => {
      const form = (await create(1000)).body;
      const tampered = await openBankPage({ ...form, fields: { ...form.fields, vads_amount: '1' } });
      expect(tampered.response.status).toBe(400);
      expect(tampered.html).toContain('Formulaire de paiement invalide');
    });

    it('pays with the accepted card: signed IPN to the server, then back to the return URL', async () => {
      const form = (await create(1234)).body;
      const before = await balance();
      const back = await postCard(form, { card_number: '4970 1000 0000 0000', expiry_month: '12', expiry_year: year(), cvv: '123', action: 'pay' });
      expect(back.status).toBe(303);
      expect(back.headers.get('location')).toBe(form.returnUrl);
      expect((await server.api('GET', `/v1/payments/${form.paymentId}`, { token })).body.status).toBe('accepted');
      expect(await balance()).toBe(before - 1234);
      const [notification] = await db().select().from(schema.paymentNotifications).where(eq(schema.paymentNotifications.paymentId, form.paymentId));
      expect((notification!.fields as Record<string, string>).vads_card_number).toBe('497010XXXXXX0000');
      expect(JSON.stringify(notification!.fields)).not.toContain('123"');
      const returnPage = await fetch(form.returnUrl);
      expect(returnPage.status).toBe(200);
      expect(await returnPage.text()).toContain('Retour de la banque');
    });

    it('refused and abandoned cards, and "Annuler": nothing in the ledger', async () => {
      const before = { ledger: await ledgerCount(), balance: await balance() };
      const refused = (await create(1234)).body;
      expect((await postCard(refused, { card_number: '4970100000000097', expiry_month: '01', expiry_year: year(), cvv: '000', action: 'pay' })).status).toBe(303);
      expect((await server.api('GET', `/v1/payments/${refused.paymentId}`, { token })).body.status).toBe('refused');
      const abandoned = (await create(1234)).body;
      expect((await postCard(abandoned, { card_number: '4970100000000063', expiry_month: '01', expiry_year: year(), cvv: '000', action: 'pay' })).status).toBe(303);
      expect((await server.api('GET', `/v1/payments/${abandoned.paymentId}`, { token })).body.status).toBe('cancelled');
      const cancelled = (await create(1234)).body;
      expect((await postCard(cancelled, { action: 'cancel' })).status).toBe(303);
      expect((await server.api('GET', `/v1/payments/${cancelled.paymentId}`, { token })).body.status).toBe('cancelled');
      expect(await ledgerCount()).toBe(before.ledger);
      expect(await balance()).toBe(before.balance);
    });

    it('says which card field is wrong, accessibly, and keeps the payment open', async () => {
      const form = (await create(1234)).body;
      const response = await postCard(form, { card_number: '1234', expiry_month: '', expiry_year: year(), cvv: '12', action: 'pay' });
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain('role="alert"');
      expect(html).toMatch(/id="card_number"[^>]*aria-invalid="true" aria-describedby="number-error"/);
      expect(html).toContain('Numéro de carte invalide');
      expect(html).toContain('Le cryptogramme visuel compte 3 chiffres.');
      expect((await server.api('GET', `/v1/payments/${form.paymentId}`, { token })).body.status).toBe('created');
    });
  });
});

describe('without sandbox mode or configuration', () => {
  it('serves no sandbox PSP and offers no online payment', async () => {
    const handle = await openDatabase({ kind: 'pglite' });
    const app = await buildServer({ db: handle, passwordHashing: 'fast', demo: true, dataKey: randomBytes(32), clock: testClock().clock });
    try {
      const page = await app.inject({ method: 'POST', url: '/sandbox-psp/vads-payment/', payload: 'vads_amount=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(page.statusCode).toBe(404);
      const ipn = await app.inject({ method: 'POST', url: '/v1/payments/ipn', payload: 'vads_amount=1&signature=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(ipn.statusCode).toBe(401);
    } finally {
      await app.close();
      await handle.close();
    }
  });
});
