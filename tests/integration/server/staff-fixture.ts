/**
 * The staff suites' world (issue 19): the demo server (its tenant in Résidence Les Lilas, a
 * technical request, a pending change request, the demo staff of every role), signed in as each
 * demo staff member and as the tenant, plus the objects the routes act on. `freshChangeRequest`
 * and the like make a new target each time, so a write route can be called by several roles.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { blobs, changeRequests, dossiers, insuranceCertificates, requests, staffAuditLog } from '../../../server/src/db/schema';
import { DEMO_RESIDENCES, DEMO_STAFF, DEMO_STAFF_PASSWORD, DEMO_STAFF_TOTP_SECRET } from '../../../server/src/demo/demo-staff';
import { totpCodeAt } from '../../../server/src/staff/totp';
import { sha256Hex } from '../../../server/src/crypto/tokens';
import { settleNoticeRuns } from '../../../server/src/staff/notice-runs';
import { apiPath, API_ROUTES, type ApiRouteName } from '../../../src-shared/api/routes';
import { afterAll, beforeAll } from 'vitest';
import { tinyPng } from '../../helpers/files';
import { pullAll, startServer, type Backend, type TestServer } from './helpers';

/** Who calls: nobody, the demo tenant, or a demo staff member. */
export const ACTORS = ['none', 'tenant', 'caretaker', 'caretakerElsewhere', 'adviser', 'accounting', 'administrator'] as const;
export type Actor = (typeof ACTORS)[number];
export type StaffActorName = Exclude<Actor, 'none' | 'tenant'>;

/** The demo staff member playing each actor: the Lilas caretaker has the demo tenant, the Tilleuls one does not. */
export const STAFF_OF: Record<StaffActorName, (typeof DEMO_STAFF)[number]> = {
  caretaker: DEMO_STAFF.find((s) => s.email === 'gardien.lilas@example.org')!,
  caretakerElsewhere: DEMO_STAFF.find((s) => s.email === 'gardienne.tilleuls@example.org')!,
  adviser: DEMO_STAFF.find((s) => s.role === 'adviser')!,
  accounting: DEMO_STAFF.find((s) => s.role === 'accounting')!,
  administrator: DEMO_STAFF.find((s) => s.role === 'administrator')!,
};

export type StaffRouteName = Extract<ApiRouteName, `staff${string}`>;
export const STAFF_ROUTE_NAMES = (Object.keys(API_ROUTES) as ApiRouteName[]).filter((n): n is StaffRouteName => n.startsWith('staff'));

const TAKEN_STEPS = new Map<string, number>();

/** Signs a staff member in (password, then the TOTP code of a step not used yet by that account). */
export async function staffSignIn(server: TestServer, email: string, password = DEMO_STAFF_PASSWORD, secret = DEMO_STAFF_TOTP_SECRET): Promise<string> {
  const step = Math.floor(server.now().getTime() / 30_000);
  // A code is never accepted twice: the same account signing in again within 30 s waits a step.
  if ((TAKEN_STEPS.get(email) ?? -1) >= step) server.advance(30_000);
  const signIn = await server.api('POST', apiPath('staffSignIn'), { body: { email, password } });
  if (signIn.status !== 200) throw new Error(`staff sign-in ${email}: ${signIn.status} ${JSON.stringify(signIn.body)}`);
  const totp = await server.api('POST', apiPath('staffTotp'), { body: { challenge: signIn.body.challenge, code: totpCodeAt(secret, server.now()) } });
  if (totp.status !== 200) throw new Error(`staff TOTP ${email}: ${totp.status} ${JSON.stringify(totp.body)}`);
  TAKEN_STEPS.set(email, Math.floor(server.now().getTime() / 30_000));
  return totp.body.token as string;
}

export interface StaffWorld {
  server: TestServer;
  tokens: Record<Actor, string | undefined>;
  /** The demo tenant's technical request in Les Lilas, with a photo. */
  requestId: string;
  photoSha256: string;
  changeRequestId: string;
  tenantId: string;
  dossierId: string;
  noticeRunId: string;
  /** A residence and a staff account the write routes may change. */
  residenceId: string;
  freshChangeRequest(): Promise<string>;
  freshInsurance(): Promise<string>;
  freshAccount(): Promise<string>;
  /** A new unique suffix (codes, emails, periods). */
  unique(): number;
  auditCount(): Promise<number>;
}

export async function buildStaffWorld(server: TestServer): Promise<StaffWorld> {
  const db = server.handle.db;
  const tenantToken = (await server.signIn()).accessToken;
  const all = await pullAll(server, tenantToken, undefined, 1000);
  const dossierId = all.changes.find((c) => c.entity === 'dossier')!.id;
  const requestId = all.changes.find((c) => c.entity === 'request')!.id;
  const changeRequestId = all.changes.find((c) => c.entity === 'changeRequest')!.id;
  const [dossier] = await db.select().from(dossiers).where(eq(dossiers.id, dossierId));
  const tenantId = dossier!.tenantId;
  // The demo request gets a photo (the caretaker opens it; another residence's caretaker may not).
  const photo = tinyPng('staff-photo');
  const photoSha256 = sha256Hex(photo);
  await db.insert(blobs).values({ sha256: photoSha256, mediaType: 'image/png', size: photo.length, content: photo, createdAt: server.now() }).onConflictDoNothing();
  await db.update(requests).set({ photoSha256s: [photoSha256] }).where(eq(requests.id, requestId));

  const tokens = { none: undefined, tenant: tenantToken } as Record<Actor, string | undefined>;
  for (const actor of Object.keys(STAFF_OF) as StaffActorName[]) tokens[actor] = await staffSignIn(server, STAFF_OF[actor].email);

  let counter = 0;
  const unique = () => ++counter;
  const freshChangeRequest = async () => {
    const id = randomUUID();
    const [tenantRow] = await db.select({ version: dossiers.version }).from(dossiers).where(eq(dossiers.id, dossierId));
    await db.insert(changeRequests).values({
      id, tenantId, dossierId, version: tenantRow!.version, updatedAt: server.now(), kind: 'personal_info',
      summary: { phoneMobile: '06.11.22.33.44' }, payload: { phoneMobile: '06.11.22.33.44' }, status: 'pending', createdAt: server.now(),
    });
    return id;
  };
  const freshInsurance = async () => {
    const id = randomUUID();
    await db.insert(insuranceCertificates).values({
      id, tenantId, dossierId, version: 1, updatedAt: server.now(), insurer: 'MAIF', policyNumber: `P-${unique()}`, validFrom: '2026-01-01', validTo: '2026-12-31',
      attachmentSha256: sha256Hex(id), status: 'pending', createdAt: server.now(),
    });
    return id;
  };
  const admin = tokens.administrator!;
  const freshAccount = async () => {
    const created = await server.api('POST', apiPath('staffAccountCreate'), { token: admin, body: { email: `agent${unique()}@example.org`, displayName: 'Agent Test', role: 'adviser' } });
    if (created.status !== 201) throw new Error(`account: ${created.status} ${JSON.stringify(created.body)}`);
    return created.body.account.id as string;
  };
  const run = await server.api('POST', apiPath('staffNoticeRuns'), { token: admin, body: { period: '2026-03' } });
  if (run.status !== 202) throw new Error(`notice run: ${run.status} ${JSON.stringify(run.body)}`);
  await settleNoticeRuns();
  return {
    server,
    tokens,
    requestId,
    photoSha256,
    changeRequestId,
    tenantId,
    dossierId,
    noticeRunId: run.body.id,
    residenceId: DEMO_RESIDENCES[2].id,
    freshChangeRequest,
    freshInsurance,
    freshAccount,
    unique,
    auditCount: async () => (await db.select({ id: staffAuditLog.id }).from(staffAuditLog)).length,
  };
}

/** What one call of a route sends. */
export interface Call {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

export const residenceBody = (code: string) => ({
  code,
  name: `Résidence ${code}`,
  addressLine: '1 RUE DU TEST',
  postalCode: '78000',
  city: 'VERSAILLES',
  caretakerName: 'M. Test',
  caretakerPhone: '06.00.00.00.00',
  caretakerHours: 'du lundi au vendredi',
  lodgeAddress: 'Loge, bâtiment A',
});

/** Calls `name` as `actor` with `call`. */
export async function callRoute(world: StaffWorld, name: StaffRouteName, actor: Actor, call: Call) {
  const path = apiPath(name, call.params ?? {}) + (call.query && Object.keys(call.query).length ? `?${new URLSearchParams(call.query)}` : '');
  return world.server.api(API_ROUTES[name].method, path, { token: world.tokens[actor], ...(call.body !== undefined ? { body: call.body } : {}) });
}

/** For a describe block: the demo server and its staff world, built before the tests, closed after (the object is filled in by then). */
export function useStaffWorld(backend: Backend): StaffWorld {
  const world = {} as StaffWorld;
  beforeAll(async () => {
    Object.assign(world, await buildStaffWorld(await startServer(backend)));
  }, 120_000);
  afterAll(async () => {
    await settleNoticeRuns();
    await world.server?.close();
  });
  return world;
}
