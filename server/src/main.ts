/** `npm run -w server start` (or `demo`): runs the Portal API until SIGINT / SIGTERM. */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { buildServer } from './app';
import type { DatabaseConfig } from './db/client';
import type { MailConfig } from './mail/mailer';
import { readFileSync } from 'node:fs';
import { landlordSchema } from '../../src-shared/api/landlord';
import { systemClock } from '../../src-shared/clock';

const serverRoot = fileURLToPath(new URL('..', import.meta.url));
const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';
const dataDir = process.env.DATA_DIR ?? join(serverRoot, '.data/pglite');
const db: DatabaseConfig = process.env.DATABASE_URL ? { kind: 'postgres', url: process.env.DATABASE_URL } : { kind: 'pglite', dataDir };
const from = process.env.MAIL_FROM ?? 'Espace Locataire <no-reply@localhost>';
const mail: MailConfig = process.env.SMTP_URL
  ? { kind: 'smtp', url: process.env.SMTP_URL, from }
  : { kind: 'mailbox', dir: process.env.MAILBOX_DIR ?? join(serverRoot, '.data/mailbox'), from };

/** The numeric settings of `pairs` that the environment sets (see README). */
function numbersFromEnv<K extends string>(pairs: readonly (readonly [K, string])[]): Partial<Record<K, number>> {
  return Object.fromEntries(pairs.filter(([, env]) => process.env[env]).map(([key, env]) => [key, Number(process.env[env])])) as Partial<Record<K, number>>;
}

/** THROTTLE_SIGNIN_PER_ACCOUNT=5 etc.: per-deployment limits, e.g. a busy lodge PC. */
const throttle = numbersFromEnv([
  ['signInPerAccount', 'THROTTLE_SIGNIN_PER_ACCOUNT'],
  ['signInPerIp', 'THROTTLE_SIGNIN_PER_IP'],
  ['recoveryPerIdentity', 'THROTTLE_RECOVERY_PER_IDENTITY'],
  ['recoveryPerIp', 'THROTTLE_RECOVERY_PER_IP'],
  ['windowSeconds', 'THROTTLE_WINDOW_SECONDS'],
  ['lockoutBaseSeconds', 'THROTTLE_LOCKOUT_BASE_SECONDS'],
  ['lockoutMaxSeconds', 'THROTTLE_LOCKOUT_MAX_SECONDS'],
] as const);

/** QUOTA_PAYMENTS_PER_DAY=20 etc.: per-tenant daily quotas (server/src/http/quotas.ts). */
const quotas = numbersFromEnv([
  ['paymentsPerDay', 'QUOTA_PAYMENTS_PER_DAY'],
  ['requestsPerDay', 'QUOTA_REQUESTS_PER_DAY'],
  ['messagesPerDay', 'QUOTA_MESSAGES_PER_DAY'],
  ['changeRequestsPerDay', 'QUOTA_CHANGE_REQUESTS_PER_DAY'],
  ['uploadsPerDay', 'QUOTA_UPLOADS_PER_DAY'],
  ['uploadBytesPerDay', 'QUOTA_UPLOAD_BYTES_PER_DAY'],
] as const);

const app = await buildServer({
  clock: systemClock,
  throttle,
  quotas,
  db,
  mail,
  logLevel: (process.env.LOG_LEVEL as 'info' | undefined) ?? 'warn',
  mailLog: (line) => console.log(line),
  sandbox: process.env.SANDBOX === '1' || process.argv.includes('--demo'),
  dataKeyFile: join(serverRoot, '.data/data-key'),
  publicUrl: process.env.PUBLIC_URL ?? `http://${host}:${port}`,
  landlord: process.env.LANDLORD_FILE ? landlordSchema.parse(JSON.parse(readFileSync(process.env.LANDLORD_FILE, 'utf8'))) : undefined,
  demo: process.argv.includes('--demo'),
  demoDocuments: process.argv.includes('--demo'),
  // Notification mails and the daily reminders (debit, insurance): NOTIFICATION_TICK_MS=0 turns them off.
  notificationTimerMs: Number(process.env.NOTIFICATION_TICK_MS ?? 60_000),
});

await app.listen({ port, host });
const address = app.server.address();
const actualPort = address && typeof address === 'object' ? address.port : port;
console.log(`Portal API listening on http://${host}:${actualPort}`);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
