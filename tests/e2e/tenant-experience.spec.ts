/**
 * Issue 15, part B, in Chromium through the browser preview, by visible labels in French and
 * English: Mes documents (one year at a time, "Télécharger" saves a file, "Garder hors connexion",
 * names that tell two reçus of one month apart, the focus after an action), the viewer's text
 * layer, the balance chart (axes, values on focus and hover, contrast).
 *
 * Its own stack (a real Portal API server and a preview host, both on free ports), so it can
 * publish documents without touching the shared e2e server the other spec files use.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { periodPaidCents, renderQuittance, renderRecu, type PeriodSettlementInput } from '../../server/src/documents';
import { QUITTANCE, RECU } from '../integration/documents/fixtures';
import type { RestartableServer } from '../helpers/portal-server';
import type { MailMessage } from '../../server/src/mail/mailer';
import { publishDocument } from '../helpers/server-documents';
import { TEST_TODAY } from '../helpers/clock';
import { expectNoSeriousA11yViolations } from './a11y';
import { backToFrench } from './session';
import { DEMO, signInDemo, startOwnPreview, startOwnServer } from './own-stack';

const THIS_YEAR = TEST_TODAY.slice(0, 4);
const LAST_YEAR = String(Number(THIS_YEAR) - 1);
const OLD_YEAR = String(Number(THIS_YEAR) - 3);
/** Two reçus of one month (two partial payments), issued on different days. */
const RECU_MONTH = `${OLD_YEAR}-12`;

let server: RestartableServer;
let stack: Awaited<ReturnType<typeof startOwnPreview>>;
let baseUrl: string;
let quittanceSha = '';
const mail: MailMessage[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  server = await startOwnServer({ mail });
  const publish = async (kind: 'quittance' | 'recu', input: PeriodSettlementInput, now: Date, withAmount = true) =>
    publishDocument(server.handle, {
      dossierNumber: '0123456789',
      kind,
      period: input.period,
      bytes: Buffer.from(kind === 'quittance' ? await renderQuittance(input) : await renderRecu(input)),
      now,
      // As the server states it (server/src/documents/index.ts); none for a PDF imported without it.
      ...(withAmount ? { amountCents: periodPaidCents(input) } : {}),
    });
  // A recent quittance (kept on this PC without asking), one of last year (imported without its
  // amount), and the two reçus: 510,00 € (allowance and debit) then 410,00 € (allowance and card).
  const recent = await publish('quittance', { ...QUITTANCE, period: `${THIS_YEAR}-02` }, server.clock());
  quittanceSha = recent.sha256;
  await publish('quittance', { ...QUITTANCE, period: `${LAST_YEAR}-01` }, server.clock(), false);
  await publish('recu', { ...RECU, period: RECU_MONTH }, new Date(`${OLD_YEAR}-12-05T10:00:00Z`));
  await publish('recu', { ...RECU, period: RECU_MONTH, payments: [{ date: `${OLD_YEAR}-12-20`, amountCents: 20_000, channel: 'carte' }] }, new Date(`${OLD_YEAR}-12-21T10:00:00Z`));
  stack = await startOwnPreview(server);
  baseUrl = stack.baseUrl;
});

test.afterAll(async () => stack?.close());

const signIn = (page: Page) => signInDemo(page, baseUrl);

async function go(page: Page, hash: string) {
  await page.goto(`${baseUrl}#/${hash}`);
  await expect(page.locator('#page-title')).toBeVisible();
}

test('Mes documents: one year at a time, newest first; two reçus of one month are told apart by their date and amount', async ({ page }) => {
  await signIn(page);
  await go(page, 'mes-documents');
  const picker = page.getByLabel('Afficher l’année');
  await expect(picker).toHaveValue(THIS_YEAR);
  await expect(picker.locator('option')).toHaveText([THIS_YEAR, LAST_YEAR, OLD_YEAR]);
  const quittances = page.getByRole('table', { name: /Mes quittances et reçus, dossier n° 0123456789/ });
  // Only this year's rows: nothing of last year’s January.
  await expect(quittances.getByRole('row', { name: /Février/ })).toContainText(THIS_YEAR);
  await expect(quittances.getByRole('row', { name: /Janvier/ })).toHaveCount(0);

  await picker.selectOption(OLD_YEAR);
  const opens = quittances.getByRole('link', { name: /^Ouvrir : Reçu de décembre/ });
  await expect(opens).toHaveCount(2);
  // Their accessible names differ (RGAA 6.1), the newest first; the amount is also a column.
  await expect(opens.nth(0)).toHaveAccessibleName(`Ouvrir : Reçu de décembre ${OLD_YEAR}, émis le 21/12/${OLD_YEAR}, 410,00\u00a0€`);
  await expect(opens.nth(1)).toHaveAccessibleName(`Ouvrir : Reçu de décembre ${OLD_YEAR}, émis le 05/12/${OLD_YEAR}, 510,00\u00a0€`);
  await expect(quittances.getByRole('columnheader', { name: 'Montant' })).toBeVisible();
  await expect(quittances.getByRole('row').nth(1).getByRole('cell').nth(1)).toHaveText('410,00\u00a0€');
  await expect(quittances.getByRole('row').nth(2).getByRole('button', { name: /^Télécharger : Reçu de décembre/ })).toHaveAccessibleName(/émis le 05\/12\/\d{4}, 510,00\u00a0€$/);
  // A document imported without its amount says so in the column; its name keeps the date alone.
  await picker.selectOption(LAST_YEAR);
  const january = quittances.getByRole('row', { name: /Janvier/ });
  await expect(january.getByRole('cell', { name: 'Non indiqué' })).toBeVisible();
  await expect(january.getByRole('link', { name: /^Ouvrir/ })).toHaveAccessibleName(new RegExp(`^Ouvrir : Quittance de janvier ${LAST_YEAR}, émis le \\d\\d/\\d\\d/\\d{4}$`));
  await expectNoSeriousA11yViolations(page, 'mes-documents, old year');
});

test('“Télécharger” saves the file (a download in the preview), recent documents too; focus stays on the button', async ({ page }) => {
  await signIn(page);
  await go(page, 'mes-documents');
  const row = page.getByRole('table', { name: /Mes quittances et reçus/ }).getByRole('row', { name: /Février/ });
  // Kept on this PC already (the last 12 months): still "Télécharger", never "Garder hors connexion".
  await expect(row.getByText('Disponible hors connexion')).toBeVisible();
  await expect(row.getByRole('button', { name: /^Garder hors connexion/ })).toHaveCount(0);
  const button = row.getByRole('button', { name: new RegExp(`^Télécharger : Quittance de février ${THIS_YEAR}, émis le`) });
  const downloading = page.waitForEvent('download');
  await button.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const saved = readFileSync((await download.path())!);
  expect(saved.subarray(0, 5).toString()).toBe('%PDF-');
  await expect(page.getByRole('status').filter({ hasText: `Quittance de février ${THIS_YEAR} : téléchargement lancé.` })).toHaveCount(1);
  await expect(button).toBeFocused();
});

test('“Garder hors connexion” keeps an old document on this PC; focus moves to its “Disponible hors connexion” mark, not the body', async ({ page }) => {
  await signIn(page);
  await go(page, 'mes-documents');
  await page.getByLabel('Afficher l’année').selectOption(LAST_YEAR);
  const row = page.getByRole('table', { name: /Mes quittances et reçus/ }).getByRole('row', { name: /Janvier/ });
  await expect(row.getByText('Disponible hors connexion')).toHaveCount(0);
  await row.getByRole('button', { name: new RegExp(`^Garder hors connexion : Quittance de janvier ${LAST_YEAR}`) }).click();
  const mark = row.getByText('Disponible hors connexion');
  await expect(mark).toBeVisible();
  await expect(row.locator('.offline-mark')).toBeFocused();
  await expect(page.locator('body')).not.toBeFocused();
  await expectNoSeriousA11yViolations(page, 'mes-documents after keeping one offline');
});

test('in English: “Download”, “Keep offline”, the year picker', async ({ page }) => {
  await signIn(page);
  await go(page, 'mes-documents');
  await page.getByRole('button', { name: 'English' }).click();
  try {
    await expect(page.getByLabel('Show the year')).toHaveValue(THIS_YEAR);
    await page.getByLabel('Show the year').selectOption(OLD_YEAR);
    const table = page.getByRole('table', { name: /My rent receipts and payment receipts/ });
    await expect(table.getByRole('button', { name: `Download: Payment receipt for December ${OLD_YEAR}, issued on 21/12/${OLD_YEAR}, €410.00` })).toBeVisible();
    await expect(table.getByRole('columnheader', { name: 'Amount' })).toBeVisible();
    await expect(table.getByRole('button', { name: /^Keep offline: Payment receipt for December/ })).toHaveCount(2);
    await expectNoSeriousA11yViolations(page, 'my documents (en)');
  } finally {
    await backToFrench(page);
  }
});

test('the viewer: the quittance’s text is in the page (a text layer), readable and selectable', async ({ page }) => {
  await signIn(page);
  await go(page, `document/${quittanceSha}`);
  const pageGroup = page.getByRole('group', { name: new RegExp(`Quittance de février ${THIS_YEAR}, page 1 sur \\d+`) });
  // pdf.js loads with the viewer: on a busy machine that takes a few seconds.
  await expect(pageGroup).toBeVisible({ timeout: 20_000 });
  // The words of the PDF are DOM text, in French, exposed to the accessibility tree.
  await expect(pageGroup.getByText('QUITTANCE DE LOYER', { exact: false }).first()).toBeAttached({ timeout: 15_000 });
  await expect(pageGroup.getByText('0123456789', { exact: false }).first()).toBeAttached();
  await expect(page.locator('.textLayer')).toHaveAttribute('lang', 'fr');
  const snapshot = await pageGroup.ariaSnapshot();
  expect(snapshot).toMatch(/QUITTANCE DE LOYER/i);
  // Selectable: a triple click on a line of text selects it.
  const line = pageGroup.getByText('0123456789', { exact: false }).first();
  await line.click({ clickCount: 3 });
  expect(await page.evaluate(() => window.getSelection()?.toString() ?? '')).toContain('0123456789');
  await expectNoSeriousA11yViolations(page, 'document viewer with its text layer');
});

test('the balance chart: a real chart (Chart.js) with values on focus and hover, colours ≥ 3:1, the table kept, in French and English', async ({ page }) => {
  await signIn(page);
  await go(page, 'ma-situation-de-solde');
  const chart = page.getByRole('img', { name: /Graphique du solde en fin de mois/ });
  await expect(chart).toBeVisible();
  await expect(chart.locator('canvas')).toHaveCount(1);
  // Focus shows the current month's value; the arrows walk the months.
  await chart.focus();
  const value = page.locator('.chart-value');
  const thisMonth = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${TEST_TODAY.slice(0, 7)}-01T00:00:00Z`));
  await expect(value).toHaveText(new RegExp(`^${thisMonth.replace(/^./, (c) => c.toUpperCase())} : [\\d\\u202f]+,\\d{2}\\u00a0€ \\((débiteur|créditeur|à jour)\\)$`, 'i'));
  await page.keyboard.press('ArrowLeft');
  await expect(value).not.toHaveText(new RegExp(thisMonth, 'i'));
  await page.keyboard.press('End');
  await expect(value).toHaveText(new RegExp(thisMonth, 'i'));
  // Hover: a bar in the middle of the plot shows an earlier month's value, with its tooltip.
  const current = await value.innerText();
  const box = (await chart.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.55, box.y + box.height / 2);
  await expect(value).not.toHaveText(current);
  await expect(value).toHaveText(/^\p{L}+ \d{4} : .+\u00a0€ \((débiteur|créditeur|à jour)\)$/u);
  if (process.env.SHOTS_DIR) await chart.screenshot({ path: join(process.env.SHOTS_DIR, 'balance-chart.png') });

  // The bars and the text drawn on the canvas keep their contrast on white (RGAA 3.2, 3.3).
  const ratios = await chart.evaluate((element) => {
    const style = getComputedStyle(element);
    const luminance = (colour: string) => {
      const probe = document.createElement('span');
      probe.style.setProperty('color', colour);
      document.body.append(probe);
      const [r, g, b] = getComputedStyle(probe).color.match(/\d+/g)!.slice(0, 3).map(Number) as [number, number, number];
      probe.remove();
      const channel = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const ratio = (name: string) => 1.05 / (luminance(style.getPropertyValue(name).trim()) + 0.05);
    return { debit: ratio('--chart-debit'), credit: ratio('--chart-credit'), text: ratio('--chart-text') };
  });
  expect(ratios.debit).toBeGreaterThanOrEqual(3);
  expect(ratios.credit).toBeGreaterThanOrEqual(3);
  expect(ratios.text).toBeGreaterThanOrEqual(4.5);

  await page.getByText('Voir les chiffres du graphique').click();
  await expect(page.getByRole('table', { name: /Solde en fin de mois, dossier n° 0123456789/ }).locator('tbody tr')).toHaveCount(12);
  await expectNoSeriousA11yViolations(page, 'balance chart');

  await page.getByRole('button', { name: 'English' }).click();
  try {
    const english = page.getByRole('img', { name: /Chart of the month-end balance/ });
    await english.focus();
    await expect(value).toHaveText(/^[A-Z][a-z]+ \d{4}: €[\d,]+\.\d{2} \((in debit|in credit|settled)\)$/);
    await expectNoSeriousA11yViolations(page, 'balance chart (en)');
  } finally {
    await backToFrench(page);
  }
});

/** Words that are French, not English: a page in English shows none outside elements marked lang="fr". */
const FRENCH_WORDS =
  /\b(le|la|les|des|du|une|est|sont|et|ou|votre|vos|notre|nos|mon|ma|mes|pour|avec|dans|sur|à|aucun|aucune|demande|demandes|loyer|paiement|échéance|quittance|reçu|gardien|dossier n°|envoyer|valider|modifier|annuler|fermer|ouvrir|télécharger|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\b/iu;

/** The page's text a tenant sees or hears (visually-hidden text included), outside [lang=fr], aria-hidden parts and the tenant's own words. */
async function frenchOutsideLangFr(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.replace(/\s+/g, ' ').trim() ?? '';
      // What the tenant typed (a request's subject) stays in the tenant's words, whatever the language.
      if (!parent || text === '' || parent.closest('script, style, [aria-hidden="true"], [data-tenant-text]')) continue;
      if (!parent.checkVisibility()) continue;
      if (parent.closest('[lang]')?.getAttribute('lang')?.startsWith('fr')) continue;
      found.push(text);
    }
    // Accessible names given by attributes are heard too.
    for (const element of document.querySelectorAll('[aria-label], [title], input[placeholder]')) {
      if (element.closest('[lang]')?.getAttribute('lang')?.startsWith('fr') || !element.checkVisibility()) continue;
      for (const name of ['aria-label', 'title', 'placeholder']) {
        const value = element.getAttribute(name);
        if (value) found.push(value);
      }
    }
    return found;
  });
  // Web addresses are no language ("defenseurdesdroits.fr/carte-des-delegues"): left out of the check.
  const withoutAddresses = (text: string) => text.replace(/\S+\.[a-z]{2,}\/\S*/gi, '');
  return [...new Set(texts.filter((text) => FRENCH_WORDS.test(withoutAddresses(text))))];
}

test('every screen in English: no French outside what the landlord wrote (marked lang="fr")', async ({ page }) => {
  await signIn(page);
  await go(page, 'accueil');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const screens = [
    'accueil',
    'mon-dossier',
    'mon-contrat',
    'ma-situation-de-solde',
    'mettre-a-jour-rib',
    'mon-assurance',
    'mes-documents',
    `document/${quittanceSha}`,
    'mes-demandes',
    'nouvelle-demande',
    'nous-contacter',
    'modifier-email',
    'modifier-mot-de-passe',
    'accessibilite',
  ];
  const problems: Record<string, string[]> = {};
  try {
    for (const screen of screens) {
      await go(page, screen);
      await expect(page.locator('.section-loading')).toHaveCount(0);
      const french = await frenchOutsideLangFr(page);
      if (french.length > 0) problems[screen] = french;
    }
  } finally {
    await backToFrench(page);
  }
  expect(problems).toEqual({});
});

test('the accessibility statement gives the sample, the tools, the environment, the rate, and contacts that need no sign-in', async ({ page }) => {
  await signIn(page);
  await page.getByRole('button', { name: 'Mon compte' }).click();
  await page.getByRole('menuitem', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('button', { name: 'SE CONNECTER' })).toBeVisible();
  await page.getByRole('link', { name: /^Accessibilité/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Déclaration d'accessibilité");
  for (const heading of ['Échantillon de pages vérifiées', 'Outils et méthodes utilisés', 'Environnement de test', 'Non-conformités']) {
    await expect(page.getByRole('heading', { name: heading })).toBeVisible();
  }
  await expect(page.getByText(/100 % des critères du RGAA 4\.1 sont respectés \(77 critères conformes sur 77 applicables ; 29 critères non applicables\)/)).toBeVisible();
  await expect(page.getByText("Aucune non-conformité n'a été relevée.")).toBeVisible();
  await expect(page.getByRole('link', { name: 'Accessibilité : totalement conforme' })).toBeVisible();
  // The landlord's public contacts, signed out: a mail or phone link per service.
  await expect(page.getByText("Ces contacts ne demandent pas d'être connecté à votre espace locataire.")).toBeVisible();
  await expect(page.locator('.statement-contacts a[href^="mailto:"], .statement-contacts a[href^="tel:"]').first()).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'accessibility statement, signed out');
});

// Last in the file: it moves the shared clock past the link's 30 minutes.
test('the reset-password page the mail opens wears the landlord’s branding, shows the password, lists the rules once; an expired link says so first', async ({ page }) => {
  const landlord = (await (await fetch(`${server.url}/v1/landlord`)).json()) as { name: string; portalTitle: string };
  const asked = await fetch(`${server.url}/v1/auth/forgot-password`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: DEMO.email }) });
  expect(asked.ok).toBe(true);
  await expect.poll(() => mail.filter((message) => message.to === DEMO.email && message.link).length).toBeGreaterThan(0);
  const link = new URL(mail.filter((message) => message.to === DEMO.email && message.link).at(-1)!.link!);
  const address = `${server.url}${link.pathname}${link.search}`;

  await page.goto(address);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choisir un nouveau mot de passe');
  await expect(page.getByRole('banner')).toContainText(landlord.name);
  await expect(page).toHaveTitle(`Choisir un nouveau mot de passe – ${landlord.portalTitle}`);
  const password = page.getByLabel('Nouveau mot de passe');
  await password.fill('Un-Mot-De-Passe-2026!');
  await expect(password).toHaveAttribute('type', 'password');
  const show = page.getByRole('button', { name: 'Afficher le mot de passe' }).first();
  await show.click();
  await expect(password).toHaveAttribute('type', 'text');
  await expect(show).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByText('au moins 12 caractères')).toHaveCount(1);
  await expectNoSeriousA11yViolations(page, 'reset-password page');

  // A weak try: the rules stay listed once, each marked.
  await password.fill('court');
  await page.getByLabel('Confirmation du mot de passe').fill('court');
  await page.getByRole('button', { name: 'Changer mon mot de passe' }).click();
  await expect(page.getByRole('alert')).toContainText('Le mot de passe ne respecte pas les règles indiquées sous le champ.');
  await expect(page.getByText('au moins 12 caractères')).toHaveCount(1);
  await expect(page.getByText('au moins 12 caractères')).toContainText('(non respecté)');

  // 31 minutes later the link has expired: the page says so before anything is typed.
  server.advance(31 * 60_000);
  await page.goto(address);
  await expect(page.getByRole('alert')).toContainText('Ce lien a expiré ou a déjà été utilisé.');
  await expect(page.getByLabel('Nouveau mot de passe')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, 'reset-password page, expired link');
});
