/**
 * The reminders job (issue 20): the upcoming direct debit, the insurance certificate about to
 * expire and the expired one. `runReminders(deps, today)` takes the day from its caller (the
 * server's timer, the CLI's `run-reminders`, a test's clock). Idempotent: each reminder's subject
 * names its fact (the dossier and debit date, the certificate and its end date), so running it
 * twice, or on every day of the window, notifies once; a day the job did not run is caught up
 * on the next while the fact is still ahead (or, for the expiry, at any later run).
 */
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { NotificationKind, NotificationParams } from '../../../src-shared/notifications/api';
import { addDays, addMonths, daysInMonth, parseIsoDate } from '../../../src-shared/validation/dates';
import type { Db } from '../db/client';
import { dossiers, insuranceCertificates, notifications } from '../db/schema';
import { withTenantWrite } from '../sync/versions';
import { addNotifications } from './service';

/** How many days before the direct debit the tenant is reminded (the SEPA pre-notification is the avis; this is the nudge). */
export const DEBIT_REMINDER_DAYS = 5;
/** How many days before its end a certificate is said to expire. */
export const INSURANCE_REMINDER_DAYS = 30;

interface Reminder {
  tenantId: string;
  kind: NotificationKind;
  subject: string;
  params: NotificationParams;
  refId: string | null;
}

export interface RemindersResult {
  today: string;
  debitUpcoming: number;
  insuranceExpiring: number;
  insuranceExpired: number;
}

/** The next debit on or after `today` for a debit day of the month (the 31st is the month's last day). */
export function nextDebitDate(today: string, debitDay: number): string {
  const dateIn = (period: string) => {
    const { year, month } = parseIsoDate(`${period}-01`)!;
    return `${period}-${String(Math.min(debitDay, daysInMonth(year, month))).padStart(2, '0')}`;
  };
  const thisMonth = dateIn(today.slice(0, 7));
  return thisMonth >= today ? thisMonth : dateIn(addMonths(today.slice(0, 7), 1));
}

async function debitReminders(db: Db, today: string): Promise<Reminder[]> {
  const rows = await db
    .select({ id: dossiers.id, tenantId: dossiers.tenantId, number: dossiers.number, day: dossiers.directDebitDay })
    .from(dossiers)
    .where(and(eq(dossiers.deleted, false), isNotNull(dossiers.directDebitDay)));
  const horizon = addDays(today, DEBIT_REMINDER_DAYS);
  return rows.flatMap((row) => {
    const date = nextDebitDate(today, row.day!);
    return date <= horizon ? [{ tenantId: row.tenantId, kind: 'debit.upcoming' as const, subject: `${row.id}:${date}`, params: { date, dossierNumber: row.number }, refId: row.id }] : [];
  });
}

/** Per dossier, the certificate that covers longest (accepted or awaiting staff): a new one sent in time stops the reminder. */
async function insuranceReminders(db: Db, today: string): Promise<Reminder[]> {
  const rows = await db
    .select({ id: insuranceCertificates.id, tenantId: insuranceCertificates.tenantId, dossierId: insuranceCertificates.dossierId, validTo: insuranceCertificates.validTo })
    .from(insuranceCertificates)
    .where(and(eq(insuranceCertificates.deleted, false), inArray(insuranceCertificates.status, ['accepted', 'pending'])));
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) if ((latest.get(row.dossierId)?.validTo ?? '') < row.validTo) latest.set(row.dossierId, row);
  const horizon = addDays(today, INSURANCE_REMINDER_DAYS);
  return [...latest.values()].flatMap((row): Reminder[] => {
    const base = { tenantId: row.tenantId, subject: `${row.id}:${row.validTo}`, params: { validTo: row.validTo }, refId: row.id };
    if (row.validTo < today) return [{ ...base, kind: 'insurance.expired' }];
    if (row.validTo <= horizon) return [{ ...base, kind: 'insurance.expiring' }];
    return [];
  });
}

/** Tells each tenant the reminders of `today` (yyyy-mm-dd, the Paris date) not told yet; one write per tenant with something new. */
export async function runReminders(deps: { db: Db; now: () => Date }, today: string): Promise<RemindersResult> {
  if (!parseIsoDate(today)) throw new RangeError(`runReminders: "${today}" is not a yyyy-mm-dd date`);
  const due = [...(await debitReminders(deps.db, today)), ...(await insuranceReminders(deps.db, today))];
  const result: RemindersResult = { today, debitUpcoming: 0, insuranceExpiring: 0, insuranceExpired: 0 };
  if (due.length === 0) return result;
  // What was told already: the same subjects (so a second run writes nothing, not even a version).
  const told = new Set<string>();
  for (let i = 0; i < due.length; i += 500) {
    const subjects = due.slice(i, i + 500).map((r) => r.subject);
    const rows = await deps.db.select({ tenantId: notifications.tenantId, kind: notifications.kind, subject: notifications.subject }).from(notifications).where(inArray(notifications.subject, subjects));
    for (const row of rows) told.add(`${row.tenantId}|${row.kind}|${row.subject}`);
  }
  const byTenant = new Map<string, Reminder[]>();
  for (const reminder of due) {
    if (told.has(`${reminder.tenantId}|${reminder.kind}|${reminder.subject}`)) continue;
    byTenant.set(reminder.tenantId, [...(byTenant.get(reminder.tenantId) ?? []), reminder]);
  }
  const counter: Record<string, keyof Omit<RemindersResult, 'today'>> = { 'debit.upcoming': 'debitUpcoming', 'insurance.expiring': 'insuranceExpiring', 'insurance.expired': 'insuranceExpired' };
  for (const [tenantId, reminders] of byTenant) {
    const now = deps.now();
    await withTenantWrite(deps.db, tenantId, async (tx, version) => {
      // The unique key still guards a run that raced this one: only what is really new is counted.
      for (const reminder of reminders) {
        const added = await addNotifications(tx, [{ at: { tenantId, version, now }, kind: reminder.kind, params: reminder.params, refId: reminder.refId, subject: reminder.subject }]);
        result[counter[reminder.kind]!] += added;
      }
    });
  }
  return result;
}
