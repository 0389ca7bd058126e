/**
 * Payments: creating the signed form, and applying the bank's signed notification (IPN), the only
 * thing that records money. Acceptance = ONE tenant write (payment row, ledger credit, activity
 * "Paiement effectué", the notification); then the confirmation mail; then the quittance or reçu
 * (blob + document row, which syncs; src/documents/publish.ts). A notification is applied once per (vads_trans_uuid,
 * vads_trans_status), and an accepted payment never moves again, even under concurrent IPNs (the
 * tenant's write lock serializes them and the status update is conditional).
 */
import { randomUUID } from 'node:crypto';
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { uuidSchema } from '../../../src-shared/api/common';
import type { PaymentForm, PaymentStatus, PaymentView } from '../../../src-shared/payment/api';
import { parisDate } from '../../../src-shared/clock';
import { formatFrenchDate } from '../../../src-shared/validation/dates';
import type { AppContext } from '../context';
import type { Tx } from '../db/client';
import { accounts, dossiers, ledgerEntries, paymentNotifications, payments, paymentTransCounters } from '../db/schema';
import { ledgerLines } from '../documents/ledger';
import { issueSettlementDocuments } from '../documents/publish';
import { postLedgerEntries } from '../balance/ledger';
import { addActivity } from '../home/activity';
import { addNotification } from '../notifications/service';
import { ApiError, validationError } from '../http/errors';
import { withTenantWrite } from '../sync/versions';
import type { PaymentConfig, PaymentUrls } from './config';
import { paymentConfirmationMail } from './mail';
import { buildPaymentFields, canMove, EURO_CURRENCY, lyraTransDate, lyraTransDay, lyraTransId, MAX_TRANS_NUMBER, paymentStatusOf } from './protocol';
import { allocationPeriod, CARD_PAYMENT_LABEL } from './settlement';
import { hasValidLyraSignature, type LyraFields } from './signature';

/** The next vads_trans_id of the shop for the UTC day: one atomic upsert, shared by every server instance. */
async function nextTransId(tx: Tx, siteId: string, day: string): Promise<string> {
  const [row] = await tx
    .insert(paymentTransCounters)
    .values({ siteId, day, value: 1 })
    .onConflictDoUpdate({ target: [paymentTransCounters.siteId, paymentTransCounters.day], set: { value: sql`${paymentTransCounters.value} + 1` } })
    .returning({ value: paymentTransCounters.value });
  if (row!.value > MAX_TRANS_NUMBER) throw new ApiError('CONFLICT', { key: 'errorDetails.conflict.paymentsExhausted', message: 'Trop de paiements aujourd\'hui : réessayez demain.' });
  return lyraTransId(row!.value);
}

export interface NewPayment {
  paymentId: string;
  tenantId: string;
  accountId: string;
  dossierId: string;
  amountCents: number;
}

/** Inside the idempotent write of POST /v1/payments: the payment row and its signed form. */
export async function createPayment(tx: Tx, ctx: AppContext, config: PaymentConfig, urls: PaymentUrls, input: NewPayment): Promise<PaymentForm> {
  if (!config.enabled) throw new ApiError('CONFLICT', { key: 'errorDetails.conflict.paymentUnavailable', message: 'Le paiement en ligne n\'est pas disponible.' });
  if (input.amountCents > config.ceilingCents) {
    throw validationError([{ path: 'amountCents', message: `Le montant ne peut pas dépasser ${config.ceilingCents} centimes`, key: 'fields.amount.ceiling' }]);
  }
  const [dossier] = await tx
    .select({ id: dossiers.id })
    .from(dossiers)
    .where(and(eq(dossiers.id, input.dossierId), eq(dossiers.tenantId, input.tenantId), eq(dossiers.deleted, false)));
  if (!dossier) throw new ApiError('NOT_FOUND', { message: 'Dossier introuvable.' });

  const now = ctx.clock();
  const transDay = lyraTransDay(now);
  const transId = await nextTransId(tx, config.siteId, transDay);
  const transDate = lyraTransDate(now);
  await tx.insert(payments).values({
    id: input.paymentId,
    tenantId: input.tenantId,
    dossierId: input.dossierId,
    accountId: input.accountId,
    amountCents: input.amountCents,
    currency: EURO_CURRENCY,
    siteId: config.siteId,
    ctxMode: config.ctxMode,
    transId,
    transDate,
    transDay,
    status: 'created',
    createdAt: now,
    updatedAt: now,
  });
  const fields = buildPaymentFields(
    { siteId: config.siteId, ctxMode: config.ctxMode, transId, transDate, amountCents: input.amountCents, orderId: input.paymentId, urls },
    config.keys[config.ctxMode]!,
  );
  return { paymentId: input.paymentId, formAction: urls.formAction, fields, returnUrl: urls.returnUrl };
}

export async function paymentView(ctx: AppContext, tenantId: string, id: string): Promise<PaymentView> {
  const [row] = await ctx.db.select().from(payments).where(and(eq(payments.id, id), eq(payments.tenantId, tenantId)));
  if (!row) throw new ApiError('NOT_FOUND', { message: 'Paiement introuvable.' });
  return {
    id: row.id,
    dossierId: row.dossierId,
    amountCents: row.amountCents,
    status: row.status,
    transId: row.transId,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    documentId: row.documentId,
  };
}

/** Why a notification was refused: nothing was recorded; the bank will retry (non-200 answer). */
export class NotificationRefused extends Error {
  constructor(
    readonly reason: 'signature' | 'shop' | 'unknown_payment' | 'amount' | 'currency' | 'status' | 'fields',
    readonly status: 400 | 401 | 404 = 400,
  ) {
    super(reason);
  }
}

export type NotificationOutcome = { applied: boolean; paymentId: string; status: PaymentStatus };

const TRANS_UUID = /^[0-9a-f]{32}$/i;

/** Checks and applies one IPN (fields as received, signature included). */
export async function applyNotification(ctx: AppContext, config: PaymentConfig, fields: LyraFields, log: (message: string, extra?: object) => void): Promise<NotificationOutcome> {
  // The signature first: nothing of an unsigned message is trusted, not even its mode.
  const key = config.keys[fields.vads_ctx_mode === 'PRODUCTION' ? 'PRODUCTION' : 'TEST'];
  if (!config.enabled || !key || !hasValidLyraSignature(fields, key)) throw new NotificationRefused('signature', 401);
  if (fields.vads_site_id !== config.siteId || fields.vads_ctx_mode !== config.ctxMode) throw new NotificationRefused('shop');
  const transUuid = fields.vads_trans_uuid ?? '';
  const transStatus = fields.vads_trans_status ?? '';
  if (!TRANS_UUID.test(transUuid) || !fields.vads_order_id || !fields.vads_trans_id) throw new NotificationRefused('fields');
  const status = paymentStatusOf(transStatus);
  if (!status) throw new NotificationRefused('status');

  const orderId = fields.vads_order_id;
  const [payment] = uuidSchema.safeParse(orderId).success ? await ctx.db.select().from(payments).where(eq(payments.id, orderId)) : [];
  if (!payment || payment.transId !== fields.vads_trans_id || payment.siteId !== fields.vads_site_id) throw new NotificationRefused('unknown_payment', 404);
  if (fields.vads_amount !== String(payment.amountCents)) throw new NotificationRefused('amount');
  if (fields.vads_currency !== payment.currency) throw new NotificationRefused('currency');

  const now = ctx.clock();
  const signedFields = Object.fromEntries(Object.entries(fields).filter(([name]) => name.startsWith('vads_')));
  const outcome = await withTenantWrite(ctx.db, payment.tenantId, async (tx, version): Promise<NotificationOutcome> => {
    const inserted = await tx
      .insert(paymentNotifications)
      .values({ id: randomUUID(), paymentId: payment.id, transUuid, transStatus, fields: signedFields, receivedAt: now })
      .onConflictDoNothing()
      .returning({ id: paymentNotifications.id });
    const [current] = await tx.select().from(payments).where(eq(payments.id, payment.id));
    if (inserted.length === 0 || !canMove(current!.status, status)) {
      if (inserted.length > 0 && current!.status === 'accepted' && status !== 'accepted') log('payment: notification after acceptance left for staff', { paymentId: payment.id, transStatus });
      return { applied: false, paymentId: payment.id, status: current!.status };
    }
    if (status !== 'accepted') {
      await tx
        .update(payments)
        .set({ status, pspStatus: transStatus, pspTransUuid: transUuid, updatedAt: now, decidedAt: status === 'pending' ? null : now })
        .where(eq(payments.id, payment.id));
      // The bank's refusal is news; a cancellation is the tenant's own doing (they left the bank's page).
      if (status === 'refused') await addNotification(tx, { tenantId: payment.tenantId, version, now }, 'payment.refused', { amountCents: payment.amountCents }, payment.id);
      return { applied: true, paymentId: payment.id, status };
    }
    // Conditional: under a concurrent notification only one transaction moves it to accepted.
    const moved = await tx
      .update(payments)
      .set({ status: 'accepted', pspStatus: transStatus, pspTransUuid: transUuid, updatedAt: now, decidedAt: now })
      .where(and(eq(payments.id, payment.id), ne(payments.status, 'accepted')))
      .returning({ id: payments.id });
    if (moved.length === 0) return { applied: false, paymentId: payment.id, status: 'accepted' };
    const lines = await ledgerLines(tx, payment.dossierId);
    const today = parisDate(now);
    const [entryId] = await postLedgerEntries(tx, version, now, payment.tenantId, payment.dossierId, [
      { date: today, kind: 'payment', label: `${CARD_PAYMENT_LABEL} n° ${payment.transId}`, amountCents: -payment.amountCents, period: allocationPeriod(lines, today) },
    ]);
    await tx.update(payments).set({ ledgerEntryId: entryId }).where(eq(payments.id, payment.id));
    await addActivity(tx, version, now, payment.tenantId, 'payment.done', 'Paiement effectué', payment.id);
    await addNotification(tx, { tenantId: payment.tenantId, version, now }, 'payment.accepted', { amountCents: payment.amountCents }, payment.id);
    return { applied: true, paymentId: payment.id, status: 'accepted' };
  });

  if (outcome.status === 'accepted') {
    if (outcome.applied) await sendConfirmation(ctx, payment.id).catch((error: unknown) => log('payment: confirmation mail failed', { paymentId: payment.id, error: String(error) }));
    // Also on a repeated notification: a document that failed the first time is issued now.
    await issueReceipt(ctx, config, payment.id).catch((error: unknown) => log('payment: receipt not issued', { paymentId: payment.id, error: String(error) }));
  }
  return outcome;
}

const frenchDate = (d: Date) => formatFrenchDate(parisDate(d));

async function sendConfirmation(ctx: AppContext, paymentId: string): Promise<void> {
  const [row] = await ctx.db
    .select({ payment: payments, email: accounts.email, dossierNumber: dossiers.number })
    .from(payments)
    .innerJoin(accounts, eq(accounts.id, payments.accountId))
    .innerJoin(dossiers, eq(dossiers.id, payments.dossierId))
    .where(eq(payments.id, paymentId));
  if (!row) return;
  const landlord = await ctx.landlord();
  await ctx.mailer.send(
    paymentConfirmationMail(landlord, row.email, {
      amountCents: row.payment.amountCents,
      date: frenchDate(row.payment.decidedAt ?? ctx.clock()),
      dossierNumber: row.dossierNumber,
      transId: row.payment.transId,
    }),
  );
}

/**
 * The quittance (period paid in full) or reçu (partly paid) of the period the payment settled,
 * issued by the documents module as for any other payment (src/documents/publish.ts), then linked
 * to the payment. Returns the document id, or null when the period calls for no document.
 */
export async function issueReceipt(ctx: AppContext, config: PaymentConfig, paymentId: string): Promise<string | null> {
  const [payment] = await ctx.db.select().from(payments).where(eq(payments.id, paymentId));
  if (!payment || payment.status !== 'accepted' || !payment.ledgerEntryId) return null;
  if (payment.documentId) return payment.documentId;
  const [entry] = await ctx.db.select({ period: ledgerEntries.period }).from(ledgerEntries).where(eq(ledgerEntries.id, payment.ledgerEntryId));
  if (!entry?.period) return null;
  const outcome = await issueSettlementDocuments(
    { db: ctx.db, cipher: ctx.cipher, clock: ctx.clock, landlord: { settings: () => ctx.landlord(), identity: config.landlordIdentity } },
    { dossierId: payment.dossierId, period: entry.period },
  );
  if (!outcome.documentId) return null;
  await ctx.db.update(payments).set({ documentId: outcome.documentId, updatedAt: ctx.clock() }).where(and(eq(payments.id, paymentId), isNull(payments.documentId)));
  return outcome.documentId;
}
