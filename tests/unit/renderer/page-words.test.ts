/**
 * The pages' words are not in the start bundle (issue 17): each area's `pages.<name>` blocks are
 * in `<area>/pages.fr.ts` and `pages.en.ts`, loaded with a page's chunk for the areas its route
 * lists (`words`). A `t('pages.x…')` in code that runs before (or beside) such a page would show a
 * raw key. So this test reads the renderer's sources: from main.ts, and from each route's page,
 * it follows the imports (static ones, and dynamic ones but to a page or to words, which load their
 * own words) and fails when a file reached uses a block its root has not loaded: none for what
 * the start reaches (the shell, the banner, the bell, the kiosk, dialogs, lazy helpers), the
 * route's `words` for a page. It also checks the blocks themselves: French and English with the
 * same keys, each block in one area only, every route's own block in its words.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../../src-renderer/i18n/en';
import { fr } from '../../../src-renderer/i18n/fr';
import { EVERY_WORDS_AREA, pageWords, type WordsArea } from '../../../src-renderer/i18n/page-words';

const renderer = resolve(import.meta.dirname, '../../../src-renderer');
const name = (file: string) => relative(renderer, file);

/**
 * The files that build a page block's name at run time, and which blocks that can be: each is
 * checked against its root's words like a literal key.
 */
const BUILT_KEYS: Record<string, 'shown page' | 'every area' | readonly string[]> = {
  // document.title: `pages.<page>.title` of the page shown, asked only once its words are there.
  'App.svelte': 'shown page',
  // The "Plan du site" names every page by its title.
  'accessibility/SiteMapPage.svelte': 'every area',
  // The two recovery pages share their form: `pages.<page>.heading`.
  'account/RecoveryForm.svelte': ['recoverIdentifier', 'resetPassword'],
};

function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null; // a package: no i18n keys of ours
  const base = resolve(dirname(from), specifier.replace(/\?.*$/, ''));
  if (/\.(css|svg|png|json)$/.test(base) && existsSync(base)) return null; // not code
  for (const candidate of [base, `${base}.ts`, `${base}.svelte.ts`, join(base, 'index.ts'), base.replace(/\.js$/, '.ts')]) {
    if (/\.(ts|svelte)$/.test(candidate) && existsSync(candidate)) return candidate;
  }
  throw new Error(`${name(from)}: cannot resolve ${specifier}`);
}

interface Source {
  staticImports: string[];
  dynamicImports: string[];
  /** The page blocks its text names ('home' for 'pages.home.title'). */
  blocks: Set<string>;
  /** Whether it builds a block's name at run time (`pages.${…}` or 'pages.' + …). */
  buildsKeys: boolean;
}

const sources = new Map<string, Source>();
function read(file: string): Source {
  const known = sources.get(file);
  if (known) return known;
  const text = readFileSync(file, 'utf8');
  const specifiers = (pattern: RegExp) => [...text.matchAll(pattern)].map((match) => resolveImport(file, match[1]!)).filter((found) => found !== null);
  // Type-only imports cost nothing at run time; `import x from`, `import { a, type B } from`,
  // `import './x.css'` and `export … from` are followed.
  const source: Source = {
    staticImports: specifiers(/^\s*(?:import(?!\s+type\s)[^'"]*?from\s*|import\s*|export\s+(?!type\s)[^'"]*?from\s*)['"]([^'"]+)['"]/gm),
    dynamicImports: specifiers(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
    blocks: new Set([...text.matchAll(/['"`]pages\.(\w+)\./g)].map((match) => match[1]!)),
    buildsKeys: /['"`]pages\.(?:\$\{|['"`])/.test(text),
  };
  sources.set(file, source);
  return source;
}

/** Every area's blocks, by area, in both languages. */
const areaBlocks = {} as Record<WordsArea, { fr: Record<string, object>; en: Record<string, object> }>;
for (const area of EVERY_WORDS_AREA) areaBlocks[area] = { fr: (await pageWords[area].fr()).pages, en: (await pageWords[area].en()).pages };
const blocksOf = (areas: readonly WordsArea[]) => new Set(areas.flatMap((area) => Object.keys(areaBlocks[area].fr)));

interface ParsedRoute {
  slug: string;
  page: string;
  words: readonly WordsArea[];
  component: string;
}

/** Every route of every area's routes.ts (one route a line, as they are written). */
const routes: ParsedRoute[] = readdirSync(renderer, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(renderer, entry.name, 'routes.ts')))
  .flatMap((entry) => {
    const file = join(renderer, entry.name, 'routes.ts');
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => /^\s*\{\s*slug:/.test(line))
      .map((line) => {
        const match = /slug: '([^']+)', page: '(\w+)'.*words: (\[[^\]]*\]|EVERY_WORDS_AREA), load: \(\) => import\('([^']+)'\)/.exec(line);
        if (!match) throw new Error(`${name(file)}: a route this test cannot read: ${line.trim()}`);
        const words = match[3] === 'EVERY_WORDS_AREA' ? EVERY_WORDS_AREA : ([...match[3]!.matchAll(/'(\w+)'/g)].map((area) => area[1]) as WordsArea[]);
        return { slug: match[1]!, page: match[2]!, words, component: resolveImport(file, match[4]!)! };
      });
  });

const pageComponents = new Set(routes.map((route) => route.component));
const wordsModules = new Set(EVERY_WORDS_AREA.flatMap((area) => ['fr', 'en'].map((locale) => join(renderer, area, `pages.${locale}.ts`))));
/** The words themselves and the layer that looks them up (its `'pages.'` is the lookup, not a use). */
const notUses = new Set([...['fr', 'en'].map((locale) => join(renderer, 'i18n', `${locale}.ts`)), join(renderer, 'i18n', 'index.svelte.ts')]);

/**
 * The files a root reaches and the page blocks they use that `loaded` lacks, as "file: block".
 * A dynamic import of a page or of words is not followed: those load their own words.
 */
function unloadedBlocks(root: string, loaded: Set<string>, shownPage: string | null, reached = new Set<string>()): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || wordsModules.has(file)) return;
    seen.add(file);
    reached.add(name(file));
    const source = read(file);
    if (notUses.has(file)) {
      source.staticImports.forEach(visit);
      return;
    }
    const used = new Set(source.blocks);
    if (source.buildsKeys) {
      const built = BUILT_KEYS[name(file)];
      if (built === undefined) problems.push(`${name(file)}: builds a pages.* key at run time (say which blocks in BUILT_KEYS)`);
      else if (built === 'every area') blocksOf(EVERY_WORDS_AREA).forEach((block) => used.add(block));
      else if (built === 'shown page') {
        if (shownPage) used.add(shownPage);
      } else built.forEach((block) => used.add(block));
    }
    for (const block of used) if (!loaded.has(block)) problems.push(`${name(file)}: pages.${block}`);
    source.staticImports.forEach(visit);
    source.dynamicImports.filter((target) => !pageComponents.has(target)).forEach(visit);
  };
  visit(root);
  return problems;
}

describe("the pages' words are there before the text that uses them", () => {
  it('reads every route and every area with words', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(new Set(routes.flatMap((route) => route.words))).toEqual(new Set(EVERY_WORDS_AREA));
  });

  it('what the start reaches (shell, banner, bell, kiosk, dialogs, lazy helpers) uses no page block', () => {
    // App names the page shown by its title once its words are loaded: no block at the start.
    const reached = new Set<string>();
    expect(unloadedBlocks(join(renderer, 'main.ts'), new Set(), null, reached)).toEqual([]);
    for (const file of ['App.svelte', 'components/UserMenu.svelte', 'components/UpdateBanner.svelte', 'components/SignOutDialog.svelte', 'notifications/NotificationBell.svelte', 'kiosk/KioskLayer.svelte', 'kiosk/KioskCaretaker.svelte', 'lib/form.svelte.ts']) {
      expect(reached, file).toContain(file);
    }
    // …and not the pages, which come with their words.
    expect(reached).not.toContain('home/HomePage.svelte');
  });

  it.each(routes.map((route) => [route.slug, route] as const))("#/%s: its page and what it imports use only its route's words", (_slug, route) => {
    const loaded = blocksOf(route.words);
    expect(loaded.has(route.page), `pages.${route.page} in ${route.words.join(', ')}`).toBe(true);
    expect(unloadedBlocks(route.component, loaded, route.page)).toEqual([]);
    // The shell's title for the shown page (App.svelte) is asked with the same words.
    expect(unloadedBlocks(join(renderer, 'App.svelte'), loaded, route.page)).toEqual([]);
  });

  it('catches a page block used where it is not loaded (this test can fail)', () => {
    const probe = join(renderer, 'components', 'UserMenu.svelte');
    const source = read(probe);
    source.blocks.add('home');
    try {
      expect(unloadedBlocks(join(renderer, 'main.ts'), new Set(), null)).toContain('components/UserMenu.svelte: pages.home');
    } finally {
      source.blocks.delete('home');
    }
  });
});

/** Every key path under `node` ('heading', 'activity.payment.done', …), sorted. */
function keyPaths(node: object, prefix = ''): string[] {
  return Object.entries(node)
    .flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : keyPaths(value as object, `${prefix}${key}.`)))
    .sort();
}

describe('the dictionaries, split', () => {
  it('the start dictionaries hold no page block and have the same keys in French and English', () => {
    expect('pages' in fr).toBe(false);
    expect('pages' in en).toBe(false);
    expect(keyPaths(en)).toEqual(keyPaths(fr));
  });

  it.each(EVERY_WORDS_AREA)("%s: the area's blocks have the same keys in French and English, and no sentence is empty", (area) => {
    const { fr: french, en: english } = areaBlocks[area];
    expect(keyPaths(english)).toEqual(keyPaths(french));
    for (const words of [french, english]) {
      const empty = keyPaths(words).filter((path) => path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], words) === '');
      expect(empty).toEqual([]);
    }
  });

  it('each block is in one area only (a block found twice would hide one of them)', () => {
    const all = EVERY_WORDS_AREA.flatMap((area) => Object.keys(areaBlocks[area].fr));
    expect(all.length).toBe(new Set(all).size);
  });
});
