/**
 * "Payer en ligne" in the main process against the real Portal API server in sandbox mode:
 * payment.prepare / payment.start / payment.status through the router (input validation included),
 * the launch page of the browser preview, a payment through the sandbox bank over HTTP, the sync
 * that brings the credit, the activity and the receipt, and OFFLINE (never queued) with the server down.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT } from '../../../server/src/demo/demo-data';
import { createRouter, type Router } from '../../../src-main/ipc/router';
import type { PortalCore } from '../../../src-main/portal-core';
import { createTestCore, temporaryFolder } from '../../helpers/core';
import { startPortalServer, type RestartableServer } from '../../helpers/portal-server';

const APP = 'app://portal';
const CEILING = 200_000;

function hiddenFields(html: string): { action: string; fields: Record<string, string> } {
  const decode = (s: string) => s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
  const action = decode(/<form[^>]* action="([^"]+)"/.exec(html)![1]!);
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[decode(match[1]!)] = decode(match[2]!);
  return { action, fields };
}

describe('payment procedures against the sandbox Portal API', () => {
  let server: RestartableServer;
  let folder: ReturnType<typeof temporaryFolder>;
  let core: PortalCore;
  let router: Router;
  let dossierId: string;

  async function attempt(name: string, input: unknown = {}) {
    return router(name, input, { origin: APP, isMainFrame: true });
  }
  // Results are checked field by field below; typing each view here would only repeat the contract.
  async function call<T = any>(name: string, input: unknown = {}): Promise<T> {
    const result = await attempt(name, input);
    if (!result.ok) throw Object.assign(new Error(`${name}: ${JSON.stringify(result.error)}`), { shape: result.error });
    return result.value as T;
  }

  /** Opens the launch page the preview popup would open, then pays on the sandbox bank page. */
  async function payAtTheBank(popupUrl: string, card: string) {
    const page = core.paymentLaunchPage(popupUrl.slice('/payment-form/'.length));
    expect(page).not.toBeNull();
    const { action, fields } = hiddenFields(page!.html);
    const bankPage = await fetch(action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
    expect(await bankPage.text()).toContain('Paiement Sécurisé');
    // A card valid next year by the server's clock (the sandbox bank checks expiry against it).
    const year = String(server.clock().getUTCFullYear() + 1);
    const back = await fetch(new URL('card', action), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...fields, card_number: card, expiry_month: '06', expiry_year: year, cvv: '123', action: 'pay' }).toString(),
    });
    expect(back.status).toBe(303);
  }

  beforeAll(async () => {
    // The sandbox bank and payments, with a key of our own and the ceiling under test.
    server = await startPortalServer({ server: { sandbox: true, payments: { keys: { TEST: randomBytes(16).toString('hex') }, ceilingCents: CEILING } } });
    folder = temporaryFolder();
    ({ core } = createTestCore({ serverUrl: server.url, userDataDir: folder.path, now: server.clock, sync: { intervalMs: 60_000, backoff: { baseMs: 50, maxMs: 200 } } }));
    router = createRouter({ handlers: core.handlers, trustedOrigins: [APP] });
    await call('session.signIn', DEMO_ACCOUNT);
    await core.syncIdle();
    dossierId = (await call('home.get')).dossiers[0].id;
  });

  afterAll(async () => {
    core.dispose();
    await server.close();
    folder.remove();
  });

  it('prepare: the contracts with their balance, the amount proposed, the ceiling', async () => {
    const view = await call('payment.prepare');
    expect(view.availability).toBe('available');
    expect(view.ceilingCents).toBe(CEILING);
    expect(view.dossiers).toEqual([
      expect.objectContaining({ id: dossierId, number: '0123456789', address: { line: '8 RUE SAINT NICOLAS', postalCode: '78000', city: 'VERSAILLES' } }),
    ]);
    const [dossier] = view.dossiers;
    expect(dossier.proposedAmountCents).toBe(Math.max(0, dossier.balanceCents));
  });

  it('start refuses 0, negative, 3 decimals, over the ceiling and an unknown contract, with field keys', async () => {
    const cases: [string, string][] = [
      ['0', 'fields.amount.zero'],
      ['0,00', 'fields.amount.zero'],
      ['-5', 'fields.amount.negative'],
      ['12,345', 'fields.amount.decimals'],
      ['abc', 'fields.amount.format'],
      ['', 'fields.required'],
      ['2000,01', 'fields.amount.ceiling'],
    ];
    for (const [amount, message] of cases) {
      const result = await attempt('payment.start', { dossierId, amount });
      expect(result, amount).toEqual({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'amount', message }] } });
    }
    const unknown = await attempt('payment.start', { dossierId: '00000000-0000-4000-8000-000000000000', amount: '10' });
    expect(unknown).toEqual({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'dossierId', message: 'fields.required' }] } });
  });

  it('start -> the bank page -> status accepted, then the sync brings the credit, "Paiement effectué" and the receipt', async () => {
    const before = (await call('home.get')).dossiers[0].balanceCents;
    const started = await call('payment.start', { dossierId, amount: '12,34' });
    expect(started.pspOrigin).toBe(server.url);
    expect(started.pspName).toBe('Banque de démonstration');
    expect(started.popupUrl).toMatch(/^\/payment-form\/[\w-]{20,}$/);
    expect((await call('payment.status', { paymentId: started.paymentId })).status).toBe('created');

    await payAtTheBank(started.popupUrl, '4970100000000000');
    // The launch page was single use.
    expect(core.paymentLaunchPage(started.popupUrl.slice('/payment-form/'.length))).toBeNull();

    const status = await call('payment.status', { paymentId: started.paymentId });
    expect(status).toMatchObject({ paymentId: started.paymentId, dossierId, status: 'accepted', amountCents: 1234 });
    expect(status.decidedAt).not.toBeNull();
    expect(status.document).toMatchObject({ kind: expect.stringMatching(/^(quittance|recu)$/) });

    const home = await call('home.get');
    expect(home.dossiers[0].balanceCents).toBe(before - 1234);
    // The payment and the receipt it produced are the two newest actions (same instant: either order).
    expect(home.lastActions.slice(0, 2)).toContainEqual(expect.objectContaining({ kind: 'payment.done', label: 'Paiement effectué' }));
    const documents = await call('documents.get');
    expect(documents.dossiers[0].documents.map((d: { id: string }) => d.id)).toContain(status.document.id);
    const balance = await call('balance.get');
    expect(balance.dossiers[0].ledger[0]).toMatchObject({ kind: 'payment', amountCents: -1234 });
  });

  it('a refused card: status refused, nothing changes', async () => {
    const before = (await call('home.get')).dossiers[0].balanceCents;
    const started = await call('payment.start', { dossierId, amount: '50' });
    await payAtTheBank(started.popupUrl, '4970100000000097');
    expect((await call('payment.status', { paymentId: started.paymentId })).status).toBe('refused');
    await call('sync.now');
    expect((await call('home.get')).dossiers[0].balanceCents).toBe(before);
  });

  it('with the server down: prepare says offline, start is OFFLINE and nothing is queued', async () => {
    await server.stop();
    try {
      const view = await call('payment.prepare');
      expect(view.availability).toBe('offline');
      expect(view.dossiers).toHaveLength(1);
      expect(view.ceilingCents).toBe(CEILING);
      expect(await attempt('payment.start', { dossierId, amount: '10' })).toEqual({ ok: false, error: { code: 'OFFLINE' } });
      expect((await call('outbox.get')).items).toEqual([]);
    } finally {
      await server.start();
    }
    expect((await call('payment.prepare')).availability).toBe('available');
  });
});
