/**
 * The staff console's own stack for tests/e2e/staff-*.spec.ts: a real Portal API server (demo
 * data, in-memory PGlite) serving the built console under /staff/, on E2E_STAFF_PORT, with what
 * the console's journeys act on: two residences, a second tenant, a technical request in each
 * residence, a pending change of phone number, and the first administrator's activation link (as
 * `admin create-staff` prints it).
 *
 * The server's clock is this process's (TEST_NOW, real speed): the specs compute TOTP codes from
 * it and step it by 30 s between codes, since a code is never accepted twice.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import * as OTPAuth from 'otpauth';
import { buildServer } from '../../server/src/app';
import { openDatabase, type DatabaseHandle } from '../../server/src/db/client';
import { dossiers, residences } from '../../server/src/db/schema';
import { createDataCipher } from '../../server/src/crypto/data-key';
import { createTenant } from '../../server/src/dossier/tenants';
import { normalizePersonalInfo, requestPersonalInfoChange } from '../../server/src/dossier/service';
import { createRequest } from '../../server/src/requests/service';
import { submitInsurance } from '../../server/src/insurance/service';
import { storeUpload } from '../../server/src/uploads/service';
import { DEFAULT_TENANT_QUOTAS } from '../../server/src/http/quotas';
import { withTenantWrite } from '../../server/src/sync/versions';
import { createStaffAccount } from '../../server/src/staff/accounts';
import { OFFICE_ACTOR } from '../../server/src/staff/audit';
import { testClock } from '../helpers/clock';
import { SIGN_UP_TENANT } from './fixtures';
import { tinyPdf, tinyPng } from '../helpers/files';

/** Where the stack listens (E2E_STAFF_PORT; the staff links it mails and shows name this address). */
export const STAFF_PORT = Number(process.env.E2E_STAFF_PORT ?? 47823);

export const RESIDENCES = {
  glycines: { code: 'RES-GLY', name: 'Résidence Les Glycines' },
  erables: { code: 'RES-ERA', name: 'Résidence Les Érables' },
} as const;

/** Requests seeded: one per residence (the demo tenant's in Les Glycines). */
export const SEEDED = {
  leak: 'Le robinet de la salle de bains goutte sans arrêt depuis samedi.',
  hallDoor: 'La porte du hall ne ferme plus depuis lundi soir.',
  newPhone: '06 98 76 54 32',
  insurer: 'Mutuelle des Locataires Réunis',
};

export interface StaffStack {
  url: string;
  consoleUrl: string;
  adminActivationUrl: string;
  residenceIds: Record<keyof typeof RESIDENCES, string>;
  /** The seeded requests' ids (the caretaker of Les Glycines must not reach the hall door's). */
  requestIds: { leak: string; hallDoor: string };
  /** The current TOTP code of `secretBase32` by the server's clock. */
  totp(secretBase32: string): string;
  /** Moves the server's clock past the current TOTP step, so the next code is a new one. */
  nextTotpStep(): void;
  close(): Promise<void>;
}

async function seed(handle: DatabaseHandle, dataKey: Buffer, now: Date) {
  const db = handle.db;
  const cipher = createDataCipher(dataKey);
  const residenceIds = {} as Record<keyof typeof RESIDENCES, string>;
  for (const [key, residence] of Object.entries(RESIDENCES) as [keyof typeof RESIDENCES, (typeof RESIDENCES)[keyof typeof RESIDENCES]][]) {
    const id = randomUUID();
    residenceIds[key] = id;
    await db.insert(residences).values({
      id, code: residence.code, name: residence.name, addressLine: '8 RUE SAINT NICOLAS', postalCode: '78000', city: 'VERSAILLES',
      caretakerName: key === 'glycines' ? 'M. Moreau' : 'Mme Leroy', caretakerPhone: '01 39 00 00 00', caretakerHours: 'du lundi au vendredi, 8 h - 12 h',
      lodgeAddress: 'Loge au rez-de-chaussée', createdAt: now, updatedAt: now,
    });
  }
  const [demoDossier] = await db.select().from(dossiers).where(eq(dossiers.number, '0123456789'));
  if (!demoDossier) throw new Error('staff stack: the demo dossier is missing');
  await db.update(dossiers).set({ residenceId: residenceIds.glycines }).where(eq(dossiers.id, demoDossier.id));
  const record = SIGN_UP_TENANT.record;
  const second = await createTenant(db, cipher, now, { ...record, contracts: [...record.contracts], occupants: [...record.occupants] });
  await db.update(dossiers).set({ residenceId: residenceIds.erables }).where(eq(dossiers.id, second.dossierId));

  // A file as the tenant's PUT /v1/uploads stores it.
  const uploaded = async (tenantId: string, content: Buffer, mediaType: string) => {
    const id = randomUUID();
    const sha256 = createHash('sha256').update(content).digest('hex');
    await storeUpload(db, { id, tenantId, sha256, mediaType, content, now, quotas: DEFAULT_TENANT_QUOTAS });
    return id;
  };
  const technical = async (tenantId: string, dossierId: string, category: 'plomberie' | 'serrurerie', description: string, photoUploadIds: string[] = []) =>
    withTenantWrite(db, tenantId, (tx, version) =>
      createRequest(tx, { id: randomUUID(), version, now, tenantId }, { kind: 'technical', dossierId, category, description, photoUploadIds, permissionToEnter: true }),
    );
  const photo = await uploaded(demoDossier.tenantId, tinyPng('robinet', { width: 40, height: 30 }), 'image/png');
  const leak = await technical(demoDossier.tenantId, demoDossier.id, 'plomberie', SEEDED.leak, [photo]);
  const hallDoor = await technical(second.tenantId, second.dossierId, 'serrurerie', SEEDED.hallDoor);
  const certificate = await uploaded(second.tenantId, tinyPdf('attestation habitation'), 'application/pdf');
  await withTenantWrite(db, second.tenantId, (tx, version) =>
    submitInsurance(tx, { id: randomUUID(), version, now, tenantId: second.tenantId }, { dossierId: second.dossierId, insurer: SEEDED.insurer, policyNumber: 'HAB-2026-0042', validFrom: '2026-03-01', validTo: '2027-02-28', attachmentUploadId: certificate }),
  );
  await withTenantWrite(db, demoDossier.tenantId, (tx, version) =>
    requestPersonalInfoChange(tx, { id: randomUUID(), version, now, tenantId: demoDossier.tenantId }, normalizePersonalInfo({ phoneMobile: SEEDED.newPhone })),
  );
  return { residenceIds, requestIds: { leak: leak.id, hallDoor: hallDoor.id } };
}

export async function startStaffStack(): Promise<StaffStack> {
  const { clock, advance } = testClock();
  const handle = await openDatabase({ kind: 'pglite' });
  const dataKey = randomBytes(32);
  const publicUrl = `http://127.0.0.1:${STAFF_PORT}`;
  const app: FastifyInstance = await buildServer({
    db: handle, clock, dataKey, demo: true, passwordHashing: 'fast', publicUrl,
    mail: { kind: 'memory', from: 'test@localhost', sent: [] },
    throttle: { signInPerIp: 100_000 },
  });
  const { residenceIds, requestIds } = await seed(handle, dataKey, clock());
  const admin = await createStaffAccount({ db: handle.db, now: clock, publicUrl }, { email: 'admin@bailleur.example', displayName: 'Mme Martin', role: 'administrator' }, OFFICE_ACTOR);
  await app.listen({ port: STAFF_PORT, host: '127.0.0.1' });
  return {
    url: publicUrl,
    consoleUrl: `${publicUrl}/staff/`,
    adminActivationUrl: admin.activationUrl,
    residenceIds,
    requestIds,
    totp(secretBase32) {
      const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secretBase32), algorithm: 'SHA1', digits: 6, period: 30 });
      return totp.generate({ timestamp: clock().getTime() });
    },
    nextTotpStep() {
      advance(30_000);
    },
    async close() {
      await app.close();
      await handle.close();
    },
  };
}
