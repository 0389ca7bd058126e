/**
 * Every screen of the app, for the specs that walk them all (zoom.spec.ts, screen-reader.spec.ts):
 * the fixed addresses of the "Plan du site" (src-renderer/accessibility/site-map.ts, which the type
 * checker keeps complete), plus the demo request and a published quittance, reached from their
 * lists. On a stack of the spec's own (own-stack.ts), where a quittance of this month is published
 * so that Mes documents and the viewer have something to show.
 */
import { expect, type Page } from '@playwright/test';
import { SITE_MAP } from '../../src-renderer/accessibility/site-map';
import { renderQuittance } from '../../server/src/documents';
import { TEST_TODAY } from '../helpers/clock';
import { publishDocument } from '../helpers/server-documents';
import { QUITTANCE } from '../integration/documents/fixtures';
import { signInDemo, startOwnPreview, startOwnServer } from './own-stack';

/** A Portal API server with one quittance of this month published, and a preview on it. */
export async function startScreensStack() {
  const server = await startOwnServer();
  const period = TEST_TODAY.slice(0, 7);
  const quittance = await publishDocument(server.handle, {
    dossierNumber: '0123456789',
    kind: 'quittance',
    period,
    bytes: Buffer.from(await renderQuittance({ ...QUITTANCE, period })),
    now: server.clock(),
  });
  const stack = await startOwnPreview(server);
  return { ...stack, documentSha: quittance.sha256 };
}

interface SiteMapNode {
  slug: string;
  children?: readonly SiteMapNode[];
}

const slugsOf = (entries: readonly SiteMapNode[]): string[] => entries.flatMap((entry) => [entry.slug, ...slugsOf(entry.children ?? [])]);

/** Screens for a signed-out visitor (a signed-in tenant is sent home from them). */
export const GUEST_SCREENS = [...slugsOf(SITE_MAP.guest), ...slugsOf(SITE_MAP.any)];
/** Screens of a signed-in tenant with a fixed address. */
export const PRIVATE_SCREENS = [...slugsOf(SITE_MAP.private), ...slugsOf(SITE_MAP.account), ...slugsOf(SITE_MAP.any)];

export const UI_LANGUAGES = [
  { code: 'fr', button: 'Français' },
  { code: 'en', button: 'English' },
] as const;

/** Opens a screen by its address and waits until its page and its sections have loaded. */
export async function openScreen(page: Page, baseUrl: string, slug: string) {
  await page.goto(`${baseUrl}#/${slug}`);
  await expect(page.locator('#page-title')).toBeVisible();
  await expect(page.locator('.section-loading')).toHaveCount(0);
  // A page's words load with its chunk (issue 17): never a raw key, in the page or its title.
  const rawKey = /\bpages\.[a-zA-Z]+\.\w/;
  expect(await page.locator('body').innerText(), `#/${slug}`).not.toMatch(rawKey);
  expect(await page.title(), `#/${slug}`).not.toMatch(rawKey);
}

/**
 * Opens each screen in French, then in English, and runs `check` on it; returns what it found,
 * by language and screen ("en #/accueil"). The app is left in English: callers put it back.
 */
export async function problemsOnScreens(
  page: Page,
  baseUrl: string,
  slugs: readonly string[],
  check: (slug: string, language: (typeof UI_LANGUAGES)[number]) => Promise<string[]>,
): Promise<Record<string, string[]>> {
  const problems: Record<string, string[]> = {};
  for (const language of UI_LANGUAGES) {
    await openScreen(page, baseUrl, slugs[0]!);
    await useLanguage(page, language);
    for (const slug of slugs) {
      await openScreen(page, baseUrl, slug);
      const found = await check(slug, language);
      if (found.length > 0) problems[`${language.code} #/${slug}`] = found;
    }
  }
  return problems;
}

/** Puts the app in a language (a saved setting: callers put it back in French). */
export async function useLanguage(page: Page, language: (typeof UI_LANGUAGES)[number]) {
  const button = page.getByRole('button', { name: language.button });
  if (await button.isVisible()) await button.click();
  await expect(page.locator('html')).toHaveAttribute('lang', language.code);
}

/**
 * Signs the demo tenant in and returns every private screen's address: the fixed ones, the demo
 * request's detail (found in Mes demandes) and the viewer of the published quittance.
 */
export async function signInAndListPrivateScreens(page: Page, baseUrl: string, documentSha: string): Promise<string[]> {
  await signInDemo(page, baseUrl);
  await openScreen(page, baseUrl, 'mes-demandes');
  const request = (await page.locator('main a[href^="#/demande/"]').first().getAttribute('href')) ?? '';
  expect(request, 'the demo request is listed in Mes demandes').toMatch(/^#\/demande\//);
  return [...PRIVATE_SCREENS, request.slice(2), `document/${documentSha}`];
}
