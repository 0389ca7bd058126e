/**
 * Issue 19 end to end, by visible labels, against one Portal API server: the tenant sends a
 * technical request with a photo from the desktop preview; the caretaker of the tenant's
 * residence, signed in in the desktop app's caretaker space (a second browser context of the same
 * preview), sees it (another residence's caretaker does not), replies and plans a date; the
 * tenant sees both. A customer adviser refuses a change of phone number with a comment through
 * the staff API; the tenant sees the refusal and its reason on Mon dossier. TOTP codes are
 * computed here from each staff account's secret with otpauth, stepping the server's clock past
 * a step between two codes of one account (a code is never accepted twice).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { dossiers, residences } from '../../server/src/db/schema';
import { createTenant } from '../../server/src/dossier/tenants';
import { createDataCipher } from '../../server/src/crypto/data-key';
import { startPreview } from '../../src-main/host/cli';
import { formatFrenchDate } from '../../src-shared/validation/dates';
import { startPortalServer, type RestartableServer } from '../helpers/portal-server';
import { createActivatedStaff, staffCode, STAFF_PASSWORD, type TestStaff } from '../helpers/staff-accounts';
import { expectNoSeriousA11yViolations } from './a11y';
import { SIGN_UP_TENANT } from './fixtures';

const DEMO = { email: 'martine.dupont@example.org', password: 'Demo-Locataire-2026!' };
/** A 2×2 PNG (main and the server check the content, not the name). */
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');

let server: RestartableServer;
let preview: Awaited<ReturnType<typeof startPreview>>;
let work: string;
let baseUrl: string;
const staff = {} as Record<'petit' | 'leroy' | 'adviser', TestStaff>;

test.describe.configure({ mode: 'serial' });

const totp = (secret: string) => staffCode(server, secret);

test.beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'el-e2e-staff-'));
  server = await startPortalServer({ server: { throttle: { signInPerIp: 100_000 } } });
  const db = server.handle.db;
  const now = server.clock();
  const ids = { tilleuls: randomUUID(), erables: randomUUID() };
  for (const [key, name, caretaker] of [
    ['tilleuls', 'Résidence Les Tilleuls', 'M. Petit'],
    ['erables', 'Résidence Les Érables', 'Mme Leroy'],
  ] as const) {
    await db.insert(residences).values({
      id: ids[key], code: `RES-${key}`, name, addressLine: '8 RUE SAINT NICOLAS', postalCode: '78000', city: 'VERSAILLES',
      caretakerName: caretaker, caretakerPhone: '0139000000', caretakerHours: 'du lundi au vendredi, 8 h - 12 h', lodgeAddress: 'Loge au rez-de-chaussée, bâtiment A',
      createdAt: now, updatedAt: now,
    });
  }
  const [demoDossier] = await db.select().from(dossiers).where(eq(dossiers.number, '0123456789'));
  await db.update(dossiers).set({ residenceId: ids.tilleuls }).where(eq(dossiers.id, demoDossier!.id));
  // A mutable copy of the fixture (createTenant takes plain arrays).
  const record = structuredClone(SIGN_UP_TENANT.record) as unknown as Parameters<typeof createTenant>[3];
  const second = await createTenant(db, createDataCipher(server.dataKey), now, record);
  await db.update(dossiers).set({ residenceId: ids.erables }).where(eq(dossiers.id, second.dossierId));

  const accounts = [
    ['petit', 'petit@bailleur.example', 'M. Petit, gardien', 'caretaker', [ids.tilleuls]],
    ['leroy', 'leroy@bailleur.example', 'Mme Leroy, gardienne', 'caretaker', [ids.erables]],
    ['adviser', 'conseil@bailleur.example', 'Mme Martin, conseillère', 'adviser', []],
  ] as const;
  for (const [key, email, displayName, role, residenceIds] of accounts) {
    staff[key] = await createActivatedStaff(server, { email, displayName, role, residenceIds: [...residenceIds] });
  }
  preview = await startPreview({ serverUrl: server.url, userDataDir: join(work, 'user-data'), port: 0, now: server.clock });
  baseUrl = preview.host.url.endsWith('/') ? preview.host.url : `${preview.host.url}/`;
});

test.afterAll(async () => {
  await preview?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function syncNow(page: Page) {
  await page.evaluate(async () => {
    const token = document.querySelector('meta[name="portal-preview-token"]')?.getAttribute('content') ?? '';
    await fetch('./rpc/sync.now', { method: 'POST', headers: { 'content-type': 'application/json', 'x-portal-token': token }, body: '{}' });
  });
}

async function caretakerSignIn(page: Page, who: 'petit' | 'leroy') {
  // One preview core serves both contexts and the tenant is signed in there, so the sign-in page
  // (guests only) sends to the home page: go to the caretaker's space as its link does.
  await page.goto(`${baseUrl}#/espace-gardien`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Espace gardien');
  await page.getByLabel('Adresse e-mail').fill(staff[who].email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: 'CONTINUER' }).click();
  await page.getByLabel('Code de vérification').fill(totp(staff[who].secret));
  await expectNoSeriousA11yViolations(page, 'caretaker code');
  await page.getByRole('button', { name: 'VALIDER' }).click();
  await expect(page.getByRole('heading', { name: 'Demandes techniques' })).toBeVisible();
}

test('a request reaches its residence’s caretaker only; the reply and the planned date reach the tenant; an adviser’s refusal shows on Mon dossier', async ({ page, browser }) => {
  test.setTimeout(180_000);
  // The tenant: a technical request with a photo.
  await page.goto(baseUrl);
  // The lodge PC's sign-in screen leads caretakers to their own space.
  await expect(page.getByRole('link', { name: 'Espace gardien' })).toHaveAttribute('href', '#/espace-gardien');
  await page.getByLabel('Adresse mail').fill(DEMO.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO.password);
  await page.getByRole('button', { name: 'SE CONNECTER' }).click();
  await expect(page).toHaveURL(/#\/accueil$/, { timeout: 30_000 });
  await syncNow(page);
  await page.goto(`${baseUrl}#/nouvelle-demande`);
  // The residence's caretaker by name, from the synced residence.
  await expect(page.getByText('Elle est transmise à votre gardien, M. Petit.')).toBeVisible();
  const description = `Le radiateur du salon fuit ${Date.now()}`;
  await page.getByLabel('Catégorie').selectOption({ label: 'Chauffage' });
  await page.getByLabel('Description').fill(description);
  await page.getByLabel("J'autorise le personnel à entrer dans mon logement en mon absence").check();
  await page.getByLabel('Photos (facultatif)').setInputFiles({ name: 'radiateur.png', mimeType: 'image/png', buffer: TINY_PNG });
  await page.getByRole('button', { name: 'ENVOYER MA DEMANDE' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Votre demande est enregistrée');
  await page.getByRole('link', { name: 'Voir mes demandes' }).click();
  const numbered = page.getByRole('link', { name: new RegExp(`^Demande n° \\d+ – ${description}`) });
  await syncNow(page);
  await expect(numbered).toBeVisible({ timeout: 15_000 });
  const number = /Demande n° (\d+)/.exec((await numbered.textContent()) ?? '')![1]!;
  await page.goto(`${baseUrl}#/nous-contacter`);
  await expect(page.getByText('Loge au rez-de-chaussée, bâtiment A')).toBeVisible();

  // The other residence's caretaker does not see it.
  const lodge = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const desk = await lodge.newPage();
  await caretakerSignIn(desk, 'leroy');
  await expect(desk.getByText(/\d+ demande\(s\)|Aucune demande ne correspond\./)).toBeVisible();
  await expect(desk.getByRole('link', { name: `Demande n° ${number}` })).toHaveCount(0);
  await desk.getByRole('button', { name: "Se déconnecter de l'espace gardien" }).click();
  await expect(desk.getByRole('heading', { name: 'Connexion du gardien' })).toBeVisible();

  // The residence's caretaker sees it, with its photo; replies and plans a date.
  await caretakerSignIn(desk, 'petit');
  await expectNoSeriousA11yViolations(desk, 'caretaker list');
  await desk.getByRole('link', { name: `Demande n° ${number}` }).click();
  await expect(desk.getByRole('heading', { level: 1 })).toHaveText(`Demande n° ${number}`);
  await expect(desk.getByText(description)).toBeVisible();
  await expect(desk.getByRole('img', { name: 'Photo 1 jointe par le locataire' })).toBeVisible();
  await expect(desk.getByText('Autorisé', { exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(desk, 'caretaker request');
  const reply = 'Je passe avec le chauffagiste, merci de laisser le salon accessible.';
  await desk.getByLabel('Votre réponse').fill(reply);
  await desk.getByRole('button', { name: 'ENVOYER LA RÉPONSE' }).click();
  await expect(desk.getByRole('list').getByText(reply)).toBeVisible();
  const planned = '2026-03-24';
  await desk.getByLabel('Statut', { exact: true }).selectOption({ label: 'En cours' });
  await desk.getByLabel("Date d'intervention prévue").fill(formatFrenchDate(planned));
  await desk.getByRole('button', { name: 'ENREGISTRER' }).click();
  await expect(desk.getByText('Le statut est enregistré.')).toBeAttached();
  await desk.getByRole('link', { name: 'Retour aux demandes' }).click();
  const listed = desk.getByRole('row', { name: new RegExp(`Demande n° ${number}`) });
  await expect(listed).toContainText('En cours');
  await expect(listed).toContainText(formatFrenchDate(planned));
  await desk.getByRole('button', { name: "Se déconnecter de l'espace gardien" }).click();
  await expect(desk.getByRole('heading', { name: 'Connexion du gardien' })).toBeVisible();
  await lodge.close();

  // The tenant sees the reply with its author and the planned date.
  await syncNow(page);
  await page.goto(`${baseUrl}#/mes-demandes`);
  await page.getByRole('link', { name: new RegExp(`^Demande n° ${number} – `) }).click();
  // In the request's page (main): the notification toasts after the footer say the same date.
  const detail = page.getByRole('main');
  await expect(detail.getByText(reply)).toBeVisible({ timeout: 15_000 });
  await expect(detail.getByText('M. Petit, gardien')).toBeVisible();
  await expect(detail.getByText('Intervention prévue le', { exact: true })).toBeVisible();
  await expect(detail.getByText(formatFrenchDate(planned), { exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'tenant request answered');

  // The tenant's change of phone number (the demo's: Téléphone Travail), refused by a customer
  // adviser with a comment, through the staff API.
  await page.goto(`${baseUrl}#/mon-dossier`);
  await expect(page.getByText('Une demande de mise à jour de ces informations est actuellement en cours.')).toBeVisible();
  const signIn = await (await fetch(`${server.url}/v1/staff/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: staff.adviser.email, password: STAFF_PASSWORD }) })).json();
  const session = await (
    await fetch(`${server.url}/v1/staff/auth/totp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ challenge: signIn.challenge, code: totp(staff.adviser.secret) }) })
  ).json();
  const auth = { authorization: `Bearer ${session.token}` };
  const queue = await (await fetch(`${server.url}/v1/staff/change-requests?status=pending&kind=personal_info`, { headers: auth })).json();
  const pendingId = queue.items.find((item: { tenantName: string }) => item.tenantName.includes('DUPONT'))?.id as string;
  expect(pendingId).toBeDefined();
  const comment = 'Merci de nous appeler pour confirmer ce nouveau numéro.';
  const decided = await fetch(`${server.url}/v1/staff/change-requests/${pendingId}/decision`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({ decision: 'refuse', comment }),
  });
  expect(decided.status, await decided.clone().text()).toBeLessThan(300);

  await syncNow(page);
  await page.reload();
  await expect(page.getByText(/^Votre demande du \d{2}\/\d{2}\/\d{4} a été refusée le \d{2}\/\d{2}\/\d{4}\.$/)).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText(comment)).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'mon-dossier refused');
});
