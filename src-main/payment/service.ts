/**
 * "Payer en ligne": step 1 reads the contracts and balances from the cache; starting a payment
 * needs the server (a payment is never queued: OFFLINE instead); the bank page opens in a separate
 * window (Electron) or a popup (browser preview); the outcome is asked of the server, and an
 * acceptance triggers a sync so the ledger, the activity and the receipt arrive.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { apiPath } from '../../src-shared/api/routes';
import { paymentFormSchema, paymentSettingsSchema, paymentViewSchema, type PaymentSettings } from '../../src-shared/payment/api';
import { PortalError } from '../../src-shared/errors';
import type { Clock } from '../../src-shared/clock';
import type { PaymentPrepareView, PaymentStarted, PaymentStatusView } from '../../src-shared/payment/bridge';
import { paymentLaunchPage, type PaymentLaunch } from './launch-page';
import { addressOf, rows, type AccountData } from '../services/account-data';
import type { PortalApi } from '../services/portal-api';

export interface PaymentServiceDeps {
  api: PortalApi;
  authorized: <T>(call: (token: string) => Promise<T>) => Promise<T>;
  /** Runs a sync now and resolves when it is done. */
  syncNow: () => Promise<void>;
  /** Electron: opens the payment window. Absent in the browser preview (a popup page instead). */
  openPaymentWindow?: (launch: PaymentLaunch) => void;
  /** Where "now" comes from (src-shared/clock.ts): the core's clock. */
  now: Clock;
}

/** How long a preview popup page stays available after 'payment.start'. */
const LAUNCH_PAGE_TTL_MS = 10 * 60_000;

export function createPaymentService(deps: PaymentServiceDeps) {
  const now = deps.now;
  let settings: PaymentSettings | null = null;
  const launchPages = new Map<string, { launch: PaymentLaunch; expiresAt: number }>();
  /** Payments whose acceptance has already been pulled by a sync. */
  const synced = new Set<string>();

  async function fetchSettings(): Promise<PaymentSettings> {
    settings = await deps.authorized((token) => deps.api.request(apiPath('paymentSettings'), { accessToken: token, response: paymentSettingsSchema }));
    return settings;
  }

  async function prepare(data: AccountData): Promise<PaymentPrepareView> {
    const dossiers = rows(data, 'dossier')
      .map((row) => ({
        id: row.id,
        number: row.data.number,
        address: addressOf(row.data),
        balanceCents: row.data.balanceCents,
        proposedAmountCents: Math.max(0, row.data.balanceCents),
      }))
      .sort((a, b) => a.number.localeCompare(b.number));
    let availability: PaymentPrepareView['availability'];
    try {
      availability = (await fetchSettings()).enabled ? 'available' : 'disabled';
    } catch (error) {
      if (!(error instanceof PortalError) || (error.code !== 'OFFLINE' && error.code !== 'SERVER')) throw error;
      availability = 'offline';
    }
    return { dossiers, ceilingCents: settings?.ceilingCents ?? null, availability };
  }

  const invalidAmount = (message: string) => new PortalError('VALIDATION', { fields: [{ path: 'amount', message }] });

  async function start(data: AccountData, input: { dossierId: string; amount: number }): Promise<PaymentStarted> {
    if (!rows(data, 'dossier').some((row) => row.id === input.dossierId)) {
      throw new PortalError('VALIDATION', { fields: [{ path: 'dossierId', message: 'fields.required' }] });
    }
    if (input.amount <= 0) throw invalidAmount('fields.amount.zero');
    const current = await fetchSettings(); // OFFLINE here: nothing was sent, nothing is queued
    if (!current.enabled || !current.pspOrigin) throw new PortalError('FORBIDDEN');
    if (input.amount > current.ceilingCents) throw invalidAmount('fields.amount.ceiling');

    let form;
    try {
      form = await deps.authorized((token) =>
        deps.api.request(apiPath('createPayment'), {
          method: 'POST',
          body: { dossierId: input.dossierId, amountCents: input.amount },
          accessToken: token,
          idempotencyKey: randomUUID(),
          response: paymentFormSchema,
        }),
      );
    } catch (error) {
      // The server words its own field problems on amountCents: the form's field is "amount".
      if (error instanceof PortalError && error.code === 'VALIDATION') throw invalidAmount(error.fields?.some((f) => f.path === 'amountCents') ? 'fields.amount.ceiling' : 'fields.invalid');
      throw error;
    }
    const pspOrigin = new URL(form.formAction).origin;
    // The form must go where the server said the bank is; anything else is a server bug or worse.
    if (pspOrigin !== current.pspOrigin) throw new PortalError('SERVER', { cause: new Error(`form action ${pspOrigin} is not the bank origin ${current.pspOrigin}`) });
    const launch: PaymentLaunch = { ...form, pspOrigin };
    const pspName = current.pspName ?? null;

    if (deps.openPaymentWindow) {
      deps.openPaymentWindow(launch);
      return { paymentId: form.paymentId, pspOrigin, pspName, popupUrl: null };
    }
    const token = randomBytes(24).toString('base64url');
    const at = now().getTime();
    for (const [key, page] of launchPages) if (page.expiresAt < at) launchPages.delete(key);
    launchPages.set(token, { launch, expiresAt: at + LAUNCH_PAGE_TTL_MS });
    return { paymentId: form.paymentId, pspOrigin, pspName, popupUrl: `/payment-form/${token}` };
  }

  async function status(data: AccountData, input: { paymentId: string }): Promise<PaymentStatusView> {
    const view = await deps.authorized((token) => deps.api.request(apiPath('payment', { id: input.paymentId }), { accessToken: token, response: paymentViewSchema }));
    const cachedDocument = () => (view.documentId ? rows(data, 'document').find((row) => row.id === view.documentId) : undefined);
    if (view.status === 'accepted' && (!synced.has(view.id) || (view.documentId && !cachedDocument()))) {
      await deps.syncNow();
      synced.add(view.id);
    }
    const document = cachedDocument();
    return {
      paymentId: view.id,
      dossierId: view.dossierId,
      status: view.status,
      amountCents: view.amountCents,
      transId: view.transId,
      decidedAt: view.decidedAt,
      document: document ? { id: document.id, kind: document.data.kind, title: document.data.title, sha256: document.data.sha256 } : null,
    };
  }

  /** Browser preview: the page a popup opens (single use); null when unknown or expired. */
  function launchPage(token: string): { html: string; csp: string } | null {
    const page = launchPages.get(token);
    launchPages.delete(token);
    if (!page || page.expiresAt < now().getTime()) return null;
    return paymentLaunchPage(page.launch);
  }

  /** Forgets every payment of the session that ended (kiosk: the next tenant inherits nothing). */
  function forgetSession() {
    launchPages.clear();
    synced.clear();
    settings = null;
  }

  return { prepare, start, status, launchPage, forgetSession };
}

export type PaymentService = ReturnType<typeof createPaymentService>;
