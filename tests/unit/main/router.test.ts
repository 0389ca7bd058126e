import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRouter, type Handlers, type Router } from '../../../src-main/ipc/router';
import { PortalError } from '../../../src-shared/errors';
import { createTestCore, temporaryFolder, UNREACHABLE_SERVER } from '../../helpers/core';

const APP = 'app://portal';
const fromApp = { origin: APP, isMainFrame: true };

describe('router', () => {
  let folder: ReturnType<typeof temporaryFolder>;
  let handlers: Handlers;
  let router: Router;
  let logError: ReturnType<typeof vi.fn<(message: string, error: unknown) => void>>;

  beforeEach(() => {
    folder = temporaryFolder();
    handlers = { ...createTestCore({ serverUrl: UNREACHABLE_SERVER, userDataDir: folder.path }).core.handlers };
    logError = vi.fn<(message: string, error: unknown) => void>();
    router = createRouter({ handlers, trustedOrigins: [APP], logError });
  });
  afterEach(() => folder.remove());

  it('answers a valid call with the contract output', async () => {
    const result = await router('app.info', {}, fromApp);
    expect(result).toEqual({ ok: true, value: { version: '0.0.0-test', kiosk: false, preview: true, platform: process.platform } });
  });

  it('refuses an invisible control character in any text field before the handler (so it never reaches the outbox)', async () => {
    const create = vi.fn();
    router = createRouter({ handlers: { ...handlers, 'requests.create': create }, trustedOrigins: [APP] });
    const input = { kind: 'technical', dossierId: crypto.randomUUID(), category: 'plomberie', description: 'Fuite\u0000 sous l’évier', permissionToEnter: true, photos: [] };
    expect(await router('requests.create', input, fromApp)).toEqual({
      ok: false,
      error: { code: 'VALIDATION', fields: [{ path: 'description', message: 'fields.controlCharacter' }] },
    });
    expect(create).not.toHaveBeenCalled();
  });

  it('answers bad input with a typed validation error naming each field, and never calls the handler', async () => {
    const signIn = vi.fn();
    router = createRouter({ handlers: { ...handlers, 'session.signIn': signIn }, trustedOrigins: [APP] });
    const result = await router('session.signIn', { email: 'not-an-email', password: '' }, fromApp);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        fields: [
          { path: 'email', message: 'fields.email' },
          { path: 'password', message: 'fields.required' },
        ],
      },
    });
    expect(signIn).not.toHaveBeenCalled();
  });

  it('refuses wrong types, missing fields and unexpected extra fields', async () => {
    const wrongType = await router('session.signIn', { email: 42 }, fromApp);
    expect(wrongType.ok).toBe(false);
    if (!wrongType.ok) expect(wrongType.error.fields).toContainEqual({ path: 'email', message: 'fields.invalid' });

    const extra = await router('session.signIn', { email: 'a@b.fr', password: 'x', admin: true }, fromApp);
    expect(extra).toEqual({ ok: false, error: { code: 'VALIDATION', fields: [{ path: '', message: 'fields.unexpected' }] } });

    const notAnObject = await router('settings.update', 'fr', fromApp);
    expect(notAnObject.ok).toBe(false);
    if (!notAnObject.ok) expect(notAnObject.error.code).toBe('VALIDATION');
  });

  it('refuses an unknown procedure, including inherited object keys', async () => {
    for (const name of ['session.dropTables', 'constructor', '__proto__', 'toString', 42, null]) {
      expect(await router(name, {}, fromApp)).toEqual({ ok: false, error: { code: 'UNKNOWN_PROCEDURE' } });
    }
  });

  it('refuses a foreign origin, a missing origin and a subframe before looking at the call', async () => {
    const appInfo = vi.fn();
    router = createRouter({ handlers: { ...handlers, 'app.info': appInfo }, trustedOrigins: [APP] });
    for (const context of [
      { origin: 'https://evil.example', isMainFrame: true },
      { origin: 'file://', isMainFrame: true },
      { origin: null, isMainFrame: true },
      { origin: APP, isMainFrame: false },
    ]) {
      expect(await router('app.info', {}, context)).toEqual({ ok: false, error: { code: 'FORBIDDEN_ORIGIN' } });
    }
    expect(appInfo).not.toHaveBeenCalled();
  });

  it('turns a raw exception into INTERNAL without leaking its message, and logs it', async () => {
    router = createRouter({
      handlers: {
        ...handlers,
        'app.info': () => {
          throw new Error('secret path /home/tenant/.config');
        },
      },
      trustedOrigins: [APP],
      logError,
    });
    const result = await router('app.info', {}, fromApp);
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('secret');
    expect(logError).toHaveBeenCalledOnce();
  });

  it('passes a PortalError through as its typed shape', async () => {
    router = createRouter({
      handlers: {
        ...handlers,
        'session.get': () => {
          throw new PortalError('THROTTLED', { retryAfter: 30 });
        },
      },
      trustedOrigins: [APP],
    });
    expect(await router('session.get', {}, fromApp)).toEqual({ ok: false, error: { code: 'THROTTLED', retryAfter: 30 } });
  });

  it('refuses a handler answer outside the contract instead of forwarding it', async () => {
    router = createRouter({
      handlers: { ...handlers, 'settings.get': () => ({ locale: 'de' }) as never },
      trustedOrigins: [APP],
      logError,
    });
    expect(await router('settings.get', {}, fromApp)).toEqual({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('reports the server being unreachable as OFFLINE', async () => {
    const result = await router('session.signIn', { email: 'martine.dupont@example.org', password: 'x' }, fromApp);
    expect(result).toEqual({ ok: false, error: { code: 'OFFLINE' } });
  });

  it('stores and returns settings through the contract', async () => {
    expect(await router('settings.get', {}, fromApp)).toEqual({ ok: true, value: { locale: 'fr', prefetchDocuments: true } });
    expect(await router('settings.update', { locale: 'en' }, fromApp)).toEqual({ ok: true, value: { locale: 'en', prefetchDocuments: true } });
    expect(await router('settings.get', {}, fromApp)).toEqual({ ok: true, value: { locale: 'en', prefetchDocuments: true } });
  });
});
