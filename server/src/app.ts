/**
 * buildServer(): the Portal API as a Fastify instance, every route under /v1, validated and
 * documented from the zod contract in src-shared/api.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, type FastifyPluginAsyncZod, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { API_PREFIX } from '../../src-shared/api/routes';
import type { Landlord } from '../../src-shared/api/landlord';
import { openDatabase, type DatabaseConfig, type DatabaseHandle } from './db/client';
import { createPasswordHasher, FAST_TEST_HASHING, PRODUCTION_HASHING, type PasswordHasher, type PasswordHashingParams } from './auth/passwords';
import { DEFAULT_THROTTLE_LIMITS, Throttle, type ThrottleLimits } from './auth/throttle';
import { DEFAULT_TENANT_QUOTAS, type TenantQuotas } from './http/quotas';
import { createMailer, type MailConfig } from './mail/mailer';
import { createDataCipher, loadOrCreateDevKey, parseDataKey } from './crypto/data-key';
import { systemClock, type Clock } from '../../src-shared/clock';
import { documentFrameworkErrors, errorShapeOptions, installErrorHandling, JSON_BODY_LIMIT } from './http/errors';
import { installRequestHygiene } from './http/hygiene';
import { fastifyTrustProxy, parseTrustProxy } from './http/proxy';
import { frenchValidatorCompiler } from './http/validation';
import { V1_HIDDEN_PAGES } from './http/routes';
import type { AppContext } from './context';
import { DEMO_LANDLORD } from './demo/landlord';
import { loadDemoData } from './demo/demo-data';
import { readLandlordSettings, seedLandlordSettings } from './landlord/settings';
import { healthRoutes } from './http/health';
import { landlordRoutes } from './landlord/routes';
import { authRoutes } from './auth/routes';
import { linkPages } from './auth/link-pages';
import { syncRoutes } from './sync/routes';
import { uploadRoutes } from './uploads/routes';
import { dossierRoutes } from './dossier/routes';
import { contractRoutes } from './contract/routes';
import { balanceRoutes } from './balance/routes';
import { insuranceRoutes } from './insurance/routes';
import { documentRoutes } from './documents/routes';
import { requestRoutes } from './requests/routes';
import { paymentRoutes } from './payment/routes';
import { adminRoutes } from './admin/routes';
import { staffRoutes } from './staff/routes';
import { settleNoticeRuns } from './staff/notice-runs';
import { resolvePaymentConfig, type PaymentConfig } from './payment/config';
import { sandboxPspRoutes } from './payment/sandbox';

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
  /** Where log lines (JSON) go instead of stdout: tests read what the server logged. */
  logStream?: { write(line: string): void };
  /** argon2id cost. Default: production parameters. 'fast' is for tests only. */
  passwordHashing?: PasswordHashingParams | 'fast';
  /** Wraps the password hasher (tests count the password checks a limit lets through). */
  wrapHasher?: (hasher: PasswordHasher) => PasswordHasher;
  throttle?: Partial<ThrottleLimits>;
  /** Per-tenant daily quotas (http/quotas.ts); tests lower them. */
  quotas?: Partial<TenantQuotas>;
  /** 32-byte AES key for bank data. Default: env PORTAL_DATA_KEY, else `dataKeyFile`, else a random key for this run. */
  dataKey?: Buffer;
  dataKeyFile?: string;
  /** Base URL of links sent by mail. */
  publicUrl?: string;
  /** Landlord settings written when the database has none yet (default: the fictional demo landlord with `demo`, else none: see landlord/settings.ts). */
  landlord?: Landlord;
  /** Key of the staff routes /v1/admin (header X-Api-Key). Default: env PORTAL_ADMIN_API_KEY; none = routes refuse all. */
  adminApiKey?: string;
  /** Loads the demo data set when the database holds no tenant yet (`--demo`). */
  demo?: boolean;
  /** With `demo`: also the demo tenant's documents (24 months of avis and quittances, a reçu); off in tests. */
  demoDocuments?: boolean;
  /** Online payment settings over the environment's (PAYMENT_*, see server/README.md). */
  payments?: Partial<PaymentConfig>;
  /** Proxies trusted to name the client (TRUST_PROXY syntax: a hop count or addresses / CIDR ranges, see http/proxy.ts). Default: env TRUST_PROXY, else none. */
  trustProxy?: string;
  /** Called for every route as it is registered (Fastify's onRoute hook): the route registry test lists them so. */
  onRoute?: (route: RouteOptions) => void;
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
    logger: { level: options.logLevel ?? 'silent', ...(options.logStream ? { stream: options.logStream } : {}) },
    // Which proxies may name the client in X-Forwarded-For (http/proxy.ts): none unless told.
    trustProxy: fastifyTrustProxy(parseTrustProxy(options.trustProxy ?? process.env.TRUST_PROXY)),
    bodyLimit: JSON_BODY_LIMIT,
    ...errorShapeOptions,
  });
  // Before swagger's own hook, so the OpenAPI document lists these answers too.
  app.addHook('onRoute', documentFrameworkErrors);
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  app.setValidatorCompiler(frenchValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  installRequestHygiene(app);

  const ownsDb = !('db' in options.db);
  const handle = 'db' in options.db ? options.db : await openDatabase(options.db);
  // A notice run started from the console finishes before the database closes.
  app.addHook('onClose', async () => settleNoticeRuns());
  if (ownsDb) app.addHook('onClose', async () => handle.close());
  const db = handle.db;

  const clock = options.clock ?? systemClock;
  const landlord = options.landlord ?? (options.demo ? DEMO_LANDLORD : null);
  if (landlord) await seedLandlordSettings(db, landlord, clock());

  const limits = { ...DEFAULT_THROTTLE_LIMITS, ...options.throttle };
  const mailConfig = options.mail ?? { kind: 'memory', from: 'no-reply@localhost' };
  const mailer = createMailer(mailConfig, options.mailLog ?? ((line) => app.log.info(line)), clock);
  app.addHook('onClose', async () => mailer.close());
  const hashing = options.passwordHashing === 'fast' ? FAST_TEST_HASHING : (options.passwordHashing ?? PRODUCTION_HASHING);

  const ctx: AppContext = {
    db,
    clock,
    hasher: (options.wrapHasher ?? ((h) => h))(createPasswordHasher(hashing)),
    mailer,
    cipher: createDataCipher(resolveDataKey(options, (m) => app.log.warn(m))),
    throttle: new Throttle(db, limits.windowSeconds),
    limits,
    quotas: { ...DEFAULT_TENANT_QUOTAS, ...options.quotas },
    publicUrl: (options.publicUrl ?? 'http://127.0.0.1:8787').replace(/\/$/, ''),
    version: SERVER_VERSION,
    landlord: () => readLandlordSettings(db),
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
  // Every /v1 route, area by area; each path and method comes from the route table
  // (src-shared/api/routes.ts), and tests/integration/server/routes.test.ts checks the two match.
  const v1Routes: FastifyPluginAsyncZod[] = [
    healthRoutes(ctx),
    landlordRoutes(ctx),
    authRoutes(ctx),
    syncRoutes(ctx),
    uploadRoutes(ctx),
    dossierRoutes(ctx),
    contractRoutes(ctx),
    balanceRoutes(ctx),
    insuranceRoutes(ctx),
    documentRoutes(ctx),
    requestRoutes(ctx),
    paymentRoutes(ctx, paymentConfig),
    adminRoutes(ctx, options.adminApiKey ?? process.env.PORTAL_ADMIN_API_KEY),
    staffRoutes(ctx),
  ];
  await api.register(
    async (v1) => {
      for (const routes of v1Routes) await v1.register(routes);
      v1.get(V1_HIDDEN_PAGES.openapi, { schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: API_PREFIX },
  );
  return app;
}
