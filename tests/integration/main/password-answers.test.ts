/**
 * What the server says about a password reaches the renderer as it said it (issue 13): the tries
 * left before a pause on a refused sign-in, and the reason a new password is refused, on the field
 * the page shows it next to: the server's i18n key, worded in the tenant's language (issue 15).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT } from '../../../server/src/demo/demo-data';
import { signedInDemoCore } from '../../helpers/core';
import { startPortalServer, type RestartableServer } from '../../helpers/portal-server';

describe('password answers through main', () => {
  let server: RestartableServer;
  let desktop: Awaited<ReturnType<typeof signedInDemoCore>>;
  beforeAll(async () => {
    server = await startPortalServer();
    desktop = await signedInDemoCore(server, DEMO_ACCOUNT);
  });
  afterAll(async () => {
    desktop.close();
    await server.close();
  });

  const refusal = (promise: Promise<unknown>) => promise.then(() => ({ code: 'none' }), (error: { shape: unknown }) => error.shape);

  it('a refused new password comes with the server\'s reason on its field', async () => {
    const change = (newPassword: string) =>
      refusal(desktop.call('account.changePassword', { currentPassword: DEMO_ACCOUNT.password, newPassword, newPasswordConfirmation: newPassword }));
    // The key, and the server's French sentence for a build that would not know it (RGAA 8.7).
    expect(await change('Azerty123456!')).toEqual({ code: 'VALIDATION', fields: [{ path: 'newPassword', message: 'fields.password.common', fallback: expect.stringContaining('trop courant') }] });
    expect(await change(DEMO_ACCOUNT.password)).toEqual({ code: 'VALIDATION', fields: [{ path: 'newPassword', message: 'fields.password.same', fallback: expect.any(String) }] });
  });

  it('a refused sign-in says how many tries are left', async () => {
    await desktop.call('session.signOut', {});
    expect(await refusal(desktop.call('session.signIn', { email: DEMO_ACCOUNT.email, password: 'Mauvais-Secret-1' }))).toEqual({ code: 'INVALID_CREDENTIALS', attemptsLeft: 4 });
  });
});
