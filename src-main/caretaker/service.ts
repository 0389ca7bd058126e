/**
 * The caretaker's space in the main process (issue 19): the staff session, the caretaker's own
 * queue of replies and status changes, and the last list read.
 *
 * - Sign-in is two steps, as the staff API has it: email and password give a challenge (kept
 *   here, never shown), the authenticator's code turns it into a staff token. The token never
 *   leaves main. At home it is sealed by the SecretStore (safeStorage in the app) with the rest of
 *   the caretaker's state in one file, so a restart keeps the session and the queue; on a kiosk,
 *   or where the OS offers no protection, nothing is written at all.
 * - The queue is the caretaker's own, not the tenant outbox: that one lives in a tenant's cache
 *   and drains with a tenant's session, while a caretaker works at the lodge with no tenant
 *   signed in, and what a caretaker typed must go when *they* sign out (or the kiosk ends their
 *   session), leaving nothing in any tenant's folder. Items go in order with their id as the
 *   Idempotency-Key; offline, throttled or expired stops the drain and keeps everything; a
 *   refusal (the request was closed meanwhile, say) holds the item back with its reason.
 * - Sign-out (and the kiosk's end of session) tries the queue once more, then wipes the token,
 *   the queue, the saved list and the file. With items still unsent, sign-out first answers
 *   UNSENT_ITEMS so the page can ask; the kiosk's end of session does not ask (its warning said so).
 * - The server ending the session (30 min idle, 10 h at most) keeps the queue and the saved list
 *   for the same caretaker's next sign-in; another caretaker signing in starts clean.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { apiPath } from '../../src-shared/api/routes';
import {
  staffRequestDetailSchema,
  staffRequestsResponseSchema,
  staffRequestStatusSchema,
  staffSessionResponseSchema,
  staffSignInResponseSchema,
  type StaffMe,
  type StaffRequestDetail,
  type StaffRequestRow,
} from '../../src-shared/api/staff';
import type { CaretakerFilters, CaretakerList, CaretakerRequest, CaretakerState } from '../../src-shared/caretaker/bridge';
import { PortalError, type ErrorCode } from '../../src-shared/errors';
import { sniffMediaType } from '../../src-shared/validation/file-type';
import type { PortalApi } from '../services/portal-api';
import { writeFileAtomic } from '../storage/atomic-file';
import type { SecretStore } from '../storage/secrets';

const queuedSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('reply'), id: z.string(), requestId: z.string(), body: z.string(), createdAt: z.string(), refused: z.string().nullable() }),
  z.object({
    kind: z.literal('status'),
    id: z.string(),
    requestId: z.string(),
    status: staffRequestStatusSchema,
    plannedDate: z.string().nullable(),
    createdAt: z.string(),
    refused: z.string().nullable(),
  }),
]);
type Queued = z.infer<typeof queuedSchema>;

const storedSchema = z.object({
  session: staffSessionResponseSchema.nullable(),
  staffId: z.string().nullable(),
  queue: z.array(queuedSchema),
  list: z.object({ items: z.array(z.unknown()), total: z.number(), readAt: z.string() }).nullable(),
  details: z.record(z.string(), z.object({ request: z.unknown(), readAt: z.string() })),
});
type Stored = z.infer<typeof storedSchema>;

const FILE = join('caretaker', 'caretaker.bin');
/** Errors that mean "nothing can go now": the queue waits, whole. */
const STOPS: readonly ErrorCode[] = ['OFFLINE', 'THROTTLED', 'SERVER', 'UNAUTHENTICATED'];

export interface CaretakerServiceOptions {
  api: PortalApi;
  userDataDir: string;
  secrets: SecretStore;
  /** Kiosk: nothing is written; the session ends after the kiosk's idle time without a call. */
  kiosk: boolean;
  now: () => Date;
  /** Kiosk: how long the caretaker's space stays open without a call (the kiosk's idle time). */
  kioskIdleMs?: () => number;
}

function empty(): Stored {
  return { session: null, staffId: null, queue: [], list: null, details: {} };
}

export function createCaretakerService(options: CaretakerServiceOptions) {
  const { api, secrets } = options;
  const persist = !options.kiosk && secrets.isAvailable();
  const file = join(options.userDataDir, FILE);
  let stored = load();
  let challenge: { value: string; email: string } | null = null;
  let endReason: 'expired' | 'signedOut' | undefined;
  let draining: Promise<void> | null = null;
  let idleTimer: ReturnType<typeof setTimeout> | null = null;

  function load(): Stored {
    if (!persist || !existsSync(file)) return empty();
    try {
      return storedSchema.parse(JSON.parse(secrets.decrypt(readFileSync(file))));
    } catch (error) {
      console.warn('caretaker: saved state unreadable; starting clean', error);
      rmSync(file, { force: true });
      return empty();
    }
  }

  function save() {
    if (persist) writeFileAtomic(file, secrets.encrypt(JSON.stringify(stored)));
  }

  function wipe() {
    stored = empty();
    challenge = null;
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    rmSync(join(options.userDataDir, 'caretaker'), { recursive: true, force: true, maxRetries: 3 });
  }

  /** Kiosk: every call keeps the space open; silence past the kiosk's idle time ends it. */
  function touch() {
    if (!options.kiosk || !stored.session) return;
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = setTimeout(() => void endSession(), options.kioskIdleMs?.() ?? 120_000);
    idleTimer.unref?.();
  }

  function state(): CaretakerState {
    if (stored.session) {
      const { displayName, email, role, residences } = stored.session.staff;
      return { state: 'signedIn', staff: { displayName, email, role, residences }, pending: stored.queue.length };
    }
    if (challenge) return { state: 'codeNeeded', email: challenge.email };
    return endReason ? { state: 'signedOut', reason: endReason } : { state: 'signedOut' };
  }

  function requireSession(): StaffMe {
    if (!stored.session) throw new PortalError('UNAUTHENTICATED');
    touch();
    return stored.session.staff;
  }

  /** The server no longer knows the token: drop it, keep the queue and the saved list for this caretaker. */
  function expire() {
    stored.session = null;
    endReason = 'expired';
    save();
  }

  async function withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = stored.session?.token;
    if (!token) throw new PortalError('UNAUTHENTICATED');
    try {
      return await call(token);
    } catch (error) {
      if (error instanceof PortalError && error.code === 'UNAUTHENTICATED') expire();
      throw error;
    }
  }

  async function signIn(input: { email: string; password: string }): Promise<CaretakerState> {
    const answer = await api.request(apiPath('staffSignIn'), { body: input, response: staffSignInResponseSchema });
    challenge = { value: answer.challenge, email: input.email };
    return state();
  }

  async function verifyCode({ code }: { code: string }): Promise<CaretakerState> {
    if (!challenge) throw new PortalError('UNAUTHENTICATED');
    const session = await api.request(apiPath('staffTotp'), { body: { challenge: challenge.value, code }, response: staffSessionResponseSchema });
    challenge = null;
    // Only caretakers' requests are here: another role uses the staff console.
    if (session.staff.role !== 'caretaker' && session.staff.role !== 'administrator') {
      await api.request(apiPath('staffSignOut'), { body: {}, accessToken: session.token, response: z.unknown() }).catch(() => undefined);
      throw new PortalError('FORBIDDEN');
    }
    // Another caretaker's leftovers (their session had expired) never show to this one.
    if (stored.staffId !== session.staff.id) stored = empty();
    stored.session = session;
    stored.staffId = session.staff.id;
    endReason = undefined;
    save();
    touch();
    void drain();
    return state();
  }

  /**
   * Sends the queue in order; stops at the first "nothing can go now". It reads the queue again
   * after each item, so what was queued while it ran goes in the same run.
   */
  function drain(): Promise<void> {
    draining ??= (async () => {
      for (;;) {
        const item = stored.queue.find((queued) => !queued.refused);
        if (!item || !stored.session) break;
        try {
          await send(item);
          stored.queue = stored.queue.filter((other) => other.id !== item.id);
          save();
        } catch (error) {
          const code = error instanceof PortalError ? error.code : 'SERVER';
          if (STOPS.includes(code)) break;
          item.refused = code;
          save();
        }
      }
    })().finally(() => {
      draining = null;
    });
    return draining;
  }

  function send(item: Queued): Promise<unknown> {
    return withToken((token) =>
      item.kind === 'reply'
        ? api.request(apiPath('staffRequestReply', { id: item.requestId }), { body: { body: item.body }, accessToken: token, idempotencyKey: item.id, response: z.unknown() })
        : api.request(apiPath('staffRequestStatus', { id: item.requestId }), {
            body: { status: item.status, plannedDate: item.plannedDate },
            accessToken: token,
            idempotencyKey: item.id,
            response: z.unknown(),
          }),
    );
  }

  async function queueAndTry(item: Queued): Promise<{ id: string; delivery: 'synced' | 'pending' }> {
    requireSession();
    stored.queue.push(item);
    save();
    await drain();
    return { id: item.id, delivery: stored.queue.some((other) => other.id === item.id) ? 'pending' : 'synced' };
  }

  function pendingFor(requestId: string): boolean {
    return stored.queue.some((item) => item.requestId === requestId);
  }

  function rowOf(row: StaffRequestRow) {
    return {
      id: row.id,
      number: row.number,
      category: row.category,
      subject: row.subject,
      status: row.status,
      tenantName: row.tenantName,
      dossierNumber: row.dossierNumber,
      residence: row.residence,
      plannedDate: row.plannedDate,
      createdAt: row.createdAt,
      pending: pendingFor(row.id),
    };
  }

  function matches(row: StaffRequestRow, filters: CaretakerFilters): boolean {
    const q = filters.q?.toLowerCase();
    return (
      (!filters.status || row.status === filters.status) &&
      (!filters.residenceId || row.residence?.id === filters.residenceId) &&
      (!filters.category || row.category === filters.category) &&
      (!q || [String(row.number), row.subject, row.tenantName, row.dossierNumber].some((text) => text.toLowerCase().includes(q)))
    );
  }

  /** The caretaker's technical requests; offline, the last full list read, filtered here and marked as such. */
  async function list(filters: CaretakerFilters): Promise<CaretakerList> {
    requireSession();
    await drain();
    try {
      const query = new URLSearchParams({ kind: 'technical' });
      for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
      const page = await withToken((token) => api.request(`${apiPath('staffRequests')}?${query}`, { accessToken: token, response: staffRequestsResponseSchema }));
      const readAt = options.now().toISOString();
      // The unfiltered list is what offline reads filter from: keep that one.
      if (Object.values(filters).every((value) => !value)) {
        stored.list = { items: page.items, total: page.total, readAt };
        save();
      }
      return { offline: false, readAt, items: page.items.map(rowOf), total: page.total };
    } catch (error) {
      if (!(error instanceof PortalError) || error.code !== 'OFFLINE' || !stored.list) throw error;
      const saved = z.array(staffRequestsResponseSchema.shape.items.element).parse(stored.list.items).filter((row) => matches(row, filters));
      return { offline: true, readAt: stored.list.readAt, items: saved.map(rowOf), total: saved.length };
    }
  }

  function requestView(detail: StaffRequestDetail, offline: boolean, readAt: string): CaretakerRequest {
    const mine = stored.queue.filter((item) => item.requestId === detail.id);
    const status = mine.filter((item) => item.kind === 'status').at(-1);
    return {
      offline,
      readAt,
      request: {
        ...rowOf(detail),
        description: detail.description,
        permissionToEnter: detail.permissionToEnter,
        availability: detail.availability,
        photoSha256s: detail.photoSha256s,
        tenant: { name: detail.tenant.name, phoneHome: detail.tenant.phoneHome, phoneMobile: detail.tenant.phoneMobile, phoneWork: detail.tenant.phoneWork },
        dossier: { number: detail.dossier.number, addressLine: detail.dossier.addressLine, postalCode: detail.dossier.postalCode, city: detail.dossier.city },
        messages: detail.messages,
      },
      queuedReplies: mine.flatMap((item) => (item.kind === 'reply' ? [{ id: item.id, createdAt: item.createdAt, body: item.body, refused: item.refused }] : [])),
      queuedStatus: status ? { id: status.id, createdAt: status.createdAt, status: status.status, plannedDate: status.plannedDate, refused: status.refused } : null,
    };
  }

  async function get({ requestId }: { requestId: string }): Promise<CaretakerRequest> {
    requireSession();
    await drain();
    try {
      const detail = await withToken((token) => api.request(apiPath('staffRequest', { id: requestId }), { accessToken: token, response: staffRequestDetailSchema }));
      const readAt = options.now().toISOString();
      stored.details[requestId] = { request: detail, readAt };
      save();
      return requestView(detail, false, readAt);
    } catch (error) {
      const saved = stored.details[requestId];
      if (!(error instanceof PortalError) || error.code !== 'OFFLINE' || !saved) throw error;
      return requestView(staffRequestDetailSchema.parse(saved.request), true, saved.readAt);
    }
  }

  /** One of the request's photos, fetched with the token and handed to the page as a data URL. */
  async function photo({ requestId, sha256 }: { requestId: string; sha256: string }) {
    requireSession();
    const detail = stored.details[requestId];
    const known = detail && staffRequestDetailSchema.safeParse(detail.request).data?.photoSha256s.includes(sha256);
    if (!known) throw new PortalError('NOT_FOUND');
    const bytes = await withToken((token) => api.download(apiPath('staffBlob', { sha256 }), { accessToken: token }));
    const mediaType = sniffMediaType(bytes);
    if (!mediaType || !mediaType.startsWith('image/')) throw new PortalError('UNSUPPORTED_MEDIA_TYPE');
    return { dataUrl: `data:${mediaType};base64,${Buffer.from(bytes).toString('base64')}` };
  }

  function reply(input: { requestId: string; body: string }) {
    return queueAndTry({ kind: 'reply', id: randomUUID(), requestId: input.requestId, body: input.body, createdAt: options.now().toISOString(), refused: null });
  }

  function setStatus(input: { requestId: string; status: z.infer<typeof staffRequestStatusSchema>; plannedDate: string | null }) {
    return queueAndTry({
      kind: 'status',
      id: randomUUID(),
      requestId: input.requestId,
      status: input.status,
      plannedDate: input.plannedDate,
      createdAt: options.now().toISOString(),
      refused: null,
    });
  }

  /** Sign-out: one more try at the queue, the server's session revoked when reachable, then everything wiped. */
  async function signOut({ discardUnsent }: { discardUnsent: boolean }): Promise<CaretakerState> {
    await drain().catch(() => undefined);
    if (!discardUnsent && stored.queue.length > 0) throw new PortalError('UNSENT_ITEMS');
    const token = stored.session?.token;
    wipe();
    if (token) await api.request(apiPath('staffSignOut'), { body: {}, accessToken: token, response: z.unknown() }).catch(() => undefined);
    endReason = 'signedOut';
    return state();
  }

  /** The kiosk's end of session: nothing of the caretaker stays on the lodge PC. */
  async function endSession(): Promise<void> {
    await signOut({ discardUnsent: true });
  }

  return {
    state,
    signIn,
    verifyCode,
    signOut,
    endSession,
    list,
    get,
    photo,
    reply,
    setStatus,
    drain,
    /** What the service keeps (tests: nothing may be left after a kiosk's end of session). */
    leftovers: () => ({ file: existsSync(file), session: stored.session !== null, queue: stored.queue.length, saved: stored.list !== null || Object.keys(stored.details).length > 0 }),
  };
}

export type CaretakerService = ReturnType<typeof createCaretakerService>;
