import { describe, expect, it } from 'vitest';
import { afterRightPin, afterWrongPin, FREE_PIN_ATTEMPTS, lockedForMs } from '../../../src-main/kiosk/lockout';
import { hashPin, PIN_HASH_PARAMS, verifyPin } from '../../../src-main/kiosk/pin';
import { NO_LOCKOUT } from '../../../src-main/kiosk/settings';

const FAST = { N: 2 ** 10, r: 8, p: 1 };

describe('caretaker PIN hashing', () => {
  it('uses scrypt with strong parameters by default, a random salt, and verifies', async () => {
    expect(PIN_HASH_PARAMS.N).toBeGreaterThanOrEqual(2 ** 17);
    const started = Date.now();
    const stored = await hashPin('482913');
    expect(Date.now() - started).toBeGreaterThan(20); // slow on purpose
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain('482913');
    expect(await verifyPin('482913', stored)).toBe(true);
    expect(await verifyPin('482914', stored)).toBe(false);
    expect(await hashPin('482913')).not.toBe(stored);
  });

  it('refuses PINs that are not 6 to 12 digits, and stored values that are not our hashes', async () => {
    await expect(hashPin('12345', FAST)).rejects.toThrow();
    await expect(hashPin('12ab56', FAST)).rejects.toThrow();
    const stored = await hashPin('123456', FAST);
    expect(await verifyPin('123456', stored)).toBe(true);
    expect(await verifyPin('123456 ', stored)).toBe(false);
    expect(await verifyPin('123456', 'plain:123456')).toBe(false);
    expect(await verifyPin('123456', stored.replace(/\$[^$]+$/, '$AAAA'))).toBe(false);
    // Absurd parameters in a tampered file are refused, not run.
    expect(await verifyPin('123456', stored.replace('scrypt$1024$', 'scrypt$1073741824$'))).toBe(false);
  });
});

describe('wrong-PIN lockout', () => {
  it('allows 5 attempts, then locks 30 s, 1 min, 5 min, 15 min, 1 h, and a right PIN resets it', () => {
    let state = NO_LOCKOUT;
    const now = 1_000_000;
    for (let attempt = 1; attempt < FREE_PIN_ATTEMPTS; attempt += 1) {
      state = afterWrongPin(state, now);
      expect(lockedForMs(state, now)).toBe(0);
    }
    const waits: number[] = [];
    let at = now;
    for (let lockout = 0; lockout < 7; lockout += 1) {
      state = afterWrongPin(state, at);
      const wait = lockedForMs(state, at);
      waits.push(wait);
      at += wait;
      expect(lockedForMs(state, at)).toBe(0);
    }
    expect(waits).toEqual([30_000, 60_000, 300_000, 900_000, 3_600_000, 3_600_000, 3_600_000]);
    expect(afterRightPin()).toEqual(NO_LOCKOUT);
  });

  it('a clock set back never makes a lockout longer than the longest step', () => {
    const state = { failures: 9, lockedUntil: 10_000_000_000 };
    expect(lockedForMs(state, 0)).toBe(3_600_000);
  });
});
