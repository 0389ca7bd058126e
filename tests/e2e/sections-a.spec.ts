/**
 * The account sections of issue 5, as a tenant would use them, by their French labels: Accueil,
 * Mon dossier, Mon assurance logement (wizard), Mon contrat, Ma situation de solde and the RIB
 * wizard. The server's state is shared with the other spec files of the run (writes persist),
 * so assertions never assume a count of pending items.
 */
import { expect, test, type Page } from '@playwright/test';
import { formatEuros } from '../../src-shared/format/money';
import { addMonths, formatFrenchDate, formatLongDate } from '../../src-shared/validation/dates';
import { TEST_TODAY } from '../helpers/clock';
import { tinyPdf } from '../helpers/files';
import { expectNoSeriousA11yViolations } from './a11y';
import { DEMO, signIn, backToFrench } from './session';

const DOSSIER = '0123456789';
/** An amount as formatEuros writes it in French ("1 234,56 €"). */
const AMOUNT = /\d[\d\u202f]*,\d{2}\u00a0€/;

const PDF = {
  name: 'attestation-assurance.pdf',
  mimeType: 'application/pdf',
  // A real one-page PDF: the server parses what it receives.
  buffer: tinyPdf(),
};

async function open(page: Page, menuLink: string) {
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: menuLink, exact: true }).click();
}

/** A date n months from the stack's today (TEST_TODAY: tests/e2e/stack.ts pins it), as typed (jj/mm/aaaa). */
function monthsFromToday(months: number): string {
  const day = String(Math.min(Number(TEST_TODAY.slice(8, 10)), 28)).padStart(2, '0');
  return formatFrenchDate(`${addMonths(TEST_TODAY.slice(0, 7), months)}-${day}`);
}

test.describe.configure({ mode: 'serial' });

// The preview's session lives in main, not in the browser: sign out after each test, once the
// queued writes have reached the server (else sign-out rightly asks about unsent items).
test.afterEach(async ({ page }) => {
  await page.goto('./#/accueil');
  await expect(page.locator('#page-title')).toBeVisible();
  const menuButton = page.getByRole('button', { name: 'Mon compte' });
  if (!(await menuButton.isVisible())) return;
  await expect(page.getByText(/envois? en attente/)).toHaveCount(0, { timeout: 15_000 });
  await menuButton.click();
  await page.getByRole('menuitem', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('button', { name: 'SE CONNECTER' })).toBeVisible();
});

test('Accueil: dossier, address, balance worded créditeur/débiteur, today, last actions by day, to-do', async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bienvenue dans votre espace locataire');
  const account = page.getByRole('region', { name: 'Mon compte' });
  await expect(account).toContainText(`Dossier n° ${DOSSIER}`);
  await expect(account).toContainText('8 RUE SAINT NICOLAS');
  await expect(account).toContainText('78000 VERSAILLES');
  await expect(account).toContainText(formatLongDate(TEST_TODAY, 'fr'));
  await expect(account.getByText(/Votre compte est (créditeur|débiteur) de/)).toBeVisible();
  await expect(account.locator('.balance-amount')).toHaveText(AMOUNT);
  await expect(account.getByRole('link', { name: 'PAYER EN LIGNE' })).toHaveAttribute('href', '#/payer');

  const actions = page.getByRole('region', { name: 'Mes dernières actions' });
  await expect(actions.getByRole('heading', { level: 3 }).first()).toBeVisible();
  await expect(actions.getByRole('listitem').filter({ hasText: /Demande n° \d+/ }).first()).toContainText(/\d{2}:\d{2}:\d{2}/);
  await expect(page.getByRole('region', { name: 'À faire' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, '#/accueil');
});

test('Mon dossier: personal information as the seed shows it, then MODIFIER -> VALIDER -> pending banner', async ({ page }) => {
  await signIn(page);
  await open(page, 'MON DOSSIER');
  const personal = page.getByRole('region', { name: 'Mes informations personnelles' });
  await expect(personal).toContainText('Mme DUPONT MARTINE');
  await expect(personal).toContainText(DEMO.email);
  await expect(personal).toContainText('COORDONNÉES', { ignoreCase: true });
  await expect(personal.getByRole('definition').first()).toHaveText(/^\d{2}(\.\d{2}){4}$|Non renseigné/);
  await expect(personal).toContainText("Numéro d'allocataire");
  await expect(page.getByRole('region', { name: 'Je paie mon loyer en ligne' }).getByRole('link', { name: 'PAYER EN LIGNE' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Mon assurance logement' })).toContainText(`DOSSIER N° ${DOSSIER}`);
  await expectNoSeriousA11yViolations(page, '#/mon-dossier');

  await personal.getByRole('button', { name: 'MODIFIER mes informations personnelles' }).click();
  await expect(page.getByLabel('Téléphone Domicile')).toBeVisible();
  await page.getByLabel('Téléphone Travail').fill('12');
  await page.getByRole('button', { name: 'VALIDER' }).click();
  await expect(page.getByLabel('Téléphone Travail')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert')).toContainText('Téléphone Travail');
  await expectNoSeriousA11yViolations(page, '#/mon-dossier (edit, with errors)');

  await page.getByLabel('Téléphone Travail').fill('01 30 12 34 56');
  await page.getByRole('button', { name: 'VALIDER' }).click();
  await expect(page.getByText('Votre demande a été enregistrée')).toBeVisible();
  await expect(page.getByText('Une demande de mise à jour de ces informations est actuellement en cours.')).toBeVisible();
  await expect(personal.getByRole('button', { name: 'MODIFIER mes informations personnelles' })).toBeVisible();
});

test('Mon assurance logement: the 3-step wizard with a PDF; the home alert goes, the status is pending', async ({ page }) => {
  await signIn(page);
  const alert = page.getByText("ALERTE : l'assurance de votre logement.");
  await expect(alert).toBeVisible();
  await page.getByRole('link', { name: 'RENOUVELER MON ASSURANCE' }).click();
  await expect(page).toHaveURL(/#\/mon-assurance$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mettre à jour mon assurance');
  const steps = page.getByRole('list', { name: 'Étapes de la demande' });
  await expect(steps.locator('[aria-current="step"]')).toContainText('Saisie de mon assurance');
  await expectNoSeriousA11yViolations(page, 'insurance step 1');

  await page.getByRole('button', { name: 'ÉTAPE SUIVANTE' }).click();
  await expect(page.getByLabel("Nom de l'assureur")).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Pièce justificative')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert')).toBeFocused();
  await expectNoSeriousA11yViolations(page, 'insurance step 1 with errors');

  await page.getByLabel("Nom de l'assureur").fill('MUTUELLE DE DÉMONSTRATION');
  await page.getByLabel('Police n°').fill('HAB-2026-001');
  await page.getByLabel('Du (jj/mm/aaaa)').fill(monthsFromToday(-1));
  await page.getByLabel('Au (jj/mm/aaaa)').fill(monthsFromToday(11));
  await page.getByLabel('Pièce justificative').setInputFiles(PDF);
  await expect(page.getByText(`Fichier choisi : ${PDF.name}`)).toBeVisible();
  await page.getByRole('button', { name: 'ÉTAPE SUIVANTE' }).click();

  const heading2 = page.getByRole('heading', { name: 'Étape 2 : Vérification de mes informations' });
  await expect(heading2).toBeFocused();
  await expect(steps.locator('[aria-current="step"]')).toContainText('Vérification de mes informations');
  await expect(page.getByRole('definition').filter({ hasText: 'MUTUELLE DE DÉMONSTRATION' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: PDF.name })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'insurance step 2');
  await page.getByRole('button', { name: 'VALIDER' }).click();

  await expect(page.getByRole('heading', { name: 'Étape 3 : Enregistrement de mes informations' })).toBeFocused();
  await expect(page.getByText('Votre demande a été enregistrée')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'insurance step 3');

  await open(page, 'ACCUEIL');
  await expect(page.getByRole('region', { name: 'Mon compte' })).toBeVisible();
  await expect(alert).toHaveCount(0);
  await open(page, 'MON DOSSIER');
  await expect(page.getByRole('region', { name: 'Mon assurance logement' })).toContainText('en attente de vérification');
});

test('Mon contrat: contracts, address, occupants table; add and remove an occupant -> pending', async ({ page }) => {
  await signIn(page);
  await open(page, 'MON CONTRAT');
  const dossier = page.getByRole('region', { name: `DOSSIER N° ${DOSSIER}`, exact: true });
  for (const kind of ['Logement', 'Stationnement', 'Facturation']) {
    await expect(dossier.getByRole('heading', { name: kind, exact: true })).toBeVisible();
  }
  await expect(dossier.locator('address').first()).toContainText('Mme DUPONT MARTINE');
  await expect(dossier.locator('address').first()).toContainText('78000 VERSAILLES');
  await expect(dossier).toContainText('2 occupant(s)');
  await expect(dossier).toContainText('Les occupants de votre logement sont obligatoirement rattachés à votre foyer.');

  const table = page.getByRole('table', { name: `Occupants du logement, dossier n° ${DOSSIER}` });
  await expect(table.getByRole('columnheader')).toHaveText(['Civilité', 'Nom', 'Prénom', 'Date de naissance', 'Parenté', 'Occupant signataire']);
  await expect(table.getByRole('row').filter({ hasText: 'MARTINE' })).toContainText(['01/01/1970']);
  await expect(table.getByRole('row').filter({ hasText: 'MARTINE' }).getByRole('cell').last()).toHaveText('Oui');
  const child = table.getByRole('row').filter({ hasText: '01/01/2000' });
  await expect(child).toContainText('MARTIN');
  await expect(child).toContainText('enfant');
  await expect(child.getByRole('cell').last()).toHaveText('Non');
  await expectNoSeriousA11yViolations(page, '#/mon-contrat');

  await dossier.getByRole('button', { name: `MODIFIER les occupants du dossier n° ${DOSSIER}` }).click();
  const signatory = page.getByRole('group', { name: /Occupant 1 : signataire/ });
  await expect(signatory.getByLabel('Prénom')).toHaveValue('MARTINE');
  await expect(signatory.getByRole('button', { name: /RETIRER/ })).toHaveCount(0);
  await expect(signatory).toContainText("L'occupant signataire du contrat ne peut pas être retiré.");

  await page.getByRole('button', { name: 'AJOUTER UN OCCUPANT' }).click();
  const added = page.getByRole('group', { name: 'Occupant 3' });
  await expect(added.getByLabel('Civilité')).toBeFocused();
  await added.getByLabel('Civilité').selectOption('M.');
  await added.getByLabel('Nom', { exact: true }).fill('DUPONT');
  await added.getByLabel('Prénom').fill('PAUL');
  await added.getByLabel('Date de naissance (jj/mm/aaaa)').fill('15/03/2010');
  await added.getByLabel('Parenté').selectOption('enfant');
  await expectNoSeriousA11yViolations(page, '#/mon-contrat (edit)');

  await page.getByRole('group', { name: 'Occupant 2' }).getByRole('button', { name: /RETIRER CET OCCUPANT/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Occupant retiré. Il reste 2 occupant(s).' })).toBeAttached();
  await expect(page.getByRole('group', { name: 'Occupant 2' }).getByLabel('Prénom')).toHaveValue('PAUL');

  await page.getByRole('button', { name: 'VALIDER' }).click();
  await expect(page.getByText('Votre demande a été enregistrée')).toBeVisible();
  await expect(page.getByText('Une demande de modification des occupants est actuellement en cours.')).toBeVisible();
});

test('Ma situation de solde: balance at today, direct debit, masked bank details, ledger with APL as crédit, chart', async ({ page }) => {
  await signIn(page);
  const homeAmount = await page.getByRole('region', { name: 'Mon compte' }).locator('.balance-amount').innerText();
  await open(page, 'MA SITUATION DE SOLDE');
  await expect(page.getByRole('heading', { name: /Solde de votre compte au/i })).toContainText(formatLongDate(TEST_TODAY, 'fr'));
  const balanceLine = page.getByRole('listitem').filter({ hasText: `Dossier n° ${DOSSIER}` });
  await expect(balanceLine).toContainText('Solde à jour :');
  await expect(balanceLine.locator('.balance-amount')).toHaveText(homeAmount);
  await expect(balanceLine).toContainText(/\((créditeur|débiteur)\)/);

  await expect(page.getByText('Le montant de votre loyer est prélevé le 3 de chaque échéance de facturation')).toBeVisible();
  const bank = page.getByRole('table', { name: `Coordonnées bancaires du dossier n° ${DOSSIER} (en partie masquées)` });
  await expect(bank.getByRole('columnheader')).toHaveText(['Banque', 'IBAN', 'BIC', 'Titulaire']);
  await expect(bank).toContainText('DUPONT MARTINE');
  await expect(bank).toContainText('#');
  await expect(bank).not.toContainText('FR7630006000011234567890189');
  await expect(page.getByText('OPHDEMO-0123456789-01')).toBeVisible();

  const ledger = page.getByRole('table', { name: /Relevé de compte du dossier n° 0123456789/ });
  await expect(ledger.getByRole('columnheader')).toHaveText(['Date', 'Libellé', 'Débit', 'Crédit']);
  const rent = ledger.getByRole('row').filter({ hasText: /^.*Loyer / }).first();
  await expect(rent.getByRole('cell').nth(1)).toHaveText(formatEuros(41235));
  await expect(rent.getByRole('cell').nth(2)).toHaveText('');
  const apl = ledger.getByRole('row').filter({ hasText: 'APL' }).first();
  await expect(apl.getByRole('cell').nth(1)).toHaveText('');
  await expect(apl.getByRole('cell').nth(2)).toHaveText(formatEuros(15000));
  await expect(apl.getByRole('cell').first()).toHaveText(/^\d{2}\/\d{2}\/\d{4}$/);
  await expect(ledger.locator('tbody tr')).toHaveCount(12);
  await page.getByRole('button', { name: 'VOIR PLUS' }).click();
  await expect(ledger.locator('tbody tr')).toHaveCount(24);

  const year = TEST_TODAY.slice(0, 4);
  await page.getByLabel('Année', { exact: true }).selectOption(year);
  await expect(page.getByRole('table', { name: `Relevé de compte du dossier n° ${DOSSIER} : ${year}` })).toBeVisible();

  await expect(page.getByRole('img', { name: /Graphique du solde en fin de mois/ })).toBeVisible();
  await page.getByText('Voir les chiffres du graphique').click();
  await expect(page.getByRole('table', { name: `Solde en fin de mois, dossier n° ${DOSSIER}` }).locator('tbody tr')).toHaveCount(12);
  await expectNoSeriousA11yViolations(page, '#/ma-situation-de-solde');
});

test('RIB wizard: a bad IBAN checksum is refused next to the field, a German IBAN is accepted, with an attachment -> pending', async ({ page }) => {
  await signIn(page);
  await open(page, 'MA SITUATION DE SOLDE');
  await page.getByRole('link', { name: /METTRE À JOUR LE RIB/ }).click();
  await expect(page).toHaveURL(/#\/mettre-a-jour-rib$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mettre à jour mon RIB');
  await expect(page.getByLabel('Sélectionnez un contrat')).toContainText(`Dossier n° ${DOSSIER}`);
  await expect(page.getByRole('table', { name: /Coordonnées bancaires du dossier/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'RIB step 1');

  const iban = page.getByLabel('Code IBAN');
  await iban.fill('FR76 3000 6000 0112 3456 7890 188');
  await iban.press('Tab');
  await expect(iban).toHaveAttribute('aria-invalid', 'true');
  const ibanError = page.locator('#rib-iban-error');
  await expect(ibanError).toHaveText(/Cet IBAN contient une erreur de saisie/);
  await expect(iban).toHaveAttribute('aria-describedby', /rib-iban-error/);
  await expectNoSeriousA11yViolations(page, 'RIB step 1 with a bad IBAN');

  await iban.fill('DE89 3704 0044 0532 0130 00');
  await expect(page.getByText('IBAN valide : DE89 3704 0044 0532 0130 00')).toBeVisible();
  await expect(iban).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('BIC (Bank Identifier Code)').fill('COBADEFFXXX');
  await page.getByRole('group', { name: 'BANQUE' }).getByLabel('Nom de la banque').fill('COMMERZBANK');
  const holder = page.getByRole('group', { name: 'TITULAIRE' });
  await holder.getByLabel('Nom du titulaire').fill('DUPONT');
  await holder.getByLabel('Prénoms').fill('MARTINE');
  await holder.getByLabel('Adresse').fill('8 RUE SAINT NICOLAS');
  await holder.getByLabel('Ville').fill('VERSAILLES');
  await holder.getByLabel('Code postal').fill('78000');
  await page.getByLabel('Pièce jointe').setInputFiles({ ...PDF, name: 'rib.pdf' });
  await page.getByRole('button', { name: 'ÉTAPE SUIVANTE' }).click();

  await expect(page.getByRole('heading', { name: 'Étape 2 : Vérification de ma demande' })).toBeFocused();
  await expect(page.getByRole('definition').filter({ hasText: 'DE89 3704 0044 0532 0130 00' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'RIB step 2');
  await page.getByRole('button', { name: 'VALIDER' }).click();
  await expect(page.getByRole('heading', { name: 'Étape 3 : Enregistrement et pièces justificatives' })).toBeFocused();
  await expect(page.getByText('Votre demande a été enregistrée')).toBeVisible();
  await expect(page.getByText('Pièce justificative jointe : rib.pdf')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'RIB step 3');

  await page.getByRole('link', { name: 'RETOUR À MA SITUATION DE SOLDE' }).click();
  await expect(page.getByText('Une demande de changement de RIB est actuellement en cours.')).toBeVisible();
});

test('the insurance wizard works with the keyboard alone', async ({ page }) => {
  await signIn(page);
  await page.goto('./#/mon-assurance');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mettre à jour mon assurance');
  const insurer = page.getByLabel("Nom de l'assureur");
  await expect(insurer).toBeVisible();
  // From the page's heading, Tab reaches the first field of step 1.
  await page.getByRole('heading', { level: 1 }).focus();
  for (let i = 0; i < 10 && !(await insurer.evaluate((element) => element === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(insurer).toBeFocused();
  await page.keyboard.type('ASSUREUR CLAVIER');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Police n°')).toBeFocused();
  await page.keyboard.type('KB-42');
  await page.keyboard.press('Tab');
  await page.keyboard.type(monthsFromToday(0));
  await page.keyboard.press('Tab');
  await page.keyboard.type(monthsFromToday(12));
  await page.keyboard.press('Tab');
  const file = page.getByLabel('Pièce justificative');
  await expect(file).toBeFocused();
  // The OS file dialog cannot be driven here: the file is given to the focused field.
  await file.setInputFiles(PDF);
  // The chosen file can be taken away ("Retirer"), then the step goes on.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: `Retirer le fichier ${PDF.name}` })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'ÉTAPE SUIVANTE' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Étape 2 : Vérification de mes informations' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'MODIFIER' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'VALIDER' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Étape 3 : Enregistrement de mes informations' })).toBeFocused();
  await expect(page.getByText('Votre demande a été enregistrée')).toBeVisible();
});

test('every section of this part passes axe in English and fits a 320 px window', async ({ page }) => {
  await signIn(page);
  const pages = ['accueil', 'mon-dossier', 'mon-assurance', 'mon-contrat', 'ma-situation-de-solde', 'mettre-a-jour-rib'];
  await page.getByRole('button', { name: 'English' }).click();
  try {
    for (const slug of pages) {
      await page.goto(`./#/${slug}`);
      await expect(page.locator('#page-title')).toBeVisible();
      await expect(page.locator('.section-loading')).toHaveCount(0);
      await expectNoSeriousA11yViolations(page, `#/${slug} (en)`);
    }
    await page.goto('./#/accueil');
    await expect(page.getByText(/Your account is in (credit|debit) by/)).toBeVisible();
  } finally {
    await backToFrench(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  }

  await page.setViewportSize({ width: 320, height: 800 });
  for (const slug of pages) {
    await page.goto(`./#/${slug}`);
    await expect(page.locator('#page-title')).toBeVisible();
    await expect(page.locator('.section-loading')).toHaveCount(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `horizontal scroll on #/${slug} at 320 px`).toBeLessThanOrEqual(0);
  }
});
