/**
 * What a screen-reader user meets on every screen, read from the accessibility tree Chromium
 * builds (Playwright's `ariaSnapshot()`: roles, names, levels, as assistive technologies get
 * them), in French and English: one h1 that names the page as the window title does; the
 * landmarks banner, main and contentinfo once each, the main menu's navigation once signed in,
 * the "Plan du site" link in the footer; every form control, button, link and image with a
 * name; every table with a name and header cells. Then the live regions: each form's "Envoi en cours…" status is in the page
 * before anything is sent (a region added with its text is not read), and a refused form's
 * summary is an alert, read at once.
 */
import { expect, test, type Page } from '@playwright/test';
import { signInDemo } from './own-stack';
import { GUEST_SCREENS, UI_LANGUAGES, openScreen, problemsOnScreens, signInAndListPrivateScreens, startScreensStack, useLanguage } from './screens';

let stack: Awaited<ReturnType<typeof startScreensStack>>;
test.beforeAll(async () => {
  stack = await startScreensStack();
});
test.afterAll(async () => stack?.close());
test.afterEach(async ({ page }) => {
  if (page.url().startsWith('http')) await useLanguage(page, UI_LANGUAGES[0]);
});

interface TreeNode {
  depth: number;
  role: string;
  name: string | null;
  attributes: string;
}

/** The accessibility tree as lines: `- role "name" [attributes]`, indented by depth. */
async function accessibilityTree(page: Page): Promise<TreeNode[]> {
  const snapshot = await page.locator('body').ariaSnapshot();
  const nodes: TreeNode[] = [];
  for (const line of snapshot.split('\n')) {
    const match = /^(\s*)- (.*)$/.exec(line);
    if (!match) continue;
    let item = match[2]!;
    // YAML quotes an item holding ": " in single quotes ('' stands for one ').
    const quoted = /^'((?:[^']|'')*)'(:?)$/.exec(item);
    if (quoted) item = quoted[1]!.replace(/''/g, "'") + quoted[2];
    const parsed = /^([a-z]+)(?: "((?:[^"\\]|\\.)*)")?(.*)$/.exec(item);
    if (!parsed) continue;
    nodes.push({ depth: match[1]!.length, role: parsed[1]!, name: parsed[2] ?? null, attributes: parsed[3] ?? '' });
  }
  return nodes;
}

/** The nodes inside nodes[index] (deeper, up to the next one as shallow); none for -1. */
function within(nodes: TreeNode[], index: number): TreeNode[] {
  if (index < 0) return [];
  const inside: TreeNode[] = [];
  for (let next = index + 1; next < nodes.length && nodes[next]!.depth > nodes[index]!.depth; next += 1) inside.push(nodes[next]!);
  return inside;
}

const NAMED_ROLES = new Set(['textbox', 'searchbox', 'combobox', 'listbox', 'checkbox', 'radio', 'spinbutton', 'slider', 'switch', 'button', 'link', 'img', 'dialog', 'alertdialog']);

/**
 * Pages whose h1 is the original portal's sentence rather than the page's name (the seed's
 * wording, kept): "Bienvenue dans votre espace locataire" (Accueil), "Je règle mon loyer" (Payer
 * en ligne). Their window titles name them.
 */
const SEED_HEADINGS = new Set(['accueil', 'payer']);

/** What the tree of one screen lacks, for a screen-reader user. */
async function treeProblems(page: Page, slug: string, signedIn: boolean): Promise<string[]> {
  const nodes = await accessibilityTree(page);
  const problems: string[] = [];
  const headings1 = nodes.filter((node) => node.role === 'heading' && /\[level=1\]/.test(node.attributes));
  if (headings1.length !== 1) problems.push(`${headings1.length} headings of level 1: ${headings1.map((node) => node.name).join(' | ')}`);
  const h1 = headings1[0]?.name ?? '';
  const title = await page.title();
  // The h1 and the window title name the same page: they share a word, or its first five letters
  // ("Accessibilité" / "Déclaration d'accessibilité", "Inscription" / "Inscrivez-vous !").
  const stems = (text: string) =>
    new Set(text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().split(/[^a-z0-9]+/).filter((word) => word.length >= 4).map((word) => word.slice(0, 5)));
  const titleStems = stems(title.split(' – ')[0]!);
  if (!h1) problems.push('the h1 has no name');
  else if (!SEED_HEADINGS.has(slug) && ![...stems(h1)].some((stem) => titleStems.has(stem))) problems.push(`the title "${title}" and the h1 "${h1}" name different pages`);

  const landmarks = ['banner', 'main', 'contentinfo'];
  for (const landmark of landmarks) {
    const count = nodes.filter((node) => node.role === landmark).length;
    if (count !== 1) problems.push(`${count} ${landmark} landmarks`);
  }
  if (signedIn && !nodes.some((node) => node.role === 'navigation' && /^(Menu principal|Main menu)$/.test(node.name ?? ''))) problems.push('no navigation "Menu principal"');
  // RGAA 12.4: the site map is reached the same way from every screen, a link in the footer.
  const footer = nodes.findIndex((node) => node.role === 'contentinfo');
  if (!within(nodes, footer).some((node) => node.role === 'link' && /^(Plan du site|Site map)$/.test(node.name ?? ''))) problems.push('no "Plan du site" link in the footer');

  for (const node of nodes) {
    if (NAMED_ROLES.has(node.role) && !node.name?.trim()) problems.push(`a ${node.role} without a name${node.attributes ? ` (${node.attributes.trim()})` : ''}`);
  }
  nodes.forEach((node, index) => {
    if (node.role !== 'table') return;
    if (!node.name?.trim()) problems.push('a table without a name (caption)');
    if (!within(nodes, index).some((cell) => cell.role === 'columnheader' || cell.role === 'rowheader')) problems.push(`the table "${node.name}" has no header cells`);
  });
  return problems;
}

/** Forms that send something: each needs its status region in the page before it is sent. */
async function formsWithoutStatus(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('main form')]
      .filter((form) => form.querySelector('button[type="submit"], button:not([type])'))
      .filter((form) => !form.querySelector('[role="status"], [role="alert"], [aria-live="polite"], [aria-live="assertive"]'))
      .map((form) => form.querySelector('button[type="submit"], button:not([type])')?.textContent?.trim() ?? form.id),
  );
}

async function checkScreens(page: Page, slugs: readonly string[], signedIn: boolean) {
  return problemsOnScreens(page, stack.baseUrl, slugs, async (slug) => [
    ...(await treeProblems(page, slug, signedIn)),
    ...(await formsWithoutStatus(page)).map((button) => `the form of "${button}" has no status region`),
  ]);
}

test('the tree check sees an unnamed field, a second h1, a table without header cells', async ({ page }) => {
  await openScreen(page, stack.baseUrl, 'accessibilite');
  expect(await treeProblems(page, 'accessibilite', false)).toEqual([]);
  await page.evaluate(() => {
    const main = document.querySelector('main')!;
    main.appendChild(document.createElement('input'));
    main.appendChild(document.createElement('h1')).textContent = 'Un second titre';
    const table = main.appendChild(document.createElement('table'));
    table.createCaption().textContent = 'Un tableau';
    table.insertRow().insertCell().textContent = 'une cellule';
  });
  const problems = await treeProblems(page, 'accessibilite', false);
  expect(problems).toContain('a textbox without a name');
  expect(problems.some((problem) => problem.startsWith('2 headings of level 1'))).toBe(true);
  expect(problems).toContain('the table "Un tableau" has no header cells');
});

// The tests run in this order (one worker); the signed-out ones come before any sign-in on the file's own stack.
test('signed out, every screen reads right: one h1 naming it, the landmarks, every control named, status regions (fr, en)', async ({ page }) => {
  expect(await checkScreens(page, GUEST_SCREENS, false)).toEqual({});
});

test('a refused sign-in is an alert, read at once, and says which fields; the busy status is in the page beforehand', async ({ page }) => {
  await openScreen(page, stack.baseUrl, 'connexion');
  const status = page.getByRole('main').getByRole('status');
  await expect(status).toHaveCount(1);
  await page.getByRole('button', { name: 'SE CONNECTER' }).click();
  const alert = page.getByRole('main').getByRole('alert');
  await expect(alert).toBeVisible();
  await expect(alert.getByRole('link', { name: /Adresse mail/ })).toBeVisible();
  await expect(alert.getByRole('link', { name: /Mot de passe/ })).toBeVisible();
  await expect(page.getByLabel('Adresse mail')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Adresse mail')).toHaveAccessibleDescription(/obligatoire/);
});

test('signed in, every screen reads right: one h1 naming it, the landmarks and the menu, every control named, tables with headers (fr, en)', async ({ page }) => {
  test.setTimeout(180_000);
  const screens = await signInAndListPrivateScreens(page, stack.baseUrl, stack.documentSha);
  expect(await checkScreens(page, screens, true)).toEqual({});
});

test('a refused change of password is an alert naming the field; the sync state and the sending status are live regions', async ({ page }) => {
  await signInDemo(page, stack.baseUrl);
  await openScreen(page, stack.baseUrl, 'modifier-mot-de-passe');
  await expect(page.getByRole('main').getByRole('status')).toHaveCount(1);
  await page.getByRole('button', { name: 'CHANGER MON MOT DE PASSE' }).click();
  const alert = page.getByRole('main').getByRole('alert');
  await expect(alert).toBeVisible();
  await expect(alert.getByRole('link', { name: /Mot de passe actuel/ })).toBeVisible();
  // The header's "À jour" / "envois en attente" is heard when it changes (the bell's count is the banner's other status).
  await expect(page.getByRole('banner').getByRole('status').filter({ hasText: /À jour|en attente/ })).toHaveCount(1);
});
