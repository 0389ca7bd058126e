/**
 * Issue 15, part A, as a tenant sees it, by visible labels in French (and English where the text
 * changes): forms that line up (radios beside their labels, sign-in boxes, the occupant editor,
 * a one-row menu at 1,024 px), our own file field (keyboard, drop, name, size, remove; type and
 * size checked at once, the summary saying what the field says), the 4,000-character counter and
 * limit, the bank's name and the new-window notice of the payment, readable CGU and privacy
 * policy, "Numéro TG" explained the same way everywhere, the site map, titles that name the step
 * or the request, the pending icon. axe runs on every screen.
 *
 * Nothing here depends on what another spec did before: the one test that must submit something
 * (an insurance certificate, for the pending icon) does it on its own stack (own-stack.ts), so
 * the shared server's demo tenant is left as the other specs expect it.
 */
import { expect, test, type Page } from '@playwright/test';
import { tinyPdf } from '../helpers/files';
import { expectNoSeriousA11yViolations } from './a11y';
import { signInDemo, startOwnPreview, startOwnServer } from './own-stack';
import { signIn, backToFrench } from './session';

const DOSSIER = '0123456789';

const PDF = {
  name: 'attestation.pdf',
  mimeType: 'application/pdf',
  buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
};
/** A Windows program renamed .pdf: "MZ" is where an .exe starts. */
const FAKE_PDF = { name: 'facture.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(2048, 0x41)]) };
/** A 2×2 PNG: a photo as small as it gets. */
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');
const png = (name: string) => ({ name, mimeType: 'image/png', buffer: TINY_PNG });
/** A real PNG just over 10 MB: refused for its size alone, before it is read. */
const HUGE_PNG = { name: 'photo-geante.png', mimeType: 'image/png', buffer: Buffer.concat([TINY_PNG, Buffer.alloc(10 * 1024 * 1024, 0)]) };
/** 15 MB that really is a PDF: refused for its size alone. */
const HUGE_PDF = { name: 'scan-complet.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(15 * 1024 * 1024, 0x20)]) };

async function signOutIfSignedIn(page: Page) {
  await page.goto('./#/accueil');
  await expect(page.locator('#page-title')).toBeVisible();
  const menuButton = page.getByRole('button', { name: /^(Mon compte|My account)$/ });
  if (!(await menuButton.isVisible())) return;
  await expect(page.getByText(/envois? en attente|items? waiting/)).toHaveCount(0, { timeout: 15_000 });
  await menuButton.click();
  await page.getByRole('menuitem', { name: /Se déconnecter|Sign out/ }).click();
  await expect(page.getByRole('button', { name: /SE CONNECTER|SIGN IN/ })).toBeVisible();
}

/** Runs `body` in English, then puts the app back in French (the language is a saved setting). */
async function inEnglish(page: Page, body: () => Promise<void>) {
  await page.getByRole('button', { name: 'English' }).click();
  try {
    await body();
  } finally {
    await backToFrench(page);
  }
}

const box = async (page: Page, locator: ReturnType<Page['locator']>) => {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`no box for ${String(locator)}`);
  return found;
};

test.describe.configure({ mode: 'serial' });
test.afterEach(async ({ page }) => signOutIfSignedIn(page));

test('layout: sign-in boxes on one line, radios beside their labels, one-row menu at 1,024 px, occupant fields level', async ({ page }) => {
  // The stack is shared with the specs before this one: start signed out, whatever they left.
  await signOutIfSignedIn(page);
  await page.setViewportSize({ width: 1024, height: 800 });
  await page.goto('./#/connexion');
  const create = await box(page, page.getByRole('region', { name: 'Créer mon compte' }));
  const signInBox = await box(page, page.getByRole('region', { name: 'Je me connecte' }));
  expect(Math.abs(create.y - signInBox.y)).toBeLessThanOrEqual(1);

  await signIn(page);
  const entries = page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link');
  await expect(entries).toHaveCount(7);
  const tops = await entries.evaluateAll((links) => links.map((link) => Math.round(link.getBoundingClientRect().top)));
  expect(new Set(tops).size, `menu rows at 1,024 px: ${tops.join(', ')}`).toBe(1);

  await page.goto('./#/nouvelle-demande');
  for (const name of ['Demande technique', 'Demande administrative']) {
    const radio = await box(page, page.getByRole('radio', { name }));
    const label = await box(page, page.locator('label', { hasText: name }));
    // RGAA 11.4: the label right next to its radio (it was about 250 px away).
    expect(label.x - (radio.x + radio.width), name).toBeLessThan(24);
    expect(label.x - (radio.x + radio.width), name).toBeGreaterThanOrEqual(0);
  }
  await expectNoSeriousA11yViolations(page, '#/nouvelle-demande at 1,024 px');

  await page.goto('./#/mon-contrat');
  await page.getByRole('button', { name: `MODIFIER les occupants du dossier n° ${DOSSIER}` }).click();
  // A label on two lines ("Date de naissance (jj/mm/aaaa)") must not push its box below its row's.
  const second = page.getByRole('group', { name: 'Occupant 2' });
  const bottoms = await Promise.all(
    [second.getByLabel('Date de naissance (jj/mm/aaaa)'), second.getByLabel('Parenté')].map(async (field) => {
      const { y, height } = await box(page, field);
      return Math.round(y + height);
    }),
  );
  expect(new Set(bottoms).size, `bottoms of the birth date and relationship boxes: ${bottoms.join(', ')}`).toBe(1);
  await page.getByRole('button', { name: 'ANNULER' }).click();
});

test('autocomplete: the email confirmation is "email", the insurer is "organization" (RGAA 11.13)', async ({ page }) => {
  await signIn(page);
  await page.goto('./#/modifier-email');
  await expect(page.getByLabel('Email', { exact: true })).toHaveAttribute('autocomplete', 'email');
  await expect(page.getByLabel('Ressaisissez votre email')).toHaveAttribute('autocomplete', 'email');
  await page.goto('./#/mon-assurance');
  await expect(page.getByLabel("Nom de l'assureur")).toHaveAttribute('autocomplete', 'organization');
});

test('file field: in French, by keyboard, type and size checked on selection, the summary says what the field says, remove', async ({ page }) => {
  // 15 MB files cross from the test runner to the page twice: slow on a shared machine.
  test.setTimeout(150_000);
  await signIn(page);
  await page.goto('./#/mon-assurance');
  await expect(page.getByText('Choose File')).toHaveCount(0);
  await expect(page.getByText('Choisir un fichier', { exact: true })).toBeVisible();
  await expect(page.getByText('ou glissez-le ici')).toBeVisible();
  const file = page.getByLabel('Pièce justificative');
  await page.getByLabel('Au (jj/mm/aaaa)').focus();
  await page.keyboard.press('Tab');
  await expect(file).toBeFocused();
  await expectNoSeriousA11yViolations(page, 'insurance, file field empty');

  // 15 MB: refused at once, next to the field; the summary says the same, not "obligatoire".
  await file.setInputFiles(HUGE_PDF);
  const tooLarge = 'Ce fichier est trop volumineux : 10 Mo au maximum. Choisissez un fichier plus petit.';
  await expect(page.locator('.field-error', { hasText: tooLarge })).toBeVisible();
  await expect(file).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/Fichier choisi/)).toHaveCount(0);
  await page.getByRole('button', { name: 'ÉTAPE SUIVANTE' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: `Pièce justificative : ${tooLarge}` })).toBeVisible();
  await expect(summary).not.toContainText('Pièce justificative : Ce champ est obligatoire.');

  // A program renamed .pdf: refused at step 1, by its content.
  await file.setInputFiles(FAKE_PDF);
  const notPdf = 'Ce fichier est illisible ou ne correspond pas à son type. Choisissez un autre fichier.';
  await expect(page.locator('.field-error', { hasText: notPdf })).toBeVisible();
  await expect(page.locator('.field-error', { hasText: tooLarge })).toHaveCount(0);
  await expect(page.getByText(/Fichier choisi/)).toHaveCount(0);
  await page.getByRole('button', { name: 'ÉTAPE SUIVANTE' }).click();
  await expect(summary.getByRole('link', { name: `Pièce justificative : ${notPdf}` })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Étape 2/ })).toBeHidden();
  await expectNoSeriousA11yViolations(page, 'insurance, file refused');

  // A real PDF: its name and size in French units, no error left beside it; "Retirer" takes it away.
  await file.setInputFiles(PDF);
  await expect(page.getByText(`Fichier choisi : ${PDF.name} (1 ko)`)).toBeVisible();
  await expect(page.getByText(`Fichier ajouté : ${PDF.name} (1 ko).`)).toBeAttached();
  await expect(page.locator('.file-field .field-error')).toHaveCount(0);
  await expect(file).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Choisir un autre fichier', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: `Retirer le fichier ${PDF.name}` }).click();
  await expect(page.getByText(/Fichier choisi/)).toHaveCount(0);
  await expect(file).toBeFocused();
  await expect(page.getByText('Le fichier a été retiré.')).toBeAttached();

  // Dropped on the zone.
  const dropped = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['%PDF-1.4\n%%EOF\n'], 'glisse.pdf', { type: 'application/pdf' }));
    return transfer;
  });
  await page.locator('.drop-zone').dispatchEvent('drop', { dataTransfer: dropped });
  await expect(page.getByText('Fichier choisi : glisse.pdf (1 ko)')).toBeVisible();

  // The RIB page has the same field.
  await page.goto('./#/mettre-a-jour-rib');
  await expect(page.getByText('Choisir un fichier', { exact: true })).toBeVisible();
  await page.getByLabel('Pièce jointe').setInputFiles(FAKE_PDF);
  await expect(page.locator('.field-error', { hasText: notPdf })).toBeVisible();

  await inEnglish(page, async () => {
    await page.goto('./#/mon-assurance');
    await expect(page.getByText('Choose a file', { exact: true })).toBeVisible();
    await page.getByLabel('Supporting document').setInputFiles(HUGE_PDF);
    await expect(page.locator('.field-error', { hasText: 'This file is too large: 10 MB at most.' })).toBeVisible();
    await page.getByLabel('Supporting document').setInputFiles(PDF);
    await expect(page.getByText(`File chosen: ${PDF.name} (1 kB)`)).toBeVisible();
    // "Step 1: …" in English, no French space before the colon.
    await expect(page.getByRole('heading', { level: 2, name: /^Step 1: / })).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'insurance in English');
  });
});

test('photos of a new request: the same file field for several files, each checked on choice, named, sized and removed alone', async ({ page }) => {
  await signIn(page);
  await page.goto('./#/nouvelle-demande');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nouvelle demande');
  await expect(page.getByText('Choose File')).toHaveCount(0);
  await expect(page.getByText('Choisir des fichiers', { exact: true })).toBeVisible();
  await expect(page.getByText('ou glissez-les ici')).toBeVisible();
  const photos = page.getByLabel('Photos (facultatif)');
  // By keyboard: the field comes right after the permission box.
  await page.getByLabel("J'autorise le personnel à entrer dans mon logement en mon absence").focus();
  await page.keyboard.press('Tab');
  await expect(photos).toBeFocused();

  // One choice of four: the photo is added, the three others are said with their names, at once.
  await photos.setInputFiles([png('fuite.png'), { ...PDF, name: 'devis.pdf' }, { ...FAKE_PDF, name: 'vacances.jpg' }, HUGE_PNG]);
  const refused = page.getByRole('alert').filter({ hasText: '« devis.pdf »' });
  await expect(refused).toContainText("« devis.pdf » : Ce type de fichier n'est pas accepté. Choisissez une photo JPEG ou PNG.");
  await expect(refused).toContainText('« vacances.jpg » : Ce fichier est illisible ou ne correspond pas à son type. Choisissez un autre fichier.');
  await expect(refused).toContainText(`« ${HUGE_PNG.name} » : Ce fichier est trop volumineux : 10 Mo au maximum.`);
  await expect(page.getByRole('img', { name: 'Photo jointe 1 : fuite.png' })).toBeVisible();
  await expect(page.getByText('fuite.png (1 ko)')).toBeVisible();
  await expect(page.getByText('1 fichier(s) joint(s) sur 5.', { exact: true }).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'nouvelle-demande, photos refused');

  // Dropped on the zone: five more, one over the limit, which is said and left out.
  const dropped = await page.evaluateHandle(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const transfer = new DataTransfer();
    for (const name of ['b.png', 'c.png', 'd.png', 'e.png', 'f.png']) transfer.items.add(new File([bytes], name, { type: 'image/png' }));
    return transfer;
  }, TINY_PNG.toString('base64'));
  await page.locator('.drop-zone').dispatchEvent('drop', { dataTransfer: dropped });
  await expect(page.getByRole('alert').filter({ hasText: '« f.png »' })).toContainText("« f.png » : Ce fichier n'a pas été ajouté : 5 fichiers au plus.");
  await expect(page.getByRole('img', { name: /^Photo jointe \d : / })).toHaveCount(5);
  await expect(page.getByText('Vous avez joint 5 fichiers, le maximum : retirez-en un pour en ajouter un autre.')).toBeVisible();
  await expect(page.locator('.drop-zone')).toHaveCount(0);

  // Each photo has its own "Retirer"; focus goes to the next one, and the zone comes back.
  await page.getByRole('button', { name: 'Retirer le fichier c.png' }).click();
  await expect(page.getByRole('img', { name: /^Photo jointe \d : / })).toHaveCount(4);
  await expect(page.getByRole('img', { name: 'Photo jointe 3 : d.png' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Retirer le fichier d.png' })).toBeFocused();
  await expect(page.getByText('Fichier retiré. 4 fichier(s) joint(s) sur 5.')).toBeAttached();
  await expect(page.getByText('Choisir des fichiers', { exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'nouvelle-demande, photos listed');

  await inEnglish(page, async () => {
    await expect(page.getByText('Choose files', { exact: true })).toBeVisible();
    await expect(page.getByRole('img', { name: 'Attached photo 1: fuite.png' })).toBeVisible();
    await page.getByLabel('Photos (optional)').setInputFiles([{ ...PDF, name: 'devis.pdf' }, png('g.png')]);
    await expect(page.getByRole('alert').filter({ hasText: '“devis.pdf”' })).toContainText('“devis.pdf”: This type of file is not accepted. Choose a JPEG or PNG photo.');
    await expect(page.getByText('5 of 5 file(s) attached.', { exact: true }).first()).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'new request photos (en)');
  });
});

test('messages: the 4,000-character limit is said and counted as you type; the CAF number too', async ({ page }) => {
  await signIn(page);
  await page.goto('./#/nouvelle-demande');
  const description = page.getByLabel('Description');
  await expect(page.getByText('0 caractère sur 4 000 au plus')).toBeVisible();
  // Counted as the contract counts: without the spaces around.
  await description.fill('  Fuite sous l’évier. ');
  await expect(page.getByText('19 caractères sur 4 000 au plus')).toBeVisible();
  await description.fill('a'.repeat(25_500));
  await expect(page.getByText('25 500 caractères : 21 500 de trop (4 000 au plus)')).toBeVisible();
  // Screen readers hear it once typing pauses, politely, not at each key.
  const live = page.locator('#request-description ~ [aria-live="polite"]');
  await expect(live).toHaveText('25 500 caractères : 21 500 de trop (4 000 au plus)');
  await page.getByLabel('Catégorie').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'ENVOYER MA DEMANDE' }).click();
  const tooLong = 'Ce texte est trop long : 4 000 caractères au plus.';
  await expect(page.locator('.field-error', { hasText: tooLong })).toBeVisible();
  await expect(page.getByRole('alert').getByRole('link', { name: `Description : ${tooLong}` })).toBeVisible();
  await expect(page.getByText("Cette valeur n'est pas valide.")).toHaveCount(0);
  await expect(description).toHaveValue('a'.repeat(25_500));
  await expectNoSeriousA11yViolations(page, 'new request, description too long');

  await inEnglish(page, async () => {
    await expect(page.getByText('25,500 characters: 21,500 too many (4,000 at most)')).toBeVisible();
    await expect(page.locator('.field-error', { hasText: 'This text is too long: 4,000 characters at most.' })).toBeVisible();
  });

  await page.goto('./#/mon-dossier');
  await page.getByRole('button', { name: 'MODIFIER mes informations personnelles' }).click();
  await page.getByLabel("Numéro d'allocataire").fill('1234567890123456789012345');
  await page.getByRole('button', { name: 'VALIDER' }).click();
  await expect(page.locator('.field-error', { hasText: 'Ce texte est trop long : 20 caractères au plus.' })).toBeVisible();
});

test('payment: the button says it opens the bank window; the summary has one colon', async ({ page }) => {
  await signIn(page);
  await page.goto('./#/payer');
  const next = page.getByRole('button', { name: 'ÉTAPE SUIVANTE (ouvre la page de paiement de votre banque dans une nouvelle fenêtre)' });
  await expect(next).toBeVisible();
  await expect(page.getByText('Solde à jour :')).toBeVisible();
  await page.getByLabel('Montant que vous souhaitez payer par carte bancaire :').fill('abc');
  await next.click();
  const link = page.getByRole('alert').getByRole('link', { name: /^Montant/ });
  await expect(link).toHaveText(/^Montant que vous souhaitez payer par carte bancaire : Saisissez un montant/);
  await expect(link).not.toContainText(': :');
  await expect(page).toHaveTitle(/^Payer en ligne – Étape 1 : Montant du paiement – /);
  await expectNoSeriousA11yViolations(page, '#/payer with an error');
});

test('sign-up: the CGU and the privacy policy can be read before ticking; the hint shows a TG number', async ({ page }) => {
  await page.goto('./#/inscription');
  await expect(page.getByText('Il figure sur votre avis d’échéance, par exemple 1000123456.')).toBeVisible();
  await expect(page.getByText(`par exemple ${DOSSIER}`)).toHaveCount(0);
  await page.getByLabel('Nom du signataire', { exact: true }).fill('DURAND');

  await page.getByRole('button', { name: "Lire les Conditions générales d'utilisation" }).click();
  const cgu = page.getByRole('dialog', { name: "Conditions générales d'utilisation" });
  await expect(cgu).toBeVisible();
  await expect(cgu.getByRole('region', { name: "Conditions générales d'utilisation" })).toContainText('Le compte est personnel');
  await expectNoSeriousA11yViolations(page, 'sign-up, CGU open');
  await cgu.getByRole('button', { name: 'Fermer' }).click();
  await expect(cgu).toBeHidden();
  await expect(page.getByRole('button', { name: "Lire les Conditions générales d'utilisation" })).toBeFocused();

  await page.getByRole('button', { name: 'Lire la Politique de confidentialité' }).click();
  const privacy = page.getByRole('dialog', { name: 'Politique de confidentialité' });
  await expect(privacy).toContainText('délégué à la protection des données');
  await page.keyboard.press('Escape');
  await expect(privacy).toBeHidden();
  // Nothing typed is lost.
  await expect(page.getByLabel('Nom du signataire', { exact: true })).toHaveValue('DURAND');

  await page.goto('./#/identifiants-oublies');
  await expect(page.getByText('référence client')).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Numéro TG' })).toBeVisible();
  await expect(page.getByText('Il figure sur votre avis d’échéance, par exemple 1000123456.')).toBeVisible();
  await page.getByRole('button', { name: 'Où trouver mon Numéro TG ?' }).click();
  await expect(page.getByRole('dialog', { name: 'Où trouver votre Numéro TG ?' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'identifiants oubliés, help open');
  await page.keyboard.press('Escape');

  await inEnglish(page, async () => {
    await expect(page.getByRole('textbox', { name: 'TG number' })).toBeVisible();
    await expect(page.getByText('customer reference')).toHaveCount(0);
    await page.goto('./#/inscription');
    await page.getByRole('button', { name: 'Read the Terms of use' }).click();
    await expect(page.getByRole('dialog', { name: 'Terms of use' }).locator('[lang="fr"]')).toContainText('Le compte est personnel');
    await page.keyboard.press('Escape');
  });
});

test('site map from the footer lists every screen; titles name the step and the request; the pending icon is drawn', async ({ page }) => {
  // Its own stack (a server with the demo's documents, a preview) starts within the test.
  test.setTimeout(180_000);
  await page.goto('./#/connexion');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Plan du site' }).click();
  await expect(page).toHaveURL(/#\/plan-du-site$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Plan du site');
  await expect(page).toHaveTitle(/^Plan du site – /);
  const map = page.getByRole('navigation', { name: 'Plan du site' });
  for (const name of ['Accueil', 'Payer en ligne', 'Mon dossier', 'Mon assurance logement', 'Mon contrat', 'Ma situation de solde', 'Mettre à jour mon RIB', 'Mes documents', 'Mes demandes', 'Nouvelle demande', 'Nous contacter', 'Modifier mon adresse email', 'Modifier mon mot de passe', 'Connexion', 'Inscription', 'Identifiants oubliés', 'Mot de passe oublié', 'Accessibilité', 'Plan du site']) {
    await expect(map.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await expectNoSeriousA11yViolations(page, '#/plan-du-site');
  await inEnglish(page, async () => {
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Site map');
    await expect(page.getByRole('contentinfo').getByRole('link', { name: 'Site map' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Site map' }).getByRole('link', { name: 'Forgotten identifier', exact: true })).toBeVisible();
  });

  // The rest submits an insurance certificate: on a stack of its own (a fresh demo tenant, whose
  // insurance is not pending yet), whatever the other specs did or will do on the shared one.
  const own = await startOwnPreview(await startOwnServer());
  try {
    const go = (hash: string) => page.goto(`${own.baseUrl}#/${hash}`);
    await signInDemo(page, own.baseUrl);
    await go('mon-assurance');
    await expect(page).toHaveTitle(/^Mon assurance logement – Étape 1 : Saisie de mon assurance – /);
    await go('mes-demandes');
    await page.getByRole('link', { name: /Demande n° \d+/ }).first().click();
    await expect(page).toHaveTitle(/^Ma demande – Demande n° \d+ – /);

    // An insurance certificate waiting for the landlord: an SVG hourglass, never the "⏳" glyph.
    await go('mon-dossier');
    const insurance = page.getByRole('region', { name: 'Mon assurance logement' });
    await expect(insurance).toBeVisible();
    await expect(insurance.getByText('en attente de vérification')).toHaveCount(0);
    await go('mon-assurance');
    await page.getByLabel("Nom de l'assureur").fill('MUTUELLE DE DÉMONSTRATION');
    await page.getByLabel('Police n°').fill('UX-2026-015');
    await page.getByLabel('Du (jj/mm/aaaa)').fill('01/01/2026');
    await page.getByLabel('Au (jj/mm/aaaa)').fill('31/12/2026');
    // A real one-page PDF: the server parses what it receives (the minimal PDF above is refused there).
    await page.getByLabel('Pièce justificative').setInputFiles({ ...PDF, buffer: tinyPdf() });
    await page.getByRole('button', { name: 'ÉTAPE SUIVANTE' }).click();
    await expect(page).toHaveTitle(/^Mon assurance logement – Étape 2 : Vérification de mes informations – /);
    await page.getByRole('button', { name: 'VALIDER' }).click();
    await expect(page.getByText('Votre demande a été enregistrée')).toBeVisible();
    await go('mon-dossier');
    const pending = insurance.locator('.status-pending');
    await expect(pending).toContainText('en attente de vérification');
    await expect(pending.locator('svg.pending-icon')).toHaveCount(1);
    expect(await page.locator('main').innerText()).not.toContain('⏳');
  } finally {
    await page.goto('about:blank');
    await own.close();
  }
});
