/** Signing the demo tenant in through the sign-in screen, as the account-section specs do. */
import { expect, type Page } from '@playwright/test';

export const DEMO = { email: 'martine.dupont@example.org', password: 'Demo-Locataire-2026!' };

/** Opens the app and signs the demo tenant in (nothing to do when a session is already open). */
export async function signIn(page: Page) {
  await page.goto('./');
  await expect(page.locator('#page-title')).toBeVisible();
  if (page.url().endsWith('#/accueil')) return;
  await page.getByLabel('Adresse mail').fill(DEMO.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO.password);
  await page.getByRole('button', { name: 'SE CONNECTER' }).click();
  // Signing in derives the key of the local cache and runs the first sync: it takes a moment.
  await expect(page).toHaveURL(/#\/accueil$/, { timeout: 30_000 });
}

/**
 * Back to French at the end of a test that switched to English: the choice is saved (the next test
 * of this stack opens in French), checked by reloading the page.
 */
export async function backToFrench(page: Page) {
  await page.getByRole('button', { name: 'Français' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await page.reload();
  await expect(page.getByRole('button', { name: 'English' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
}
