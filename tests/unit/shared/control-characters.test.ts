import { describe, expect, it } from 'vitest';
import { controlCharacterPath, hasControlCharacter } from '../../../src-shared/validation/control-characters';

describe('control characters in typed text', () => {
  it('refuses every C0 and C1 control but tab, line feed and carriage return', () => {
    for (let code = 0; code <= 0x9f; code += 1) {
      const allowed = code === 9 || code === 10 || code === 13 || (code >= 0x20 && code < 0x7f);
      expect(hasControlCharacter(`a${String.fromCharCode(code)}b`), `U+${code.toString(16)}`).toBe(!allowed);
    }
    expect(hasControlCharacter('Fuite sous l’évier, 2e étage — « urgent » 1 234,50 €')).toBe(false);
  });

  it('refuses half an emoji (a lone surrogate), keeps whole ones', () => {
    const smile = '😀';
    expect(hasControlCharacter(`Merci ${smile} !`)).toBe(false);
    expect(hasControlCharacter(`Merci ${smile[0]} !`)).toBe(true);
    expect(hasControlCharacter(`Merci ${smile[1]}`)).toBe(true);
    expect(hasControlCharacter(`${smile[1]}${smile[0]}`)).toBe(true);
  });

  it('names the field where it stands, nested in objects and arrays', () => {
    expect(controlCharacterPath({ description: 'ok', occupants: [{ lastName: 'DUPONT' }, { lastName: 'MAR\u0000TIN' }] })).toBe('occupants.1.lastName');
    expect(controlCharacterPath({ device: { id: 'x', name: 'PC\u001b[31m' } })).toBe('device.name');
    expect(controlCharacterPath({ ['clé\u0007']: 'x' })).toBe('clé\u0007');
    expect(controlCharacterPath({ body: 'Ligne 1\nLigne 2\tfin\r\n' })).toBeNull();
    expect(controlCharacterPath([1, true, null, { a: 2 }])).toBeNull();
    // An upload's bytes are not text (and are not walked byte by byte).
    expect(controlCharacterPath({ file: new Uint8Array([0, 1, 2, 27]) })).toBeNull();
  });

  it('refuses an input nested deeper than any of ours', () => {
    let deep: unknown = 'x';
    for (let level = 0; level < 40; level += 1) deep = { a: deep };
    expect(controlCharacterPath(deep)).not.toBeNull();
  });
});
