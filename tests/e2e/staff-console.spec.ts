/**
 * The staff console alone (issue 19), by visible labels, against a real server (staff-stack.ts):
 * the first administrator activates their account (password, TOTP from the secret shown) and
 * creates a caretaker for one residence; the caretaker activates, sees only that residence's
 * technical requests, replies and plans a date; an adviser refuses a change of phone number with
 * a comment. axe on every screen; one run in English.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './a11y';
import { RESIDENCES, SEEDED, startStaffStack, type StaffStack } from './staff-stack';

test.describe.configure({ mode: 'serial' });

let stack: StaffStack;
const PASSWORD = 'Console-Bailleur-2026!';
const accounts: Record<string, { email: string; secret?: string; link?: string }> = {
  admin: { email: 'admin@bailleur.example' },
  caretaker: { email: 'gardien.glycines@bailleur.example' },
  adviser: { email: 'conseil@bailleur.example' },
};

test.beforeAll(async () => {
  stack = await startStaffStack();
  accounts.admin!.link = stack.adminActivationUrl;
});
test.afterAll(async () => {
  await stack?.close();
});

/** "Activer mon compte": the password twice, the secret read off the page, one code. */
async function activate(page: Page, who: keyof typeof accounts) {
  const account = accounts[who]!;
  await page.goto(account.link!);
  await expect(page.getByRole('heading', { level: 1, name: 'Activer mon compte' })).toBeFocused();
  await expect(page.getByText(account.email)).toBeVisible();
  await expectNoSeriousA11yViolations(page, `activation (${who})`);
  await page.getByLabel('Nouveau mot de passe').fill('court');
  await expect(page.getByText('au moins 12 caractères')).toBeVisible();
  await page.getByLabel('Nouveau mot de passe').fill(PASSWORD);
  await page.getByLabel('Confirmez le mot de passe').fill(PASSWORD);
  account.secret = (await page.getByLabel('Clé secrète').textContent())!.trim();
  await page.getByLabel('Code affiché par l’application').fill(stack.totp(account.secret));
  await page.getByRole('button', { name: 'Activer mon compte' }).click();
  await expect(page.getByRole('main').getByRole('status').filter({ hasText: 'Votre compte est activé.' })).toBeVisible();
  stack.nextTotpStep();
}

async function signIn(page: Page, who: keyof typeof accounts) {
  const account = accounts[who]!;
  await page.goto(`${stack.consoleUrl}#/connexion`);
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
  await page.getByLabel('Adresse mail').fill(account.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Continuer' }).click();
  await expect(page.getByLabel('Code de vérification')).toBeFocused();
  await page.getByLabel('Code de vérification').fill(stack.totp(account.secret!));
  await page.getByRole('button', { name: 'Se connecter' }).click();
  stack.nextTotpStep();
}

test('the console is served with a strict CSP and says when sign-in fails, in French', async ({ page }) => {
  const response = await page.goto(stack.consoleUrl);
  const csp = response!.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'sign-in');
  await page.getByLabel('Adresse mail').fill('personne@bailleur.example');
  await page.getByLabel('Mot de passe', { exact: true }).fill('Pas-le-bon-2026!');
  await page.getByRole('button', { name: 'Continuer' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText(/incorrect/i);
  // Nothing typed is lost.
  await expect(page.getByLabel('Adresse mail')).toHaveValue('personne@bailleur.example');
});

test('an administrator activates their account, creates a caretaker for one residence, a residence, and runs the month’s notices', async ({ page }) => {
  await activate(page, 'admin');
  await page.getByRole('button', { name: 'Aller à la connexion' }).click();
  await signIn(page, 'admin');
  const menu = page.getByRole('navigation', { name: 'Menu principal' });
  for (const item of ['Demandes', 'Modifications', 'Assurances', 'Locataires', "Avis d'échéance", 'Comptes du personnel', 'Résidences', 'Journal', 'Paramètres']) {
    await expect(menu.getByRole('link', { name: item, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('heading', { level: 1, name: 'Demandes' })).toBeFocused();
  await expectNoSeriousA11yViolations(page, 'queue (administrator)');

  await menu.getByRole('link', { name: 'Comptes du personnel' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Comptes du personnel' })).toBeFocused();
  await page.getByLabel('Adresse mail').fill('pas-une-adresse');
  await page.getByLabel('Nom affiché').fill('M. Moreau');
  await page.getByRole('button', { name: 'Créer le compte' }).click();
  await expect(page.getByRole('alert').first()).toBeFocused();
  await expect(page.getByLabel('Nom affiché')).toHaveValue('M. Moreau');
  await page.getByLabel('Adresse mail').fill(accounts.caretaker!.email);
  await page.getByLabel('Rôle', { exact: true }).selectOption({ label: 'Gardien' });
  await page.getByRole('checkbox', { name: new RegExp(RESIDENCES.glycines.name) }).check();
  await page.getByRole('button', { name: 'Créer le compte' }).click();
  accounts.caretaker!.link = (await page.getByLabel("Lien d'activation").textContent())!.trim();
  expect(accounts.caretaker!.link).toContain('/staff/#/activer?token=');
  await expect(page.getByRole('row', { name: /M\. Moreau/ })).toContainText(RESIDENCES.glycines.name);
  await expectNoSeriousA11yViolations(page, 'staff accounts');

  // The adviser of the third journey, created the same way.
  await page.getByLabel('Adresse mail').fill(accounts.adviser!.email);
  await page.getByLabel('Nom affiché').fill('Mme Bernard');
  await page.getByLabel('Rôle', { exact: true }).selectOption({ label: 'Conseiller clientèle' });
  await page.getByRole('button', { name: 'Créer le compte' }).click();
  await expect(page.getByRole('row', { name: /Mme Bernard/ })).toBeVisible();
  accounts.adviser!.link = (await page.getByLabel("Lien d'activation").textContent())!.trim();

  for (const [item, title] of [['Résidences', 'Résidences'], ['Journal', 'Journal des actions'], ['Paramètres', 'Paramètres du bailleur'], ["Avis d'échéance", "Avis d'échéance du mois"], ['Locataires', 'Locataires'], ['Assurances', "Attestations d'assurance"], ['Modifications', 'Demandes de modification']] as const) {
    await menu.getByRole('link', { name: item, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeFocused();
    await expect(page.getByText('Chargement…')).toHaveCount(0);
    await expectNoSeriousA11yViolations(page, title);
  }
  await expect(page.getByRole('table')).toContainText('Coordonnées');

  // A new residence: a missing field is said beside it and in the summary, the rest kept.
  await menu.getByRole('link', { name: 'Résidences', exact: true }).click();
  const newResidence = page.locator('form').last();
  await newResidence.getByLabel('Code (référence ERP)').fill('RES-CHE');
  await newResidence.getByLabel('Nom', { exact: true }).fill('Résidence Les Chênes');
  await newResidence.getByRole('button', { name: 'Créer la résidence' }).click();
  await expect(page.getByRole('alert').last()).toBeFocused();
  await expect(newResidence.getByLabel('Nom', { exact: true })).toHaveValue('Résidence Les Chênes');
  for (const [label, value] of [['Adresse', '3 ALLÉE DES CHÊNES'], ['Code postal', '78000'], ['Ville', 'VERSAILLES'], ['Nom du gardien', 'M. Blanc'], ['Téléphone du gardien', '01 39 11 22 33'], ['Horaires du gardien', 'du lundi au vendredi, 9 h - 12 h'], ['Adresse de la loge', 'Bâtiment A']] as const) {
    await newResidence.getByLabel(label, { exact: true }).fill(value);
  }
  await newResidence.getByRole('button', { name: 'Créer la résidence' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Résidence Les Chênes (RES-CHE)' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'residences');

  // The month's notices: a wrong month is refused beside the field, then the run is followed to its summary.
  await menu.getByRole('link', { name: "Avis d'échéance", exact: true }).click();
  await page.getByLabel('Mois').fill('13/2026');
  await page.getByRole('button', { name: 'Lancer la génération' }).click();
  await expect(page.getByText('Saisissez le mois au format mm/aaaa').first()).toBeVisible();
  await page.getByLabel('Mois').fill('04/2026');
  await page.getByRole('button', { name: 'Lancer la génération' }).click();
  const progress = page.getByRole('progressbar', { name: 'Avis de 2026-04' });
  await expect(progress).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: 'Bilan' })).toBeVisible({ timeout: 30_000 });
  const total = await progress.getAttribute('aria-valuemax');
  expect(Number(total)).toBeGreaterThan(0);
  await expect(progress).toHaveAttribute('aria-valuenow', total!);
  await expectNoSeriousA11yViolations(page, 'notice run');

  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
});

test('a caretaker sees only their residence’s technical requests, replies and plans a date', async ({ page }) => {
  await activate(page, 'caretaker');
  await signIn(page, 'caretaker');
  const menu = page.getByRole('navigation', { name: 'Menu principal' });
  await expect(menu.getByRole('link')).toHaveText(['Demandes']);
  await expect(page.getByRole('heading', { level: 1, name: 'Demandes' })).toBeFocused();
  const queue = page.getByRole('table');
  await expect(queue).toContainText(SEEDED.leak.slice(0, 30));
  await expect(queue).not.toContainText(SEEDED.hallDoor.slice(0, 30));
  await expect(queue).not.toContainText(RESIDENCES.erables.name);
  await expectNoSeriousA11yViolations(page, 'queue (caretaker)');

  await queue.getByRole('row').filter({ hasText: SEEDED.leak.slice(0, 30) }).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(SEEDED.leak.slice(0, 30));
  await expect(page.getByText(RESIDENCES.glycines.name)).toBeVisible();
  // The tenant's photo, fetched through staffBlob with the caretaker's token, shown under the strict CSP.
  const photo = page.getByRole('img', { name: 'Photo 1 sur 1 jointe par le locataire' });
  await expect(photo).toBeVisible();
  expect(await photo.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(40);
  await expectNoSeriousA11yViolations(page, 'request (caretaker)');

  await page.getByRole('button', { name: 'Envoyer la réponse' }).click();
  await expect(page.getByRole('alert').first()).toBeFocused();
  await page.getByLabel('Votre réponse au locataire').fill('Je passe voir le robinet avec le plombier.');
  await page.getByRole('button', { name: 'Envoyer la réponse' }).click();
  await expect(page.getByRole('list').filter({ hasText: 'Je passe voir le robinet avec le plombier.' })).toContainText('M. Moreau, gardien');
  await expect(page.getByLabel('Votre réponse au locataire')).toHaveValue('');

  await page.getByLabel('Statut', { exact: true }).selectOption({ label: 'En cours' });
  await page.getByLabel("Date d'intervention prévue").fill('32/03/2026');
  await page.getByRole('button', { name: 'Enregistrer le statut' }).click();
  await expect(page.getByText("Cette date n'existe pas")).toHaveCount(2);
  await expect(page.getByLabel("Date d'intervention prévue")).toHaveValue('32/03/2026');
  await page.getByLabel("Date d'intervention prévue").fill('20/03/2026');
  await page.getByRole('button', { name: 'Enregistrer le statut' }).click();
  await expect(page.getByText('intervention prévue le 20/03/2026')).toBeVisible();
  await expect(page.getByText('En cours').first()).toBeVisible();

  // Another residence's request is not there for them, even by its address (404, no enumeration).
  await page.goto(`${stack.consoleUrl}#/demandes/${stack.requestIds.hallDoor}`);
  await expect(page.getByRole('alert')).toContainText('introuvable');
  await expect(page.getByText(SEEDED.hallDoor)).toHaveCount(0);
  // Nor the adviser's screens.
  await page.goto(`${stack.consoleUrl}#/modifications`);
  await expect(page.getByRole('heading', { level: 1, name: 'Accès refusé' })).toBeVisible();
});

test('an adviser refuses a change of phone number with a comment', async ({ page }) => {
  await activate(page, 'adviser');
  await signIn(page, 'adviser');
  const menu = page.getByRole('navigation', { name: 'Menu principal' });
  await menu.getByRole('link', { name: 'Modifications' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Demandes de modification' })).toBeFocused();
  // Two pending changes of details for Mme DUPONT: the demo's (work phone) and the stack's, the
  // newer, last in a queue sorted oldest first.
  await page.getByRole('link', { name: 'Coordonnées' }).last().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('DUPONT');
  const summary = page.getByRole('table', { name: 'Avant / après' });
  await expect(summary.getByRole('row', { name: /Téléphone portable/ })).toContainText(SEEDED.newPhone.replace(/ /g, '.'));
  await expectNoSeriousA11yViolations(page, 'change request');

  await page.getByLabel('Refuser la modification').check();
  await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await expect(page.getByRole('alert').first()).toBeFocused();
  await expect(page.getByText('Indiquez le motif du refus').first()).toBeVisible();
  await page.getByLabel('Commentaire au locataire').fill('Ce numéro ne répond pas : merci de le vérifier.');
  await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await expect(page.getByText('Ce numéro ne répond pas : merci de le vérifier.')).toBeVisible();
  await expect(page.getByText('Refusée', { exact: true })).toBeVisible();
  // An insurance certificate refused with its reason (required), the attachment opened.
  await menu.getByRole('link', { name: 'Assurances' }).click();
  await expect(page.getByRole('heading', { level: 1, name: "Attestations d'assurance" })).toBeFocused();
  const certificate = page.getByRole('article').filter({ hasText: SEEDED.insurer });
  await expect(certificate).toContainText('du 01/03/2026 au 28/02/2027');
  await expectNoSeriousA11yViolations(page, 'insurance');
  const popup = page.waitForEvent('popup');
  await certificate.getByRole('button', { name: "Voir l'attestation" }).click();
  expect((await popup).url()).toMatch(/^blob:/);
  await certificate.getByLabel("Refuser l'attestation").check();
  await certificate.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await expect(certificate.getByText('Indiquez le motif du refus').first()).toBeVisible();
  await certificate.getByLabel('Motif (obligatoire en cas de refus)').fill("L'attestation ne couvre pas la période : envoyez celle de 2026.");
  await certificate.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await expect(page.getByRole('article').filter({ hasText: SEEDED.insurer })).toHaveCount(0);
  await page.getByLabel('Statut').selectOption({ label: 'Refusée' });
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page.getByRole('article').filter({ hasText: SEEDED.insurer })).toContainText("L'attestation ne couvre pas la période");

  await menu.getByRole('link', { name: 'Modifications' }).click();
  await page.getByLabel('Statut').selectOption({ label: 'Refusée' });
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await page.getByRole('link', { name: 'Coordonnées' }).click();
  // Refused: the tenant's file keeps its number (the data changes only on approval).
  await page.getByRole('link', { name: 'Fiche du locataire' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('DUPONT');
  await expect(page.getByRole('region', { name: 'Identité et coordonnées' })).not.toContainText('06.98.76.54.32');
  await expect(page.getByRole('region', { name: 'Demandes de modification' })).toContainText('Refusée');
  await expectNoSeriousA11yViolations(page, 'tenant page');
});

test('in English: the sign-in and the adviser’s queue', async ({ page }) => {
  await page.goto(`${stack.consoleUrl}#/connexion`);
  await page.getByLabel('Langue').selectOption('English');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByLabel('Email address').fill(accounts.adviser!.email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Verification code').fill(stack.totp(accounts.adviser!.secret!));
  await page.getByRole('button', { name: 'Sign in' }).click();
  stack.nextTotpStep();
  await expect(page.getByRole('heading', { level: 1, name: 'Requests' })).toBeFocused();
  await expect(page.getByRole('navigation', { name: 'Main menu' }).getByRole('link')).toHaveText(['Requests', 'Changes', 'Insurance', 'Tenants']);
  await expectNoSeriousA11yViolations(page, 'queue (English)');
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Changes' }).click();
  await page.getByLabel('Status').selectOption({ label: 'Refused' });
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByRole('table')).toContainText('Contact details');
  await expectNoSeriousA11yViolations(page, 'change requests (English)');
  await page.getByLabel('Language').selectOption('Français');
});
