import { describe, expect, it } from 'vitest';
import { PortalError } from '../../../src-shared/errors';
import { createKioskService } from '../../../src-main/kiosk/service';
import { createMemoryKioskSettingsStore, type KioskSettingsStore } from '../../../src-main/kiosk/settings';

const FAST = { N: 2 ** 10, r: 8, p: 1 };

function harness(store: KioskSettingsStore = createMemoryKioskSettingsStore({ enabled: true }), clock = { now: 1_000_000 }) {
  const ended: string[] = [];
  const warnings: number[] = [];
  let exited = 0;
  const service = createKioskService({
    store,
    enabled: true,
    endSession: async () => void ended.push('ended'),
    emitIdleWarning: ({ secondsLeft }) => warnings.push(secondsLeft),
    exit: () => (exited += 1),
    timers: { now: () => clock.now, setTimeout: () => 0, clearTimeout: () => undefined },
    pinHashParams: FAST,
  });
  return { service, store, clock, ended, warnings, exited: () => exited };
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return error instanceof PortalError ? `${error.code}${error.retryAfter !== undefined ? `:${error.retryAfter}` : ''}` : String(error);
  }
}

const SETUP = { pin: '246810', pinConfirmation: '246810', idleTimeoutSeconds: 120, warningSeconds: 30, printerName: null };

describe('kiosk service: first run, caretaker unlock, throttling', () => {
  it('first run sets the PIN once; the status says configured; the file holds a hash, not the PIN', async () => {
    const { service, store } = harness();
    expect(service.status()).toMatchObject({ enabled: true, configured: false, lockedForSeconds: 0 });
    expect(await service.setup({ ...SETUP, printerName: 'Loge HP' })).toMatchObject({ configured: true, printerName: 'Loge HP' });
    expect(JSON.stringify(store.read())).not.toContain('246810');
    // A second "first run" (a tenant finding the screen) cannot replace the caretaker's PIN.
    expect(await code(service.setup({ ...SETUP, pin: '111111', pinConfirmation: '111111' }))).toBe('FORBIDDEN');
  });

  it('the right PIN gives a caretaker token for the settings and the exit; a wrong or old token is refused', async () => {
    const { service, clock, ended, exited, store } = harness();
    await service.setup(SETUP);
    expect(await code(service.unlock({ pin: '999999' }))).toBe('INVALID_CREDENTIALS');
    const { token } = await service.unlock({ pin: '246810' });
    expect(await code(service.updateSettings({ token: 'x'.repeat(43), idleTimeoutSeconds: 300, warningSeconds: 45, printerName: null }))).toBe('UNAUTHENTICATED');
    expect(await service.updateSettings({ token, idleTimeoutSeconds: 300, warningSeconds: 45, printerName: 'Accueil', newPin: '13572468', newPinConfirmation: '13572468' })).toMatchObject({ idleTimeoutSeconds: 300, warningSeconds: 45, printerName: 'Accueil' });
    expect(await code(service.unlock({ pin: '246810' }))).toBe('INVALID_CREDENTIALS');
    const second = await service.unlock({ pin: '13572468' });
    clock.now += 11 * 60_000;
    expect(await code(service.exit({ token: second.token }))).toBe('UNAUTHENTICATED');
    const third = await service.unlock({ pin: '13572468' });
    expect(await service.exit({ token: third.token })).toEqual({ result: 'restarting' });
    expect(ended).toEqual(['ended']);
    expect(exited()).toBe(1);
    expect((store.read() as { enabled: boolean }).enabled).toBe(false);
  });

  it('after 5 wrong PINs: locked 30 s (even for the right PIN), then 1 min, persisted across a restart', async () => {
    const store = createMemoryKioskSettingsStore({ enabled: true });
    const clock = { now: 5_000_000 };
    const first = harness(store, clock);
    await first.service.setup(SETUP);
    const answers: string[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) answers.push(await code(first.service.unlock({ pin: '000000' })));
    expect(answers).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'THROTTLED:30']);
    expect(await code(first.service.unlock({ pin: '246810' }))).toBe('THROTTLED:30');
    expect(first.service.status().lockedForSeconds).toBe(30);

    // The app restarts (a tenant pulls the plug): the lockout is still there.
    clock.now += 10_000;
    const restarted = harness(store, clock);
    expect(restarted.service.status().lockedForSeconds).toBe(20);
    expect(await code(restarted.service.unlock({ pin: '246810' }))).toBe('THROTTLED:20');
    clock.now += 20_000;
    expect(await code(restarted.service.unlock({ pin: '000000' }))).toBe('THROTTLED:60');
    clock.now += 60_000;
    // The right PIN, once the lockout is over, opens and resets the count.
    expect(await code(restarted.service.unlock({ pin: '246810' }))).toBe('ok');
    expect((store.read() as { lockout: unknown }).lockout).toEqual({ failures: 0, lockedUntil: null });
  });

  it('parallel guesses are checked one at a time, so they cannot slip past the lockout', async () => {
    const { service } = harness();
    await service.setup(SETUP);
    const answers = await Promise.all(Array.from({ length: 8 }, () => code(service.unlock({ pin: '000000' }))));
    expect(answers.filter((answer) => answer === 'INVALID_CREDENTIALS')).toHaveLength(4);
    expect(answers.slice(4).every((answer) => answer.startsWith('THROTTLED'))).toBe(true);
  });

  it('outside kiosk mode the caretaker procedures are refused and printing is unavailable', async () => {
    const service = createKioskService({
      store: createMemoryKioskSettingsStore(),
      enabled: false,
      endSession: async () => undefined,
      emitIdleWarning: () => undefined,
      print: async () => 'printed',
    });
    expect(service.status().enabled).toBe(false);
    expect(await code(service.setup(SETUP))).toBe('FORBIDDEN');
    expect(await code(service.unlock({ pin: '246810' }))).toBe('FORBIDDEN');
    expect(await service.print()).toEqual({ result: 'unavailable' });
  });
});

describe('kiosk service outside kiosk mode', () => {
  it('a home session has no inactivity timer: nothing counts down and nothing ends it', async () => {
    const ended: string[] = [];
    const armed: number[] = [];
    const service = createKioskService({
      store: createMemoryKioskSettingsStore(),
      enabled: false,
      endSession: async () => void ended.push('ended'),
      emitIdleWarning: () => undefined,
      timers: { now: () => 0, setTimeout: (_callback, ms) => armed.push(ms), clearTimeout: () => undefined },
      pinHashParams: FAST,
    });
    service.sessionOpened();
    service.activity();
    expect(service.idlePhase()).toBe('stopped');
    expect(armed).toEqual([]);
    expect(ended).toEqual([]);
  });
});
