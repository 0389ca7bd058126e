/**
 * "Payer en ligne" end to end in Chromium: the renderer (browser preview), the main-process
 * procedures, the real server and its sandbox bank page in a popup. 12,34 € with the accepted
 * test card: confirmation, then the balance and "Mes dernières actions" change; the refused card
 * says so and changes nothing. axe on each step.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './a11y';
import { TEST_TODAY } from '../helpers/clock';

const DEMO = { email: 'martine.dupont@example.org', password: 'Demo-Locataire-2026!' };
const CARDS = { accepted: '4970100000000000', refused: '4970100000000097' };

async function signIn(page: Page) {
  await page.goto('./');
  // The preview keeps one session for the whole run: sign in only when signed out.
  await expect(page).toHaveURL(/#\/(connexion|accueil)$/);
  if (page.url().endsWith('#/accueil')) return;
  await page.getByLabel('Adresse mail').fill(DEMO.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO.password);
  await page.getByRole('button', { name: 'SE CONNECTER' }).click();
  await expect(page).toHaveURL(/#\/accueil$/);
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Mon compte' }).click();
  await page.getByRole('menuitem', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('button', { name: 'SE CONNECTER' })).toBeVisible();
}

/** The home page's balance in signed cents (débiteur > 0), read from "créditeur / débiteur de X €". */
async function homeBalance(page: Page): Promise<number> {
  await page.goto('./#/accueil');
  const line = page.getByText(/Votre compte est (créditeur|débiteur) de/).first();
  await expect(line).toBeVisible();
  const text = (await line.innerText()).replace(/[\u202f\u00a0]/g, ' ');
  const match = /(créditeur|débiteur) de\s*([\d ]+),(\d\d)\s*€/.exec(text);
  expect(match, 'balance on the home page').not.toBeNull();
  const cents = Number(match![2]!.replace(/ /g, '')) * 100 + Number(match![3]);
  return match![1] === 'débiteur' ? cents : -cents;
}

async function paymentsDoneOnHome(page: Page): Promise<number> {
  await page.goto('./#/accueil');
  await expect(page.getByRole('heading', { level: 2, name: 'Mes dernières actions' })).toBeVisible();
  return page.getByText('Paiement effectué').count();
}

/** Step 1 -> step 2 (the bank page in a popup) -> the card -> step 3. */
async function pay(page: Page, context: BrowserContext, amount: string, card: string, checkA11y: boolean) {
  await page.goto('./#/accueil');
  await page.getByRole('link', { name: 'PAYER EN LIGNE' }).first().click();
  await expect(page).toHaveURL(/#\/payer$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Je règle mon loyer');
  const steps = page.getByRole('list', { name: 'Étapes du paiement' });
  await expect(steps.locator('[aria-current="step"]')).toContainText('Montant du paiement');
  await expect(page.getByRole('heading', { level: 2, name: 'Montant du paiement' })).toBeVisible();
  await expect(page.getByLabel('Choisissez le contrat')).toContainText('Dossier n°0123456789 : 8 RUE SAINT NICOLAS 78000 VERSAILLES');
  await expect(page.getByText('Solde à jour :')).toBeVisible();
  if (checkA11y) await expectNoSeriousA11yViolations(page, 'payer étape 1');

  // Field errors first: 3 decimals, then 0.
  const field = page.getByLabel('Montant que vous souhaitez payer par carte bancaire :');
  await field.fill('12,345');
  await page.getByRole('button', { name: 'ÉTAPE SUIVANTE' }).click();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert')).toContainText('deux chiffres après la virgule');
  await field.fill('0');
  await page.getByRole('button', { name: 'ÉTAPE SUIVANTE' }).click();
  await expect(page.getByRole('alert')).toContainText('supérieur à 0');

  await field.fill(amount);
  const popupPromise = context.waitForEvent('page');
  await page.getByRole('button', { name: 'ÉTAPE SUIVANTE' }).click();
  const bank = await popupPromise;

  await expect(page.getByRole('heading', { level: 2, name: 'Transfert vers la banque' })).toBeVisible();
  await expect(steps.locator('[aria-current="step"]')).toContainText('Transfert vers la banque');
  await expect(page.getByText('Votre banque :')).toContainText('Banque de démonstration');
  await expect(page.getByText('Votre banque :')).not.toContainText('http');
  await expect(page.getByRole('status').filter({ hasText: 'En attente de la réponse de votre banque' })).toBeVisible();
  if (checkA11y) await expectNoSeriousA11yViolations(page, 'payer étape 2');

  await expect(bank.getByRole('heading', { name: 'Paiement Sécurisé' })).toBeVisible();
  await expect(bank.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(bank.getByText(`${amount}\u00a0EUR`)).toBeVisible();
  await expect(bank.getByText('Identifiant marchand')).toBeVisible();
  await expect(bank.getByText('Numéro de transaction')).toBeVisible();
  if (checkA11y) await expectNoSeriousA11yViolations(bank, 'page de paiement sécurisé (sandbox)');
  await bank.getByLabel('Numéro de carte').fill(card);
  await bank.getByLabel('Mois').selectOption('12');
  await bank.getByLabel('Année').selectOption(String(Number(TEST_TODAY.slice(0, 4)) + 2));
  await bank.getByLabel('Cryptogramme visuel (CVV)').fill('123');
  await bank.getByRole('button', { name: 'VALIDER' }).click();

  await expect(page.getByRole('heading', { level: 2, name: 'Confirmation' })).toBeVisible({ timeout: 15_000 });
  await expect(steps.locator('[aria-current="step"]')).toContainText('Confirmation');
}

test('pays 12,34 € with the accepted test card; the balance and the last actions change', async ({ page, context }) => {
  await signIn(page);
  const before = await homeBalance(page);
  const paymentsBefore = await paymentsDoneOnHome(page);

  await pay(page, context, '12,34', CARDS.accepted, true);
  await expect(page.getByText('Votre paiement de 12,34\u00a0€')).toBeVisible();
  await expect(page.getByText(/Numéro de transaction : \d{6}\./)).toBeVisible();
  // The receipt arrives by sync, then the link to "Mes documents".
  await expect(page.getByRole('main').getByRole('link', { name: 'Mes documents', exact: true })).toBeVisible({ timeout: 15_000 });
  await expectNoSeriousA11yViolations(page, 'payer étape 3 (accepté)');

  await expect.poll(() => homeBalance(page), { timeout: 10_000 }).toBe(before - 1234);
  expect(await paymentsDoneOnHome(page)).toBe(paymentsBefore + 1);
  await signOut(page);
});

test('a refused card says so and changes nothing', async ({ page, context }) => {
  await signIn(page);
  const before = await homeBalance(page);
  const paymentsBefore = await paymentsDoneOnHome(page);

  await pay(page, context, '50,00', CARDS.refused, false);
  await expect(page.getByRole('alert')).toContainText('Paiement refusé');
  await expect(page.getByRole('alert')).toContainText("Aucune somme n'a été débitée");
  await expectNoSeriousA11yViolations(page, 'payer étape 3 (refusé)');
  await page.getByRole('button', { name: 'RÉESSAYER' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Montant du paiement' })).toBeFocused();

  expect(await homeBalance(page)).toBe(before);
  expect(await paymentsDoneOnHome(page)).toBe(paymentsBefore);
  await signOut(page);
});
