import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handlers } from '../../../src-main/ipc/router';
import { startPreviewHost, type PreviewHost } from '../../../src-main/host/preview-host';
import { createTestCore, projectRoot, temporaryFolder, UNREACHABLE_SERVER } from '../../helpers/core';
import { join } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';

/** Raw HTTP, so the test can send any Host / Origin header (fetch would not let it). */
function rawRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('browser preview host', () => {
  const userData = temporaryFolder();
  const rendererDir = temporaryFolder();
  let host: PreviewHost;

  beforeAll(async () => {
    mkdirSync(join(rendererDir.path, 'assets'));
    writeFileSync(join(rendererDir.path, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
    writeFileSync(join(rendererDir.path, 'assets', 'app.js'), 'console.log(1)');
    const { core } = createTestCore({ serverUrl: UNREACHABLE_SERVER, userDataDir: userData.path });
    host = await startPreviewHost({ handlers: core.handlers, rendererDir: rendererDir.path, resourcesDir: join(projectRoot, 'resources') });
  });
  afterAll(async () => {
    await host.close();
    userData.remove();
    rendererDir.remove();
  });

  const rpc = (name: string, body: unknown, headers: Record<string, string> = {}) =>
    rawRequest(`${host.origin}/rpc/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: host.origin, 'x-portal-token': host.token, ...headers },
      body: JSON.stringify(body),
    });

  it('listens on 127.0.0.1 only', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves index.html with the per-run token and the CSP header', async () => {
    const page = await rawRequest(host.url);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<meta name="portal-preview-token" content="${host.token}" />`);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves assets and the branding from resources', async () => {
    expect((await rawRequest(`${host.origin}/assets/app.js`)).status).toBe(200);
    const branding = await rawRequest(`${host.origin}/branding/branding.json`);
    expect(branding.status).toBe(200);
    expect(branding.headers['content-type']).toContain('application/json');
  });

  it('refuses paths that leave its folders', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/branding/..%2f..%2fpackage.json', '/assets/%00']) {
      const answer = await rawRequest(`${host.origin}${path}`);
      expect(answer.status, path).toBe(404);
      expect(answer.body).not.toContain('espace-locataire');
    }
  });

  it('answers a call that carries the token and its own origin', async () => {
    const answer = await rpc('settings.get', {});
    expect(JSON.parse(answer.body)).toEqual({ ok: true, value: { locale: 'fr', prefetchDocuments: true } });
  });

  it('refuses a call without the token or with a wrong one', async () => {
    for (const token of ['', 'guess', host.token.slice(1)]) {
      const answer = await rpc('settings.get', {}, { 'x-portal-token': token });
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.body)).toEqual({ ok: false, error: { code: 'FORBIDDEN_ORIGIN' } });
    }
  });

  it('refuses a call from another origin even with the token', async () => {
    const answer = await rpc('settings.get', {}, { origin: 'https://evil.example' });
    expect(JSON.parse(answer.body)).toEqual({ ok: false, error: { code: 'FORBIDDEN_ORIGIN' } });
  });

  it('refuses a request for another Host name (DNS rebinding)', async () => {
    const answer = await rawRequest(host.url, { headers: { host: `evil.example:${new URL(host.origin).port}` } });
    expect(answer.status).toBe(421);
    expect(answer.body).not.toContain(host.token);
  });

  it('answers unknown procedures and bad input with typed errors', async () => {
    expect(JSON.parse((await rpc('nope.nope', {})).body)).toEqual({ ok: false, error: { code: 'UNKNOWN_PROCEDURE' } });
    const invalid = JSON.parse((await rpc('settings.update', { locale: 'xx' })).body) as { error: { code: string } };
    expect(invalid.error.code).toBe('VALIDATION');
    const broken = await rawRequest(`${host.origin}/rpc/settings.get`, {
      method: 'POST',
      headers: { origin: host.origin, 'x-portal-token': host.token },
      body: '{not json',
    });
    expect(broken.status).toBe(400);
  });

  const batch = (body: unknown, headers: Record<string, string> = {}) =>
    rawRequest(`${host.origin}/rpc-batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: host.origin, 'x-portal-token': host.token, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  /** The streamed answer's lines, `[index, result]`, put back in the calls' order. */
  const batchResults = (body: string) => {
    const lines = body.trim().split('\n').map((line) => JSON.parse(line) as [number, unknown]);
    return lines.sort((a, b) => a[0] - b[0]).map(([, result]) => result);
  };

  it('answers a batch of calls (issue 17), each as its own POST would, in the order asked', async () => {
    const answer = await batch([
      { name: 'settings.get', input: {} },
      { name: 'settings.update', input: { locale: 'xx' } },
      { name: 'nope.nope', input: {} },
      7,
      { name: 'settings.get' },
    ]);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toContain('application/x-ndjson');
    const results = batchResults(answer.body);
    const single = JSON.parse((await rpc('settings.update', { locale: 'xx' })).body) as unknown;
    // A bad entry gets its own error (the same as alone); the others their answers.
    expect(results).toEqual([
      { ok: true, value: { locale: 'fr', prefetchDocuments: true } },
      single,
      { ok: false, error: { code: 'UNKNOWN_PROCEDURE' } },
      { ok: false, error: { code: 'UNKNOWN_PROCEDURE' } },
      { ok: true, value: { locale: 'fr', prefetchDocuments: true } },
    ]);
    expect((single as { error: { code: string } }).error.code).toBe('VALIDATION');
  });

  it('refuses a batch without the token, from another origin, or by GET', async () => {
    const calls = [{ name: 'settings.get', input: {} }, { name: 'session.get', input: {} }];
    for (const token of ['', 'guess', host.token.slice(1)]) {
      const answer = await batch(calls, { 'x-portal-token': token });
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.body)).toEqual({ ok: false, error: { code: 'FORBIDDEN_ORIGIN' } });
    }
    const foreign = await batch(calls, { origin: 'https://evil.example' });
    expect(batchResults(foreign.body)).toEqual([
      { ok: false, error: { code: 'FORBIDDEN_ORIGIN' } },
      { ok: false, error: { code: 'FORBIDDEN_ORIGIN' } },
    ]);
    expect((await rawRequest(`${host.origin}/rpc-batch`, { headers: { 'x-portal-token': host.token } })).status).toBe(405);
  });

  it('refuses a batch that is not a list of 1 to 32 calls, or is not JSON', async () => {
    const tooMany = Array.from({ length: 33 }, () => ({ name: 'settings.get', input: {} }));
    for (const body of [[], tooMany, { name: 'settings.get', input: {} }, '{not json']) {
      const answer = await batch(body);
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toEqual({ ok: false, error: { code: 'VALIDATION', fields: [] } });
    }
    const most = await batch(tooMany.slice(1));
    expect(batchResults(most.body)).toHaveLength(32);
  });

  it('refuses a batch over the body limit, as a single call is', async () => {
    const huge = 'x'.repeat(17 * 1024 * 1024);
    // The host answers before it has read the whole body: a socket not to be used again.
    const answer = await batch([{ name: 'settings.get', input: {} }, { name: 'settings.update', input: { locale: huge } }], { connection: 'close' });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({ ok: false, error: { code: 'VALIDATION', fields: [] } });
  });

  it('pushes events to the page over server-sent events', async () => {
    const controller = new AbortController();
    const response = await fetch(`${host.origin}/events?token=${host.token}`, { signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read(); // the ': connected' comment
    host.emit('connectivity.changed', { online: false });
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toBe('event: connectivity.changed\ndata: {"online":false}\n\n');
    controller.abort();
  });

  it('refuses the event stream without the token', async () => {
    expect((await rawRequest(`${host.origin}/events?token=nope`)).status).toBe(403);
  });
});

describe('browser preview host, a batch with a slow call (issue 17)', () => {
  const userData = temporaryFolder();
  const rendererDir = temporaryFolder();
  let host: PreviewHost;
  let releaseSlow!: () => void;

  beforeAll(async () => {
    writeFileSync(join(rendererDir.path, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
    const { core } = createTestCore({ serverUrl: UNREACHABLE_SERVER, userDataDir: userData.path });
    // A slow call (as `sync.now` is, waiting for the server): here `settings.get`, until the test lets it answer.
    const settingsGet = core.handlers['settings.get'];
    const handlers: Handlers = {
      ...core.handlers,
      'settings.get': async (input) => {
        await new Promise<void>((resolve) => (releaseSlow = resolve));
        return settingsGet(input);
      },
    };
    host = await startPreviewHost({ handlers, rendererDir: rendererDir.path, resourcesDir: join(projectRoot, 'resources') });
  });
  afterAll(async () => {
    await host.close();
    userData.remove();
    rendererDir.remove();
  });

  it('streams each answer when it is there: the quick call is not held back by the slow one', async () => {
    const lines: [number, { ok: boolean }][] = [];
    let firstLine!: () => void;
    const first = new Promise<void>((resolve) => (firstLine = resolve));
    const done = new Promise<void>((resolve, reject) => {
      const req = request(
        `${host.origin}/rpc-batch`,
        { method: 'POST', headers: { 'content-type': 'application/json', origin: host.origin, 'x-portal-token': host.token } },
        (res) => {
          let pending = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            pending += chunk;
            for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
              lines.push(JSON.parse(pending.slice(0, end)) as [number, { ok: boolean }]);
              pending = pending.slice(end + 1);
              firstLine();
            }
          });
          res.on('end', () => resolve());
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify([{ name: 'settings.get', input: {} }, { name: 'app.info', input: {} }]));
    });
    await first;
    expect(lines.map(([index]) => index)).toEqual([1]);
    releaseSlow();
    await done;
    expect(lines.map(([index]) => index)).toEqual([1, 0]);
    expect(lines.map(([, result]) => result.ok)).toEqual([true, true]);
  });
});

describe('browser preview host before the portal core has loaded (issue 17)', () => {
  const userData = temporaryFolder();
  const rendererDir = temporaryFolder();
  const hosts: PreviewHost[] = [];
  beforeAll(() => {
    writeFileSync(join(rendererDir.path, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  });
  afterAll(async () => {
    for (const host of hosts) await host.close();
    userData.remove();
    rendererDir.remove();
  });

  async function hostAwaiting(handlers: Promise<Handlers>) {
    const host = await startPreviewHost({ handlers, rendererDir: rendererDir.path, resourcesDir: join(projectRoot, 'resources') });
    hosts.push(host);
    const rpc = () =>
      rawRequest(`${host.origin}/rpc/settings.get`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: host.origin, 'x-portal-token': host.token },
        body: '{}',
      });
    return { host, rpc };
  }

  it('serves the page at once; a call made meanwhile waits for the core and gets its answer', async () => {
    let loaded!: (handlers: Handlers) => void;
    const { host, rpc } = await hostAwaiting(new Promise<Handlers>((resolve) => (loaded = resolve)));
    expect((await rawRequest(host.url)).status).toBe(200);
    let answered = false;
    const call = rpc().then((answer) => {
      answered = true;
      return answer;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(false);
    loaded(createTestCore({ serverUrl: UNREACHABLE_SERVER, userDataDir: userData.path }).core.handlers);
    expect(JSON.parse((await call).body)).toEqual({ ok: true, value: { locale: 'fr', prefetchDocuments: true } });
  });

  it('answers 503 to calls when the core failed to load, and still serves the page', async () => {
    const failed = Promise.reject(new Error('core failed'));
    const { host, rpc } = await hostAwaiting(failed);
    const answer = await rpc();
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.body)).toEqual({ ok: false, error: { code: 'INTERNAL' } });
    expect((await rawRequest(host.url)).status).toBe(200);
  });
});
