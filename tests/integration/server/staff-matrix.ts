/**
 * The authorisation matrix of the staff routes (issue 19): for every route of API_ROUTES named
 * staff*, what it answers to nobody, to the demo tenant's token and to each staff role, in and
 * out of the caretaker's residence. The record is typed by the route names, and the suite checks
 * its keys against API_ROUTES: a new staff route without its row fails.
 */
import type { Actor, Call, StaffRouteName, StaffWorld } from './staff-fixture';
import { residenceBody } from './staff-fixture';

export interface MatrixRow {
  /** Public routes (activation, sign-in) answer the same to everyone. */
  expect: Record<Actor, number>;
  /** What the call sends (a write gets a fresh target each time). */
  call(world: StaffWorld, actor: Actor): Promise<Call> | Call;
  /** The audit action a successful call records (writes only). */
  audit?: string;
}

/** Signed-in routes: 401 to nobody and to the tenant, then per role. */
const staff = (roles: Partial<Record<Exclude<Actor, 'none' | 'tenant'>, number>>): Record<Actor, number> => ({
  none: 401,
  tenant: 401,
  caretaker: roles.caretaker ?? 403,
  caretakerElsewhere: roles.caretakerElsewhere ?? roles.caretaker ?? 403,
  adviser: roles.adviser ?? 403,
  accounting: roles.accounting ?? 403,
  administrator: roles.administrator ?? 403,
});
const everyone = (status: number): Record<Actor, number> => ({ none: status, tenant: status, caretaker: status, caretakerElsewhere: status, adviser: status, accounting: status, administrator: status });
const allStaff = (status: number) => staff({ caretaker: status, adviser: status, accounting: status, administrator: status });
/** The technical request of Les Lilas: its caretaker and administrators; 404 to those it is out of scope for. */
const technicalRequest = (ok: number) => staff({ caretaker: ok, caretakerElsewhere: 404, adviser: 404, administrator: ok });

export const STAFF_MATRIX: Record<StaffRouteName, MatrixRow> = {
  staffActivation: { expect: everyone(404), call: () => ({ query: { token: 'not-a-live-activation-token' } }) },
  staffActivate: { expect: everyone(404), call: (w) => ({ body: { token: `not-a-live-activation-token-${w.unique()}`, password: 'Un-Mot-De-Passe-Solide-2026', code: '123456' } }) },
  // Another address each time: five failures for one address and source pause it (429, tested in staff-auth).
  staffSignIn: { expect: everyone(401), call: (w) => ({ body: { email: `personne${w.unique()}@example.org`, password: 'faux-mot-de-passe' } }) },
  staffTotp: { expect: everyone(401), call: () => ({ body: { challenge: 'not-a-live-challenge', code: '123456' } }) },
  staffMe: { expect: allStaff(200), call: () => ({}) },
  staffRequests: { expect: staff({ caretaker: 200, adviser: 200, administrator: 200 }), call: () => ({ query: { status: 'open' } }) },
  staffRequest: { expect: technicalRequest(200), call: (w) => ({ params: { id: w.requestId } }) },
  staffRequestReply: { expect: technicalRequest(200), audit: 'request.reply', call: (w) => ({ params: { id: w.requestId }, body: { body: 'Je passe demain matin.' } }) },
  staffRequestStatus: { expect: technicalRequest(200), audit: 'request.status', call: (w) => ({ params: { id: w.requestId }, body: { status: 'in_progress', plannedDate: '2026-03-20' } }) },
  staffBlob: { expect: staff({ caretaker: 200, caretakerElsewhere: 404, adviser: 404, accounting: 404, administrator: 200 }), call: (w) => ({ params: { sha256: w.photoSha256 } }) },
  staffChangeRequests: { expect: staff({ adviser: 200, administrator: 200 }), call: () => ({ query: { status: 'pending' } }) },
  staffChangeRequest: { expect: staff({ adviser: 200, administrator: 200 }), call: (w) => ({ params: { id: w.changeRequestId } }) },
  staffChangeDecision: {
    expect: staff({ adviser: 200, administrator: 200 }),
    audit: 'changeRequest.decide',
    call: async (w) => ({ params: { id: await w.freshChangeRequest() }, body: { decision: 'refuse', comment: 'Numéro incomplet' } }),
  },
  staffInsurances: { expect: staff({ adviser: 200, administrator: 200 }), call: () => ({ query: { status: 'pending' } }) },
  staffInsuranceDecision: {
    expect: staff({ adviser: 200, administrator: 200 }),
    audit: 'insurance.decide',
    call: async (w) => ({ params: { id: await w.freshInsurance() }, body: { decision: 'accept' } }),
  },
  staffTenants: { expect: staff({ adviser: 200, accounting: 200, administrator: 200 }), call: () => ({ query: { q: 'DUPONT' } }) },
  staffTenant: { expect: staff({ adviser: 200, accounting: 200, administrator: 200 }), call: (w) => ({ params: { id: w.tenantId } }) },
  staffNoticeRuns: { expect: staff({ accounting: 202, administrator: 202 }), audit: 'noticeRun.start', call: (w) => ({ body: { period: `20${30 + w.unique()}-01` } }) },
  staffNoticeRun: { expect: staff({ accounting: 200, administrator: 200 }), call: (w) => ({ params: { id: w.noticeRunId } }) },
  staffLandlord: { expect: staff({ administrator: 200 }), call: () => ({}) },
  staffLandlordUpdate: {
    expect: staff({ administrator: 200 }),
    audit: 'landlord.update',
    call: async (w) => ({ body: (await w.server.api('GET', '/v1/landlord')).body }),
  },
  staffResidences: { expect: allStaff(200), call: () => ({}) },
  staffResidenceCreate: { expect: staff({ administrator: 201 }), audit: 'residence.create', call: (w) => ({ body: residenceBody(`RES-T${w.unique()}`) }) },
  staffResidenceUpdate: { expect: staff({ administrator: 200 }), audit: 'residence.update', call: (w) => ({ params: { id: w.residenceId }, body: { ...residenceBody('RES-CHANTIERS'), caretakerName: `M. Diallo ${w.unique()}` } }) },
  staffAccounts: { expect: staff({ administrator: 200 }), call: () => ({}) },
  staffAccountCreate: { expect: staff({ administrator: 201 }), audit: 'account.create', call: (w) => ({ body: { email: `nouveau${w.unique()}@example.org`, displayName: 'Nouvel Agent', role: 'accounting' } }) },
  staffAccountUpdate: { expect: staff({ administrator: 200 }), audit: 'account.update', call: async (w) => ({ params: { id: await w.freshAccount() }, body: { role: 'accounting' } }) },
  staffAudit: { expect: staff({ administrator: 200 }), call: () => ({ query: { action: 'request.reply' } }) },
  // Last: it ends the session of whoever calls it (the suite runs it after the others).
  staffSignOut: { expect: allStaff(200), call: () => ({}) },
};
