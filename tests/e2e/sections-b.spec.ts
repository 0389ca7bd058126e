/**
 * Mes documents (with the offline viewer), Mes demandes, Nouvelle demande, Nous contacter, the
 * account screens and the sign-out confirmation, in Chromium through the browser preview.
 *
 * This file runs its own stack (a real Portal API server that can be stopped and restarted on
 * the same port, and a preview host on it), so it can play "the server is down" for real and
 * publish documents without touching the shared e2e server that the other spec files use.
 */
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { renderAvisEcheance, renderQuittance, renderRecu } from '../../server/src/documents';
import { startPreview } from '../../src-main/host/cli';
import { AVIS, QUITTANCE, RECU } from '../integration/documents/fixtures';
import { startPortalServer, type RestartableServer } from '../helpers/portal-server';
import { publishDocument } from '../helpers/server-documents';
import { TEST_TODAY } from '../helpers/clock';
import { expectNoSeriousA11yViolations } from './a11y';
import { backToFrench } from './session';

const DEMO = { email: 'martine.dupont@example.org', password: 'Demo-Locataire-2026!' };
const SHOTS = join(process.env.SHOTS_DIR ?? join(tmpdir(), 'pw-b-shots'));

/** A 2×2 PNG (a real image: main checks the content, not the name). */
const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);

/** This stack's month (its server and preview run from TEST_NOW). */
const THIS_MONTH = TEST_TODAY.slice(0, 7);
const oldYear = String(Number(THIS_MONTH.slice(0, 4)) - 2);
/** Older than the 12 months kept without asking: they stay on the server until downloaded. */
const OLD_QUITTANCE = `${oldYear}-03`;
const OLD_RECU = `${oldYear}-02`;
const RECENT_AVIS = THIS_MONTH;

let server: RestartableServer;
let preview: Awaited<ReturnType<typeof startPreview>>;
let work: string;
let baseUrl: string;
let quittanceSha = '';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'el-e2e-b-'));
  mkdirSync(SHOTS, { recursive: true });
  server = await startPortalServer();
  const handle = server.handle;
  const quittance = await publishDocument(handle, {
    dossierNumber: '0123456789',
    kind: 'quittance',
    period: OLD_QUITTANCE,
    bytes: Buffer.from(await renderQuittance({ ...QUITTANCE, period: OLD_QUITTANCE })),
    now: server.clock(),
  });
  quittanceSha = quittance.sha256;
  await publishDocument(handle, {
    dossierNumber: '0123456789',
    kind: 'recu',
    period: OLD_RECU,
    bytes: Buffer.from(await renderRecu({ ...RECU, period: OLD_RECU })),
    now: server.clock(),
  });
  await publishDocument(handle, {
    dossierNumber: '0123456789',
    kind: 'avis_echeance',
    period: RECENT_AVIS,
    bytes: Buffer.from(await renderAvisEcheance({ ...AVIS, period: RECENT_AVIS })),
    now: server.clock(),
  });
  preview = await startPreview({ serverUrl: server.url, userDataDir: join(work, 'user-data'), port: 0, now: server.clock });
  baseUrl = preview.host.url.endsWith('/') ? preview.host.url : `${preview.host.url}/`;
});

test.afterAll(async () => {
  await preview?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The session lives in main (one preview core for the whole file): it may still be open. */
async function signIn(page: Page) {
  await page.goto(baseUrl);
  const signInButton = page.getByRole('button', { name: 'SE CONNECTER' });
  const userMenu = page.getByRole('button', { name: 'Mon compte' });
  await expect(signInButton.or(userMenu)).toBeVisible();
  if (await userMenu.isVisible()) {
    await go(page, 'accueil');
    return;
  }
  await page.getByLabel('Adresse mail').fill(DEMO.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO.password);
  await page.getByRole('button', { name: 'SE CONNECTER' }).click();
  await expect(page).toHaveURL(/#\/accueil$/);
}

async function go(page: Page, hash: string) {
  await page.goto(`${baseUrl}#/${hash}`);
}

/** Asks main to sync now (what the app does when the connection returns). */
async function syncNow(page: Page) {
  await page.evaluate(async () => {
    const token = document.querySelector('meta[name="portal-preview-token"]')?.getAttribute('content') ?? '';
    await fetch('./rpc/sync.now', { method: 'POST', headers: { 'content-type': 'application/json', 'x-portal-token': token }, body: '{}' });
  });
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

test('Mes documents lists quittances, reçus and avis; “Garder hors connexion” marks it “Disponible hors connexion”; the viewer renders it', async ({
  page,
}) => {
  await signIn(page);
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'MES DOCUMENTS' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes documents');
  // One year at a time, the newest first (issue 15): this year's avis, then the old year's quittances.
  await expect(page.getByLabel('Afficher l’année')).toHaveValue(THIS_MONTH.slice(0, 4));
  const avis = page.getByRole('table', { name: /Mes avis d'échéance, dossier n° 0123456789/ });
  // The recent rent notice was kept on this PC without asking (last 12 months).
  await expect(avis.getByText('Disponible hors connexion')).toBeVisible();
  await page.getByLabel('Afficher l’année').selectOption(oldYear);

  const quittances = page.getByRole('table', { name: /Mes quittances et reçus, dossier n° 0123456789/ });
  await expect(quittances.getByRole('columnheader')).toHaveText(['Mois', 'Année', 'Montant', 'Document']);
  // Published here without their amount: the column says so rather than staying blank.
  await expect(quittances.getByRole('row', { name: /Mars/ }).getByRole('cell', { name: 'Non indiqué' })).toBeVisible();
  await expect(quittances.getByRole('row', { name: /Mars/ })).toContainText(oldYear);
  await expect(quittances.getByRole('row', { name: /Février/ })).toContainText('Reçu (paiement partiel');
  await expect(page.getByText(/Vous avez souscrit à ce service le \d{2}\/\d{2}\/\d{4}/)).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'mes-documents');
  await shot(page, 'documents-1280');

  const row = quittances.getByRole('row', { name: /Mars/ });
  await expect(row.getByText('Disponible hors connexion')).toHaveCount(0);
  await row.getByRole('button', { name: /^Garder hors connexion : Quittance de mars/ }).click();
  await expect(row.getByText('Disponible hors connexion')).toBeVisible();
  await expect(row.getByRole('button', { name: /^Garder hors connexion/ })).toHaveCount(0);

  // "Garder hors connexion : tout <année>": the reçu of that year too.
  await expect(page.getByRole('table', { name: /Mes avis d'échéance/ })).toHaveCount(0);
  const keepYear = page.getByRole('button', { name: `Garder hors connexion : tout ${oldYear}` });
  await keepYear.click();
  await expect(quittances.getByRole('row', { name: /Février/ }).getByText('Disponible hors connexion')).toBeVisible();
  // Focus stays on the button it pressed, never the page body (RGAA 7.1).
  await expect(keepYear).toBeFocused();

  await row.getByRole('link', { name: /^Ouvrir : Quittance de mars/ }).click();
  await expect(page).toHaveURL(new RegExp(`#/document/${quittanceSha}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Quittance de mars ${oldYear}`);
  // pdf.js loads with the viewer: on a busy machine that takes a few seconds (as in tenant-experience.spec.ts).
  await expect(page.getByRole('group', { name: new RegExp(`Quittance de mars ${oldYear}, page 1 sur \\d+`) })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText(/^Page 1 sur \d+$/)).toBeVisible();
  await expectCanvasDrawn(page);
  await expect(page.getByRole('toolbar', { name: 'Outils du document' }).getByRole('button', { name: 'Imprimer' })).toBeVisible();
  // The preview has no save dialog: a plain download link instead.
  await expect(page.getByRole('link', { name: 'Enregistrer une copie' })).toHaveAttribute('download', /\.pdf$/);
  await expectNoSeriousA11yViolations(page, 'document viewer');
  await shot(page, 'viewer-1280');

  // Keyboard: zoom in with "+", the size label follows.
  await page.getByRole('region', { name: `Quittance de mars ${oldYear}` }).focus();
  await page.keyboard.press('+');
  await expect(page.getByRole('button', { name: /Taille : 125 %/ })).toBeVisible();

  // Print: every page becomes an image in the print-only container, then window.print().
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void ((window as unknown as { printed: number }).printed += 1);
  });
  await page.getByRole('button', { name: 'Imprimer' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  expect(await page.locator('.print-pages img').count()).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Fermer' }).click();
  await expect(page).toHaveURL(/#\/mes-documents$/);
});

async function expectCanvasDrawn(page: Page) {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const canvas = document.querySelector<HTMLCanvasElement>('.pdf-canvas');
        if (!canvas || canvas.width === 0) return false;
        const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        for (let index = 0; index < data.length; index += 4 * 97) {
          if (data[index]! < 200) return true; // some ink on the white page
        }
        return false;
      }),
      { timeout: 15_000 },
    )
    .toBe(true);
}

test('issue 6: a downloaded quittance opens in the viewer with the server unreachable, after a reload', async ({ page }) => {
  await signIn(page);
  await go(page, 'mes-documents');
  await page.getByLabel('Afficher l’année').selectOption(oldYear);
  await expect(page.getByRole('table', { name: /Mes quittances/ }).getByRole('row', { name: /Mars/ }).getByText('Disponible hors connexion')).toBeVisible();

  await server.stop();
  try {
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes documents');
    // Issue 4: the home page answers from the cache too.
    await go(page, 'accueil');
    await expect(page.getByText(/Dossier n° 0123456789/).first()).toBeVisible();
    await expect(page.getByText(/Votre compte est (créditeur|débiteur) de/)).toBeVisible();
    await go(page, 'mes-documents');
    await page.getByLabel('Afficher l’année').selectOption(oldYear);
    await page.getByRole('link', { name: /^Ouvrir : Quittance de mars/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Quittance de mars ${oldYear}`);
    await expectCanvasDrawn(page);
    await expect(page.getByText('Disponible hors connexion')).toBeVisible();
  } finally {
    await server.start();
  }
});

test('the paperless subscription is stopped through an accessible dialog, then subscribed again', async ({ page }) => {
  await signIn(page);
  await go(page, 'mes-documents');
  await page.getByRole('button', { name: 'ARRÊTER LA SOUSCRIPTION DE CE SERVICE' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Arrêter la souscription ?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Garder la souscription' })).toBeFocused();
  await expectNoSeriousA11yViolations(page, 'paperless dialog');
  await dialog.getByRole('button', { name: 'Arrêter la souscription', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/Vous n'êtes pas abonné\(e\) à ce service/)).toBeVisible();

  await page.getByRole('button', { name: 'SOUSCRIRE' }).click();
  await expect(page.getByText(/Vous avez souscrit à ce service le \d{2}\/\d{2}\/\d{4}/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'ARRÊTER LA SOUSCRIPTION DE CE SERVICE' })).toBeVisible();
});

test('a technical request with a photo made offline waits, blocks a silent sign-out, then is numbered; message; cancel', async ({ page }) => {
  await signIn(page);
  await go(page, 'mes-demandes');
  await expect(page.getByRole('heading', { name: 'Détail de mes demandes' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'mes-demandes');
  const subject = `Fuite sous la baignoire ${Date.now()}`;

  await server.stop();
  try {
    await page.getByRole('link', { name: 'Nouvelle demande' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nouvelle demande');
    await expect(page.getByLabel('Demande technique')).toBeChecked();
    await page.getByRole('button', { name: 'ENVOYER MA DEMANDE' }).click();
    await expect(page.getByLabel('Catégorie')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Description')).toHaveAttribute('aria-invalid', 'true');

    await page.getByLabel('Catégorie').selectOption({ label: 'Plomberie' });
    await page.getByLabel('Description').fill(subject);
    await page.getByLabel('Vos disponibilités (facultatif)').fill('le mardi matin');
    await page.getByLabel("J'autorise le personnel à entrer dans mon logement en mon absence").check();
    await page.getByLabel('Photos (facultatif)').setInputFiles({ name: 'fuite.png', mimeType: 'image/png', buffer: TINY_PNG });
    await expect(page.getByRole('img', { name: 'Photo jointe 1 : fuite.png' })).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'nouvelle-demande');
    await shot(page, 'new-request-1280');
    await page.getByRole('button', { name: 'ENVOYER MA DEMANDE' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Votre demande est enregistrée');

    await page.getByRole('link', { name: 'Voir mes demandes' }).click();
    const pendingLink = page.getByRole('link', { name: `En attente d'envoi – ${subject}` });
    await expect(pendingLink).toBeVisible();

    // Signing out now would lose it: the dialog asks.
    await page.getByRole('button', { name: 'Mon compte' }).click();
    await page.getByRole('menuitem', { name: 'Se déconnecter' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Des demandes ne sont pas envoyées' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(/n'(a|ont) pas encore été envoyées?\. Si vous vous déconnectez maintenant, (elle|elles) ser(a|ont) perdues?\./);
    await expect(dialog.getByRole('button', { name: 'Me déconnecter quand même' })).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'sign-out dialog');
    await shot(page, 'signout-dialog-1280');
    await dialog.getByRole('button', { name: 'Rester connecté' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('button', { name: 'Mon compte' })).toBeFocused();
  } finally {
    await server.start();
  }

  await syncNow(page);
  await expect(page.getByRole('link', { name: new RegExp(`^Demande n° \\d+ – ${subject}`) })).toBeVisible({ timeout: 15_000 });
  await page.getByRole('link', { name: new RegExp(`^Demande n° \\d+ – ${subject}`) }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Demande n° \d+$/);
  await expect(page.getByText('1 photo(s)')).toBeVisible();
  await expect(page.getByText('Autorisé', { exact: true })).toBeVisible();
  await expect(page.getByText(/Disponibilités : le mardi matin/)).toBeVisible();

  await page.getByLabel('Votre message').fill('Je suis là mardi matin.');
  await page.getByRole('button', { name: 'ENVOYER LE MESSAGE' }).click();
  await expect(page.getByRole('list').getByText('Je suis là mardi matin.')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'demande');

  await page.getByRole('button', { name: 'Annuler la demande' }).click();
  const cancel = page.getByRole('alertdialog', { name: 'Annuler cette demande ?' });
  await expect(cancel).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'cancel dialog');
  await cancel.getByRole('button', { name: 'Oui, annuler la demande' }).click();
  await expect(page.getByText('Annulée', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Annuler la demande' })).toHaveCount(0);
});

test('Nous contacter: caretaker, emergency number, services; “Faire une demande” prefills an administrative request', async ({ page }) => {
  await signIn(page);
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'NOUS CONTACTER' }).click();
  await expect(page.getByRole('heading', { name: 'Demandes techniques' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Mon gardien' })).toBeVisible();
  await expect(page.getByRole('heading', { name: "En cas d'urgence" })).toBeVisible();
  await expect(page.getByRole('link', { name: '04.72.83.41.53' })).toHaveAttribute('href', 'tel:+33472834153');
  await expect(page.getByRole('link', { name: '06.01.02.03.04' })).toHaveAttribute('href', 'tel:+33601020304');
  await expect(page.getByRole('heading', { name: 'Demandes administratives' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'nous-contacter');
  await shot(page, 'contact-1280');

  await page.getByRole('link', { name: 'Faire une demande : Service contentieux' }).click();
  await expect(page).toHaveURL(/#\/nouvelle-demande\/contentieux$/);
  await expect(page.getByLabel('Demande administrative')).toBeChecked();
  await expect(page.getByLabel('Service', { exact: true })).toHaveValue('contentieux');
  const subject = `Échéancier de paiement ${Date.now()}`;
  await page.getByLabel('Objet', { exact: true }).fill(subject);
  await page.getByLabel('Description').fill('Je souhaite un échéancier pour la régularisation des charges.');
  await page.getByRole('button', { name: 'ENVOYER MA DEMANDE' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Votre demande est enregistrée');
  await page.getByRole('link', { name: 'Voir mes demandes' }).click();
  await expect(page.getByRole('row', { name: new RegExp(subject) })).toContainText('Administrative');
});

test('change password: a wrong current password is refused on its field', async ({ page }) => {
  await signIn(page);
  await page.getByRole('button', { name: 'Mon compte' }).click();
  await page.getByRole('menuitem', { name: 'Modifier mon mot de passe' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Modifier mon mot de passe');
  await page.getByLabel('Mot de passe actuel', { exact: true }).fill('Pas-le-bon-2026!');
  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('Nouveau-Secret-2026!');
  await expect(page.getByText('Le mot de passe respecte les règles.')).toBeVisible();
  await page.getByLabel('Confirmation du mot de passe', { exact: true }).fill('Nouveau-Secret-2026!');
  await page.getByRole('button', { name: 'CHANGER MON MOT DE PASSE' }).click();
  await expect(page.getByLabel('Mot de passe actuel', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert')).toContainText('Mot de passe actuel');
  await expectNoSeriousA11yViolations(page, 'modifier-mot-de-passe');
});

test('change email: two different addresses are refused on the second field', async ({ page }) => {
  await signIn(page);
  await page.getByRole('button', { name: 'Mon compte' }).click();
  await page.getByRole('menuitem', { name: 'Modifier mon adresse email' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Modification de mon adresse email');
  await page.getByLabel('Email', { exact: true }).fill('martine.nouvelle@example.org');
  await page.getByLabel('Ressaisissez votre email', { exact: true }).fill('martine.autre@example.org');
  await page.getByLabel('Mot de passe actuel', { exact: true }).fill(DEMO.password);
  await page.getByRole('button', { name: 'SAUVEGARDER' }).click();
  await expect(page.getByLabel('Ressaisissez votre email', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Les deux adresses mail ne sont pas identiques.').first()).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'modifier-email');
});

test('every page of this part fits a 320 px window without sideways scrolling, in French and English', async ({ page }) => {
  await signIn(page);
  await page.setViewportSize({ width: 320, height: 800 });
  for (const hash of ['mes-documents', `document/${quittanceSha}`, 'mes-demandes', 'nouvelle-demande', 'nous-contacter', 'modifier-email', 'modifier-mot-de-passe']) {
    await go(page, hash);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.waitForLoadState('networkidle');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${hash} at 320 px`).toBeLessThanOrEqual(0);
    await shot(page, `${hash.replace(/\W+/g, '-')}-320`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole('button', { name: 'English' }).click();
  for (const [hash, heading] of [
    ['mes-documents', 'My documents'],
    ['mes-demandes', 'My requests'],
    ['nous-contacter', 'Contact us'],
  ] as const) {
    await go(page, hash);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expectNoSeriousA11yViolations(page, `${hash} (en)`);
  }
  await backToFrench(page);
});
