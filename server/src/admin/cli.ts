/**
 * Admin CLI: `npm run -w server admin -- <command> [options]`. Works on the database directly
 * (DATABASE_URL, else the PGlite folder DATA_DIR: stop the server first, PGlite has one user).
 *
 *   create-tenant --file tenant.json            (JSON as POST /v1/admin/tenants)
 *   set-landlord --file landlord.json           (JSON as GET /v1/landlord)
 *   post-ledger --dossier N --date aaaa-mm-jj --kind rent|charges|apl|payment|adjustment
 *               --label "Loyer mai 2026" --amount 412,35 [--period aaaa-mm]
 *                                               (euros; positive = débit; a crédit as --amount=-150,00)
 *   post-ledger --dossier N --file entries.json (array of entries, amounts in cents)
 *   import-ledger --file ecritures.csv [--encodage windows-1252] [--processes N]
 *                                               (ERP export, see admin/ledger-import.ts; all lines checked first;
 *                                                quittances and reçus rendered in N processes, started at the
 *                                                first one, default the machine's cores, 0 = here)
 *   import-erp --locataires locataires.csv [--contrats contrats.csv] [--occupants occupants.csv] [--encodage windows-1252]
 *                                               (tenants, dossiers, bank details, contracts, occupants from the ERP,
 *                                                see admin/erp-import.ts; all lines checked first; run it every night)
 *   list-requests [--status open|in_progress|closed|cancelled]
 *   update-request <id> --status in_progress [--message "Intervention prévue mardi"]
 *   list-change-requests [--status pending|approved|refused]
 *   approve <id> [--comment "..."]
 *   refuse <id> [--comment "..."]
 *   create-staff --email a@b.fr --name "Mme Roussel" --role administrator [--residence RES-1 ...]
 *                                               (a staff account; prints its one-time activation link, 72 h:
 *                                                how a landlord creates the first administrator, docs/STAFF.md)
 *   set-residence --file residence.json         (creates or updates, by its code, a residence as POST /v1/staff/residences)
 *   list-residences
 *   accept-insurance <id> | refuse-insurance <id> --comment "Attestation illisible"
 *   generate-tenants --count 1000 [--seed 42]   (load tests: realistic fictional tenants, password Demo-Locataire-2026!)
 *   maintenance [--tombstone-days 90]           (daily: old tombstones, sessions, links, counters)
 *   publish-notices --period aaaa-mm [--reference N] [--processes N]
 *                                               (avis d'échéance of the month, every tenant or one Numéro TG;
 *                                                paperless subscribers are mailed: SMTP_URL, else MAILBOX_DIR;
 *                                                rendered in N processes, default the machine's cores, 0 = here)
 *   run-reminders [--date aaaa-mm-jj]           (the notifications' reminders of the day: direct debit, insurance;
 *                                                then the pending notification mails; idempotent, the server's
 *                                                timer runs it too)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { availableParallelism } from 'node:os';
import { adminCreateTenantBodySchema, adminLedgerBodySchema, adminUpdateRequestBodySchema, requestStatusSchema, changeRequestStatusSchema } from '../../../src-shared/api/admin';
import { openDatabase } from '../db/client';
import { runMaintenance } from './maintenance';
import { createPasswordHasher, PRODUCTION_HASHING } from '../auth/passwords';
import { generateTenants } from '../demo/demo-data';
import { count as sqlCount } from 'drizzle-orm';
import { tenants } from '../db/schema';
import type { CsvEncoding } from './csv';
import { importLedgerFile } from './ledger-import';
import { importErpFiles } from './erp-import';
import { landlordSchema } from '../../../src-shared/api/landlord';
import { createDataCipher, loadOrCreateDevKey, parseDataKey } from '../crypto/data-key';
import { ApiError } from '../http/errors';
import { frenchErrorMap } from '../http/validation';
import { documentDeps, adminSetLandlord, adminCreateTenant, adminDecideChangeRequest, adminListChangeRequests, adminListRequests, adminPostLedger, adminPublishNotices, adminUpdateRequest, type AdminDeps } from './service';
import { createMailer, type MailConfig } from '../mail/mailer';
import { parisDate, systemClock } from '../../../src-shared/clock';
import { runReminders } from '../notifications/reminders';
import { deliverNotificationMails } from '../notifications/service';
import { readLandlordSettings } from '../landlord/settings';
import { residenceBodySchema, staffAccountCreateBodySchema } from '../../../src-shared/api/staff';
import { createResidence, listResidences, residenceIdsByCode, updateResidence } from '../residences/service';
import { createStaffAccount } from '../staff/accounts';
import { OFFICE_ACTOR } from '../staff/audit';
import { decideInsurance } from '../insurance/staff';
import { renderPoolWhenNeeded, startRenderPool } from '../documents/render-pool';

/** The base of the activation link: PUBLIC_URL, as the server's (server/README.md). */
const publicUrl = () => (process.env.PUBLIC_URL ?? 'http://127.0.0.1:8787').replace(/\/$/, '');

const serverRoot = fileURLToPath(new URL('../..', import.meta.url));

function euros(text: string): number {
  const m = /^(-?)(\d+)(?:[.,](\d{1,2}))?$/.exec(text.replace(/\s/g, ''));
  if (!m) throw new ApiError('VALIDATION', { fields: [{ path: 'amount', message: 'Montant invalide (ex. 412,35)' }] });
  return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number((m[3] ?? '0').padEnd(2, '0')));
}

function encodingOption(value: string | undefined): { encoding?: CsvEncoding } {
  if (value === undefined) return {};
  const encoding = value.toLowerCase().replace(/^(cp|win)/, 'windows-').replace(/^utf8$/, 'utf-8');
  if (encoding !== 'utf-8' && encoding !== 'windows-1252') throw new Error('--encodage : utf-8 ou windows-1252');
  return { encoding };
}

/** `--processes N`: render processes, 0 (in this process) to 64; `byDefault` when not given. */
function processesOption(value: string | undefined, byDefault: number): number {
  const processes = value === undefined ? byDefault : Number(value);
  if (!Number.isInteger(processes) || processes < 0 || processes > 64) throw new Error('--processes : un entier de 0 à 64');
  return processes;
}

/** Generated tenants are numbered after the existing ones, so references and emails stay unique. */
async function countTenants(deps: AdminDeps): Promise<number> {
  const [row] = await deps.db.select({ n: sqlCount() }).from(tenants);
  return Number(row?.n ?? 0);
}

export async function runAdminCommand(argv: string[], deps: AdminDeps): Promise<unknown> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      file: { type: 'string' },
      dossier: { type: 'string' },
      date: { type: 'string' },
      kind: { type: 'string' },
      label: { type: 'string' },
      amount: { type: 'string' },
      period: { type: 'string' },
      status: { type: 'string' },
      message: { type: 'string' },
      comment: { type: 'string' },
      'tombstone-days': { type: 'string' },
      count: { type: 'string' },
      seed: { type: 'string' },
      reference: { type: 'string' },
      encodage: { type: 'string' },
      locataires: { type: 'string' },
      contrats: { type: 'string' },
      occupants: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      residence: { type: 'string', multiple: true },
      processes: { type: 'string' },
    },
  });
  const [command, id] = positionals;
  const parse = <T>(schema: { parse(v: unknown, o?: object): T }, value: unknown): T => schema.parse(value, { error: frenchErrorMap });
  switch (command) {
    case 'create-tenant':
      if (!values.file) throw new Error('--file est obligatoire');
      return adminCreateTenant(deps, parse(adminCreateTenantBodySchema, JSON.parse(readFileSync(values.file, 'utf8'))));
    case 'set-landlord':
      if (!values.file) throw new Error('--file est obligatoire');
      return adminSetLandlord(deps, parse(landlordSchema, JSON.parse(readFileSync(values.file, 'utf8'))));
    case 'post-ledger': {
      if (!values.dossier) throw new Error('--dossier est obligatoire');
      const entries = values.file
        ? JSON.parse(readFileSync(values.file, 'utf8'))
        : [{ date: values.date, kind: values.kind, label: values.label, amountCents: values.amount ? euros(values.amount) : undefined, period: values.period ?? null }];
      return adminPostLedger(deps, values.dossier, parse(adminLedgerBodySchema, { entries }).entries);
    }
    case 'import-ledger': {
      if (!values.file) throw new Error('--file est obligatoire');
      // A payment file's quittances render in as many processes as the machine has cores, started only if there are any.
      const processes = processesOption(values.processes, availableParallelism());
      const pool = processes > 0 ? renderPoolWhenNeeded(processes) : null;
      try {
        return await importLedgerFile(documentDeps({ ...deps, documents: { ...deps.documents, ...(pool ? { rendering: pool } : {}) } }), values.file, {
          ...encodingOption(values.encodage),
          onProgress: (p) => deps.progress?.(`import-ledger : ${p.done} / ${p.total} lignes (écrites ${p.posted}, déjà importées ${p.alreadyPosted})`),
        });
      } finally {
        await pool?.close();
      }
    }
    case 'import-erp': {
      if (!values.locataires) throw new Error('--locataires est obligatoire');
      return importErpFiles(deps, { tenants: values.locataires, contracts: values.contrats, occupants: values.occupants }, {
        ...encodingOption(values.encodage),
        onProgress: (done, total) => deps.progress?.(`import-erp : ${done} / ${total} locataires traités`),
      });
    }
    case 'list-requests':
      return adminListRequests(deps, values.status ? parse(requestStatusSchema, values.status) : undefined);
    case 'update-request': {
      const body = parse(adminUpdateRequestBodySchema, { status: values.status, message: values.message });
      return adminUpdateRequest(deps, id ?? '', { status: body.status, message: body.message });
    }
    case 'list-change-requests':
      return adminListChangeRequests(deps, values.status ? parse(changeRequestStatusSchema, values.status) : undefined);
    case 'approve':
    case 'refuse':
      return adminDecideChangeRequest(deps, id ?? '', command, values.comment);
    case 'publish-notices': {
      if (!values.period || !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.period)) throw new Error('--period aaaa-mm est obligatoire');
      // A month's run renders in as many processes as the machine has cores (render-pool.ts); one tenant's, here.
      const processes = processesOption(values.processes, values.reference ? 0 : availableParallelism());
      const pool = processes > 0 ? startRenderPool(processes) : null;
      try {
        return await adminPublishNotices({ ...deps, documents: { ...deps.documents, ...(pool ? { rendering: pool } : {}) } }, values.period, values.reference, {
          // 100,000 outcomes are no reading for staff: the counts and the list to post are.
          keepNotices: false,
          onProgress: (p) =>
            deps.progress?.(`publish-notices ${p.period} : ${p.done} / ${p.total} dossiers (publiés ${p.published}, inchangés ${p.unchanged}, rectificatifs ${p.superseded}, sans échéance ${p.skipped}, refusés ${p.refused})`),
        });
      } finally {
        await pool?.close();
      }
    }
    case 'create-staff': {
      const body = parse(staffAccountCreateBodySchema, { email: values.email, displayName: values.name, role: values.role, residenceIds: [] });
      const codes = values.residence ?? [];
      const ids = await residenceIdsByCode(deps.db, codes);
      const unknown = codes.filter((code) => !ids.has(code));
      if (unknown.length) throw new Error(`résidence inconnue : ${unknown.join(', ')}`);
      const created = await createStaffAccount({ db: deps.db, now: deps.now, publicUrl: publicUrl() }, { ...body, residenceIds: [...ids.values()] }, OFFICE_ACTOR);
      return { account: created.account, activationUrl: created.activationUrl, activationExpiresAt: created.activationExpiresAt };
    }
    case 'set-residence': {
      if (!values.file) throw new Error('--file est obligatoire');
      const input = parse(residenceBodySchema, JSON.parse(readFileSync(values.file, 'utf8')));
      const existing = await residenceIdsByCode(deps.db, [input.code]);
      const id = existing.get(input.code);
      return id ? updateResidence(deps, id, input, OFFICE_ACTOR) : createResidence(deps, input, OFFICE_ACTOR);
    }
    case 'list-residences':
      return listResidences(deps.db);
    case 'accept-insurance':
    case 'refuse-insurance':
      return decideInsurance(deps, id ?? '', command === 'accept-insurance' ? 'accept' : 'refuse', values.comment);
    case 'generate-tenants': {
      const count = Number(values.count ?? '0');
      if (!Number.isInteger(count) || count < 1) throw new Error('--count doit être un entier positif');
      const hasher = createPasswordHasher(PRODUCTION_HASHING);
      const made = await generateTenants({ db: deps.db, cipher: deps.cipher, hasher, now: deps.now() }, count, { seed: values.seed ? Number(values.seed) : undefined, firstIndex: await countTenants(deps) });
      return { created: made.length, firstEmail: made[0]?.email, lastEmail: made.at(-1)?.email };
    }
    case 'run-reminders': {
      const reminders = await runReminders({ db: deps.db, now: deps.now }, values.date ?? parisDate(deps.now()));
      const mailer = deps.documents?.mailer;
      const mailed = mailer
        ? await deliverNotificationMails({ db: deps.db, cipher: deps.cipher, mailer, clock: deps.now, landlord: () => readLandlordSettings(deps.db), publicUrl: publicUrl(), log: deps.documents?.log })
        : 0;
      return { ...reminders, mailed };
    }
    case 'maintenance':
      return runMaintenance(deps.db, deps.now(), { tombstoneRetentionDays: values['tombstone-days'] ? Number(values['tombstone-days']) : undefined });
    default:
      throw new Error(`commande inconnue : ${command ?? '(aucune)'} ; voir server/README.md`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const handle = await openDatabase(
    process.env.DATABASE_URL ? { kind: 'postgres', url: process.env.DATABASE_URL } : { kind: 'pglite', dataDir: process.env.DATA_DIR ?? join(serverRoot, '.data/pglite') },
  );
  const key = process.env.PORTAL_DATA_KEY ? parseDataKey(process.env.PORTAL_DATA_KEY) : loadOrCreateDevKey(join(serverRoot, '.data/data-key'));
  const from = process.env.MAIL_FROM ?? 'Espace Locataire <no-reply@localhost>';
  const mail: MailConfig = process.env.SMTP_URL ? { kind: 'smtp', url: process.env.SMTP_URL, from } : { kind: 'mailbox', dir: process.env.MAILBOX_DIR ?? join(serverRoot, '.data/mailbox'), from };
  // The staff CLI is a process entry point: the one place it takes the wall clock.
  const mailer = createMailer(mail, (line) => console.error(line), systemClock);
  try {
    const result = await runAdminCommand(process.argv.slice(2), {
      db: handle.db,
      cipher: createDataCipher(key),
      now: systemClock,
      documents: { mailer, log: (message, extra) => console.error(message, extra ?? '') },
      progress: (line) => console.error(line),
    });
    console.log(JSON.stringify(result, null, 2));
  } catch (err) {
    if (err instanceof ApiError) console.error(`${err.code}: ${err.message}${err.fields ? '\n' + err.fields.map((f) => `  ${f.path}: ${f.message}`).join('\n') : ''}`);
    else if (err && typeof err === 'object' && 'issues' in err) console.error((err as { issues: { path: unknown[]; message: string }[] }).issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n'));
    else console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  } finally {
    mailer.close();
    await handle.close();
  }
}
