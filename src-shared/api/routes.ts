/**
 * The Portal API's route table: every path is written once, here, and used by the server (to
 * register its routes), by the desktop's API client and outbox (to call them) and by the tests.
 * Paths are Fastify's (`:id` parameters) under the `/v1` prefix; `apiPath` fills them in.
 */

export interface ApiRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  /** Path under /v1, with `:name` parameters. */
  path: string;
}

const route = <M extends ApiRoute['method'], P extends string>(method: M, path: P) => ({ method, path }) as const;

export const API_ROUTES = {
  health: route('GET', '/health'),
  landlord: route('GET', '/landlord'),
  // session and account (auth)
  signUp: route('POST', '/auth/sign-up'),
  signIn: route('POST', '/auth/sign-in'),
  refresh: route('POST', '/auth/refresh'),
  signOut: route('POST', '/auth/sign-out'),
  me: route('GET', '/me'),
  forgotIdentifier: route('POST', '/auth/forgot-identifier'),
  forgotPassword: route('POST', '/auth/forgot-password'),
  resetPassword: route('POST', '/auth/reset-password'),
  changePassword: route('POST', '/auth/change-password'),
  changeEmail: route('POST', '/auth/change-email'),
  confirmEmail: route('POST', '/auth/confirm-email'),
  // the sync feed, uploads and documents' bytes
  sync: route('GET', '/sync'),
  upload: route('PUT', '/uploads/:id'),
  blob: route('GET', '/blobs/:sha256'),
  // the areas' writes (each is an outbox kind on the desktop)
  personalInfoChange: route('POST', '/change-requests/personal-info'),
  occupantsChange: route('POST', '/change-requests/occupants'),
  bankDetailsChange: route('POST', '/change-requests/bank-details'),
  insurance: route('POST', '/insurance'),
  createRequest: route('POST', '/requests'),
  requestMessage: route('POST', '/requests/:id/messages'),
  cancelRequest: route('POST', '/requests/:id/cancel'),
  paperless: route('POST', '/paperless'),
  notificationPreference: route('POST', '/notifications/preferences'),
  // online payment
  paymentSettings: route('GET', '/payments/settings'),
  createPayment: route('POST', '/payments'),
  payment: route('GET', '/payments/:id'),
  paymentIpn: route('POST', '/payments/ipn'),
  // staff (X-Api-Key)
  adminTenants: route('POST', '/admin/tenants'),
  adminLedger: route('POST', '/admin/dossiers/:number/ledger'),
  adminNotices: route('POST', '/admin/notices'),
  adminLandlord: route('PUT', '/admin/landlord'),
  adminDocuments: route('POST', '/admin/dossiers/:number/documents'),
  adminRequests: route('GET', '/admin/requests'),
  adminRequest: route('PATCH', '/admin/requests/:id'),
  adminChangeRequests: route('GET', '/admin/change-requests'),
  adminChangeRequestDecision: route('POST', '/admin/change-requests/:id/decision'),
  // the staff side (issue 19): a staff session's bearer token, see src-shared/api/staff.ts
  staffActivation: route('GET', '/staff/auth/activation'),
  staffActivate: route('POST', '/staff/auth/activate'),
  staffSignIn: route('POST', '/staff/auth/sign-in'),
  staffTotp: route('POST', '/staff/auth/totp'),
  staffSignOut: route('POST', '/staff/auth/sign-out'),
  staffMe: route('GET', '/staff/me'),
  staffRequests: route('GET', '/staff/requests'),
  staffRequest: route('GET', '/staff/requests/:id'),
  staffRequestReply: route('POST', '/staff/requests/:id/replies'),
  staffRequestStatus: route('POST', '/staff/requests/:id/status'),
  staffBlob: route('GET', '/staff/blobs/:sha256'),
  staffChangeRequests: route('GET', '/staff/change-requests'),
  staffChangeRequest: route('GET', '/staff/change-requests/:id'),
  staffChangeDecision: route('POST', '/staff/change-requests/:id/decision'),
  staffInsurances: route('GET', '/staff/insurance'),
  staffInsuranceDecision: route('POST', '/staff/insurance/:id/decision'),
  staffTenants: route('GET', '/staff/tenants'),
  staffTenant: route('GET', '/staff/tenants/:id'),
  staffNoticeRuns: route('POST', '/staff/notice-runs'),
  staffNoticeRun: route('GET', '/staff/notice-runs/:id'),
  staffLandlord: route('GET', '/staff/landlord'),
  staffLandlordUpdate: route('PUT', '/staff/landlord'),
  staffResidences: route('GET', '/staff/residences'),
  staffResidenceCreate: route('POST', '/staff/residences'),
  staffResidenceUpdate: route('PUT', '/staff/residences/:id'),
  staffAccounts: route('GET', '/staff/accounts'),
  staffAccountCreate: route('POST', '/staff/accounts'),
  staffAccountUpdate: route('PATCH', '/staff/accounts/:id'),
  staffAudit: route('GET', '/staff/audit'),
} as const satisfies Record<string, ApiRoute>;

export type ApiRouteName = keyof typeof API_ROUTES;

/** The prefix every route stands under. */
export const API_PREFIX = '/v1';

/** "/v1/requests/3f…/messages" from the route and its parameters (each URI-encoded). */
export function apiPath(name: ApiRouteName, params: Record<string, string> = {}): string {
  const path = API_ROUTES[name].path.replace(/:([a-zA-Z0-9]+)/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) throw new RangeError(`${name}: missing path parameter "${key}"`);
    return encodeURIComponent(value);
  });
  return `${API_PREFIX}${path}`;
}
