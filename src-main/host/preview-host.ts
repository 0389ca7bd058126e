/**
 * The browser preview: serves the built renderer and the same router as Electron's IPC over HTTP
 * on 127.0.0.1, for development and the end-to-end tests in Chromium. Never shipped in the app.
 *
 * A page may call the router only if it proves it was served by this host:
 * - the per-run token (written into index.html, so only a same-origin page can read it),
 * - an Origin header equal to the host's own origin (other sites' pages are refused),
 * - a Host header equal to 127.0.0.1:PORT (defeats DNS rebinding).
 *
 * `POST /rpc/<name>` is one call; `POST /rpc-batch` the calls a page made in one tick
 * (src-renderer/lib/preview-transport.ts), each routed as a single one.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventName, EventPayload } from '../../src-shared/bridge';
import { PREVIEW_BATCH_MAX_CALLS } from '../../src-shared/bridge-channels';
import type { Handlers, Router } from '../ipc/router';
import { CONTENT_SECURITY_POLICY, isPrivatePath, mimeType, resolveStaticFile, type StaticRoots } from '../static-files';

export interface PreviewHostOptions extends StaticRoots {
  /**
   * The core's handlers; the host builds the router once it knows its own origin. A promise:
   * the host serves the page's files at once and its calls once the core is loaded (cli.ts
   * loads the core after the host listens, issue 17).
   */
  handlers: Handlers | Promise<Handlers>;
  port?: number;
  /** The page that posts a started payment's signed form to the bank (`/payment-form/<token>`, single use). */
  paymentPage?: (token: string) => { html: string; csp: string } | null;
  /** Fixed token (tests); a random one per run otherwise. */
  token?: string;
}

export interface PreviewHost {
  url: string;
  origin: string;
  token: string;
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 16 * 1024 * 1024;

const BASE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as unknown) : {};
}

/** A batch is a list of 1 to PREVIEW_BATCH_MAX_CALLS entries `{ name, input }`. */
function isBatch(body: unknown): body is unknown[] {
  return Array.isArray(body) && body.length >= 1 && body.length <= PREVIEW_BATCH_MAX_CALLS;
}

/**
 * Runs a batch's calls at once (as separate POSTs would) and streams each answer as soon as it is
 * there, one JSON line `[index, result]`: a slow call never holds back a quick one, and one call's
 * failure is only its own line.
 */
async function answerBatch(response: ServerResponse, entries: unknown[], route: (entry: unknown) => Promise<unknown>) {
  response.writeHead(200, { ...BASE_HEADERS, 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' });
  await Promise.all(
    entries.map(async (entry, index) => {
      const result = await route(entry);
      response.write(`${JSON.stringify([index, result])}\n`);
    }),
  );
  response.end();
}

function sendJson(response: ServerResponse, status: number, value: unknown) {
  response.writeHead(status, { ...BASE_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(value));
}

export async function startPreviewHost(options: PreviewHostOptions): Promise<PreviewHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const eventStreams = new Set<ServerResponse>();
  let origin = '';
  let hostHeader = '';
  /** Settles once the host listens and the handlers are there; rejects if the core failed to load. */
  let router: Promise<Router> = new Promise(() => undefined);

  async function serveStatic(pathname: string, response: ServerResponse) {
    const file = resolveStaticFile(pathname, options);
    if (!file) return sendJson(response, 404, { ok: false, error: { code: 'NOT_FOUND' } });
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return sendJson(response, 404, { ok: false, error: { code: 'NOT_FOUND' } });
    }
    const type = mimeType(file);
    if (type.startsWith('text/html')) {
      const meta = `<meta name="portal-preview-token" content="${token}" />`;
      body = Buffer.from(body.toString('utf8').replace('<head>', `<head>\n    ${meta}`));
    }
    response.writeHead(200, {
      ...BASE_HEADERS,
      'content-type': type,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'cache-control': isPrivatePath(pathname) ? 'no-store' : 'no-cache',
    });
    response.end(body);
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    if (request.headers.host !== hostHeader) return sendJson(response, 421, { ok: false, error: { code: 'FORBIDDEN_ORIGIN' } });
    const url = new URL(request.url ?? '/', origin);
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return sendJson(response, 400, { ok: false, error: { code: 'NOT_FOUND' } });
    }

    // One call (`/rpc/<name>`) or the calls a page made in one tick (`/rpc-batch`, issue 17):
    // the same token check, body limit and router, so a batched call is checked exactly as a
    // single one (origin, name, input, output) and answered with the same shapes.
    const batch = pathname === '/rpc-batch';
    if (batch || pathname.startsWith('/rpc/')) {
      if (request.method !== 'POST') return sendJson(response, 405, { ok: false, error: { code: 'UNKNOWN_PROCEDURE' } });
      const given = request.headers['x-portal-token'];
      if (typeof given !== 'string' || !sameSecret(given, token)) {
        return sendJson(response, 403, { ok: false, error: { code: 'FORBIDDEN_ORIGIN' } });
      }
      let input: unknown;
      try {
        input = await readBody(request);
      } catch {
        return sendJson(response, 400, { ok: false, error: { code: 'VALIDATION', fields: [] } });
      }
      if (batch && !isBatch(input)) return sendJson(response, 400, { ok: false, error: { code: 'VALIDATION', fields: [] } });
      let route: Router;
      try {
        route = await router;
      } catch {
        return sendJson(response, 503, { ok: false, error: { code: 'INTERNAL' } });
      }
      const context = { origin: request.headers.origin ?? null, isMainFrame: true };
      if (!batch) return sendJson(response, 200, await route(pathname.slice('/rpc/'.length), input, context));
      return answerBatch(response, input as unknown[], (entry) => {
        // An entry that is not an object has no name: the router answers UNKNOWN_PROCEDURE.
        const { name, input: entryInput } = typeof entry === 'object' && entry !== null ? (entry as { name?: unknown; input?: unknown }) : {};
        return route(name, entryInput, context);
      });
    }

    if (pathname === '/events') {
      const given = url.searchParams.get('token') ?? '';
      if (!sameSecret(given, token)) return sendJson(response, 403, { ok: false, error: { code: 'FORBIDDEN_ORIGIN' } });
      response.writeHead(200, {
        ...BASE_HEADERS,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      response.write(': connected\n\n');
      eventStreams.add(response);
      request.on('close', () => eventStreams.delete(response));
      return;
    }

    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return sendJson(response, 405, { ok: false, error: { code: 'NOT_FOUND' } });
    }

    if (pathname.startsWith('/payment-form/')) {
      // Opened by the renderer in a popup; the token is single use and unguessable.
      const page = options.paymentPage?.(pathname.slice('/payment-form/'.length)) ?? null;
      if (!page) return sendJson(response, 404, { ok: false, error: { code: 'NOT_FOUND' } });
      response.writeHead(200, { ...BASE_HEADERS, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': page.csp, 'cache-control': 'no-store' });
      return response.end(page.html);
    }
    return serveStatic(pathname, response);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('preview host:', error);
      if (!response.headersSent) sendJson(response, 500, { ok: false, error: { code: 'INTERNAL' } });
      else response.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  hostHeader = `127.0.0.1:${port}`;
  // The router (and the bridge's schemas it checks every call with) loads once the handlers are
  // there, not before: with a core still loading, the host serves at once.
  router = Promise.resolve(options.handlers).then(async (handlers) => {
    const { createRouter } = await import('../ipc/router');
    return createRouter({ handlers, trustedOrigins: [origin] });
  });
  router.catch((error: unknown) => console.error('preview host: the portal core did not load', error));

  return {
    url: `${origin}/`,
    origin,
    token,
    emit(name, payload) {
      const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const stream of eventStreams) stream.write(frame);
    },
    async close() {
      for (const stream of eventStreams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
