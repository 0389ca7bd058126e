/**
 * buildServer(): the Portal API as a Fastify instance, every route under /v1, validated and
 * documented from the zod contract in src-shared/api.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { landlordSchema, type Landlord } from '../../src-shared/api/landlord';
import { openDatabase, type DatabaseConfig, type DatabaseHandle } from './db/client';
import { landlordSettings } from './db/schema';
import { createPasswordHasher, FAST_TEST_HASHING, PRODUCTION_HASHING, type PasswordHashingParams } from './auth/passwords';
import { DEFAULT_THROTTLE_LIMITS, Throttle, type ThrottleLimits } from './auth/throttle';
import { createMailer, type MailConfig } from './mail/mailer';
import { createDataCipher, loadOrCreateDevKey, parseDataKey } from './crypto/data-key';
import { systemClock, type Clock } from '../../src-shared/clock';
import { installErrorHandling } from './http/errors';
import { frenchValidatorCompiler } from './http/validation';
import type { AppContext } from './context';
import { DEMO_LANDLORD } from './demo/landlord';
import { loadDemoData } from './demo/demo-data';
import { publicRoutes } from './routes/public';
import { authRoutes } from './routes/auth';
import { syncRoutes } from './routes/sync';
import { uploadRoutes } from './routes/uploads';
import { writeRoutes } from './routes/writes';
import { adminRoutes } from './routes/admin';
import { linkPages } from './routes/link-pages';
import { paymentRoutes } from './routes/payments';
import { resolvePaymentConfig, type PaymentConfig } from './payments/config';
import { sandboxPspRoutes } from './payments/sandbox';

export const SERVER_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface BuildServerOptions {
  /** An open database (the caller closes it) or how to open one (closed with the server). */
  db: DatabaseHandle | DatabaseConfig;
  /** Default: keep mail in memory (nothing sent). main.ts passes smtp or mailbox. */
  mail?: MailConfig;
  /** Where the mailbox mode writes its one line per message (default: the Fastify log, info). */
  mailLog?: (line: string) => void;
  /** Where the server's time comes from (src-shared/clock.ts); tests pin the date. Default: the wall clock. */
  clock?: Clock;
  /** Sandbox mode: serves the sandbox PSP and other test-only helpers. */
  sandbox?: boolean;
  /** Fastify logger level; default 'silent'. */
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** argon2id cost. Default: production parameters. 'fast' is for tests only. */
  passwordHashing?: PasswordHashingParams | 'fast';
  throttle?: Partial<ThrottleLimits>;
  /** 32-byte AES key for bank data. Default: env PORTAL_DATA_KEY, else `dataKeyFile`, else a random key for this run. */
  dataKey?: Buffer;
  dataKeyFile?: string;
  /** Base URL of links sent by mail. */
  publicUrl?: string;
  /** Landlord settings written when the database has none yet (default: the fictional demo landlord). */
  landlord?: Landlord;
  /** Key of the staff routes /v1/admin (header X-Api-Key). Default: env PORTAL_ADMIN_API_KEY; none = routes refuse all. */
  adminApiKey?: string;
  /** Loads the demo data set when the database holds no tenant yet (`--demo`). */
  demo?: boolean;
  /** With `demo`: also the demo tenant's documents (24 months of avis and quittances, a reçu); off in tests. */
  demoDocuments?: boolean;
  /** Online payment settings over the environment's (PAYMENT_*, see server/README.md). */
  payments?: Partial<PaymentConfig>;
}

function resolveDataKey(options: BuildServerOptions, log: (m: string) => void): Buffer {
  if (options.dataKey) return options.dataKey;
  if (process.env.PORTAL_DATA_KEY) return parseDataKey(process.env.PORTAL_DATA_KEY);
  if (options.dataKeyFile) return loadOrCreateDevKey(options.dataKeyFile);
  log('no PORTAL_DATA_KEY: bank data is encrypted with a key that lives only as long as this process');
  return randomBytes(32);
}

export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel ?? 'silent' },
    // Behind a load balancer the client IP comes from X-Forwarded-For; set TRUST_PROXY there.
    trustProxy: process.env.TRUST_PROXY === '1',
    bodyLimit: 1024 * 1024,
  });
  app.setValidatorCompiler(frenchValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  const ownsDb = !('db' in options.db);
  const handle = 'db' in options.db ? options.db : await openDatabase(options.db);
  if (ownsDb) app.addHook('onClose', async () => handle.close());
  const db = handle.db;

  const clock = options.clock ?? systemClock;
  const existing = await db.select().from(landlordSettings);
  if (existing.length === 0) {
    await db.insert(landlordSettings).values({ id: 1, data: landlordSchema.parse(options.landlord ?? DEMO_LANDLORD), updatedAt: clock() }).onConflictDoNothing();
  }

  const limits = { ...DEFAULT_THROTTLE_LIMITS, ...options.throttle };
  const mailConfig = options.mail ?? { kind: 'memory', from: 'no-reply@localhost' };
  const mailer = createMailer(mailConfig, options.mailLog ?? ((line) => app.log.info(line)), clock);
  app.addHook('onClose', async () => mailer.close());
  const hashing = options.passwordHashing === 'fast' ? FAST_TEST_HASHING : (options.passwordHashing ?? PRODUCTION_HASHING);

  const ctx: AppContext = {
    db,
    clock,
    hasher: createPasswordHasher(hashing),
    mailer,
    cipher: createDataCipher(resolveDataKey(options, (m) => app.log.warn(m))),
    throttle: new Throttle(db, limits.windowSeconds),
    limits,
    publicUrl: (options.publicUrl ?? 'http://127.0.0.1:8787').replace(/\/$/, ''),
    version: SERVER_VERSION,
    async landlord() {
      const [row] = await db.select().from(landlordSettings);
      return landlordSchema.parse(row?.data ?? DEMO_LANDLORD);
    },
  };

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Espace Locataire — Portal API', version: SERVER_VERSION, description: 'API du portail locataire (voir docs/api/README.md).' },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' }, adminApiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } } },
    },
    transform: jsonSchemaTransform,
  });

  if (options.demo) {
    const loaded = await loadDemoData({ db, cipher: ctx.cipher, hasher: ctx.hasher, now: ctx.clock(), documents: options.demoDocuments ?? false });
    if (loaded) app.log.info('demo data loaded');
  }

  const paymentConfig = resolvePaymentConfig({ env: process.env, sandbox: options.sandbox ?? false, publicUrl: options.publicUrl, overrides: options.payments });
  const api = app.withTypeProvider<ZodTypeProvider>();
  await app.register(linkPages(ctx));
  if (options.sandbox) await api.register(sandboxPspRoutes(ctx, paymentConfig), { prefix: '/sandbox-psp' });
  await api.register(
    async (v1) => {
      await v1.register(publicRoutes(ctx));
      await v1.register(authRoutes(ctx));
      await v1.register(syncRoutes(ctx));
      await v1.register(uploadRoutes(ctx));
      await v1.register(writeRoutes(ctx));
      await v1.register(paymentRoutes(ctx, paymentConfig));
      await v1.register(adminRoutes(ctx, options.adminApiKey ?? process.env.PORTAL_ADMIN_API_KEY), { prefix: '/admin' });
      v1.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: '/v1' },
  );
  return app;
}
