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
