/**
 * How the renderer words what the Portal API sent (src-renderer/i18n/server-words.ts, used by
 * fieldMessage, wordProblem and errorMessage): the tenant's language when the build knows the key,
 * else the server's French sentence (marked French), else a generic sentence; never a raw key,
 * never an empty message (RGAA 8.7, issue 15). Checked against the real dictionaries.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_DETAIL_KEYS } from '../../../src-shared/errors';
import { en } from '../../../src-renderer/i18n/en';
import { fr } from '../../../src-renderer/i18n/fr';
import { around, wordFromServer } from '../../../src-renderer/i18n/server-words';

function lookUp(dictionary: object, key: string): string | undefined {
  const found = key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), dictionary);
  return typeof found === 'string' ? found : undefined;
}

const english = (key: string) => lookUp(en, key);
const generic = () => lookUp(en, 'fields.invalid')!;

describe('wordFromServer', () => {
  it('a key the build knows: the tenant’s language, not the server’s French', () => {
    expect(wordFromServer('fields.emailTaken', 'Adresse mail déjà utilisée', english, generic)).toEqual({ text: lookUp(en, 'fields.emailTaken'), french: false });
    for (const key of ERROR_DETAIL_KEYS) expect(wordFromServer(key, 'Phrase du serveur.', english, generic)).toEqual({ text: lookUp(en, key), french: false });
  });

  it('a key the build does not know: the server’s French sentence, said to be French', () => {
    expect(wordFromServer('fields.somethingNew', 'Ce numéro de bail est inconnu.', english, generic)).toEqual({ text: 'Ce numéro de bail est inconnu.', french: true });
    expect(wordFromServer('errorDetails.quota.somethingNew', 'Vous avez fait 3 choses aujourd’hui.', english, generic)).toEqual({ text: 'Vous avez fait 3 choses aujourd’hui.', french: true });
  });

  it('an older server’s sentence instead of a key is shown as it is, French', () => {
    expect(wordFromServer('Adresse mail déjà utilisée', undefined, english, generic)).toEqual({ text: 'Adresse mail déjà utilisée', french: true });
  });

  it('no words and no sentence: the generic sentence, never the key', () => {
    expect(wordFromServer('fields.somethingNew', undefined, english, generic)).toEqual({ text: generic(), french: false });
    expect(wordFromServer('fields.somethingNew', '   ', english, generic)).toEqual({ text: generic(), french: false });
    expect(wordFromServer('', '', english, generic)).toEqual({ text: generic(), french: false });
  });

  it('whatever the server sends, the text is never empty and never a raw key', () => {
    const keyish = fc.stringMatching(/^[a-zA-Z]+(\.[a-zA-Z]+){0,3}$/);
    fc.assert(
      fc.property(fc.oneof(keyish, fc.string(), fc.constant(undefined)), fc.oneof(fc.string().map((s) => `Phrase : ${s}`), fc.constantFrom('', '  ', undefined)), (key, fallback) => {
        const { text } = wordFromServer(key, fallback, english, generic);
        expect(text.trim()).not.toBe('');
        if (key !== undefined && /^[\w.]+$/.test(key) && english(key) === undefined) expect(text).not.toBe(key);
      }),
    );
  });
});

describe('around', () => {
  it('cuts the summary line around its message, in both languages', () => {
    expect(around((message) => (lookUp(fr, 'form.summaryFieldError') ?? '').replace('{label}', 'Description').replace('{message}', message))).toEqual(['Description : ', '']);
    expect(around((message) => (lookUp(en, 'form.summaryFieldError') ?? '').replace('{label}', 'Description').replace('{message}', message))).toEqual(['Description: ', '']);
  });
});
