/**
 * Starts the real app for one test: the Portal API server in demo mode in this process (embedded
 * PGlite in a temporary folder), and Electron on the project (the electron-vite build in out/)
 * with its own temporary user-data folder. Updates are off (PORTAL_DISABLE_UPDATES=1).
 *
 * Playwright drives the unpackaged app: a packaged build has the inspect fuse off
 * (EnableNodeCliInspectArguments), which is exactly what _electron.launch needs to attach.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { _electron as electron, type ElectronApplication } from 'playwright-core';
import { buildServer } from '../../server/src/app';

export const ROOT = join(import.meta.dirname, '..', '..');
export const DEMO = { email: 'martine.dupont@example.org', password: 'Demo-Locataire-2026!' };

/** The menu of the seed and each section's heading (as in tests/e2e/shell.spec.ts). */
export const SECTIONS = [
  { link: 'ACCUEIL', hash: '#/accueil', heading: 'Bienvenue dans votre espace locataire' },
  { link: 'MON DOSSIER', hash: '#/mon-dossier', heading: 'Mon dossier' },
  { link: 'MON CONTRAT', hash: '#/mon-contrat', heading: 'Mon contrat' },
  { link: 'MA SITUATION DE SOLDE', hash: '#/ma-situation-de-solde', heading: 'Ma situation de solde' },
  { link: 'MES DOCUMENTS', hash: '#/mes-documents', heading: 'Mes documents' },
  { link: 'MES DEMANDES', hash: '#/mes-demandes', heading: 'Mes demandes' },
  { link: 'NOUS CONTACTER', hash: '#/nous-contacter', heading: 'Nous contacter' },
];

type DemoServer = Awaited<ReturnType<typeof buildServer>>;

export interface Harness {
  app: ElectronApplication;
  window: Page;
  server: DemoServer | null;
  serverUrl: string;
  userDataDir: string;
  /** Stops the demo server (the app then works offline). */
  stopServer(): Promise<void>;
  /** Closes the app (not the server), then starts it again on the same user-data folder. */
  relaunch(options?: { args?: string[] }): Promise<void>;
  close(): Promise<void>;
}

export async function startDemoServer(work: string) {
  // On the wall clock, unlike the other stacks: the Electron app's main process (src-main/app) has
  // no clock to be given, and the two must agree on the day (nothing here depends on which it is).
  const server = await buildServer({ db: { kind: 'pglite', dataDir: join(work, 'pglite') }, demo: true, sandbox: true, passwordHashing: 'fast' });
  const serverUrl = await server.listen({ port: 0, host: '127.0.0.1' });
  return { server, serverUrl };
}

async function launchElectron(userDataDir: string, serverUrl: string, args: string[]) {
  const app = await electron.launch({
    args: [ROOT, `--user-data-dir=${userDataDir}`, ...args],
    env: { ...process.env, PORTAL_SERVER_URL: serverUrl, PORTAL_DISABLE_UPDATES: '1' },
  });
  const window = await app.firstWindow();
  return { app, window };
}

export async function launchApp(options: { args?: string[] } = {}): Promise<Harness> {
  const work = mkdtempSync(join(tmpdir(), 'el-electron-'));
  const userDataDir = join(work, 'user-data');
  const { server, serverUrl } = await startDemoServer(work);
  let launched = await launchElectron(userDataDir, serverUrl, options.args ?? []);
  const harness: Harness = {
    app: launched.app,
    window: launched.window,
    server,
    serverUrl,
    userDataDir,
    async stopServer() {
      await harness.server?.close();
      harness.server = null;
    },
    async relaunch(relaunchOptions = {}) {
      await harness.app.close();
      launched = await launchElectron(userDataDir, serverUrl, relaunchOptions.args ?? options.args ?? []);
      harness.app = launched.app;
      harness.window = launched.window;
    },
    async close() {
      await harness.app.close().catch(() => undefined);
      await harness.server?.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
  return harness;
}

export async function signIn(window: Page, email = DEMO.email, password = DEMO.password) {
  await expect(window.getByRole('button', { name: 'SE CONNECTER' })).toBeVisible();
  await window.getByLabel('Adresse mail').fill(email);
  await window.getByLabel('Mot de passe', { exact: true }).fill(password);
  await window.getByRole('button', { name: 'SE CONNECTER' }).click();
  await expect(window).toHaveURL(/#\/accueil$/);
}

/** Opens every section from the main menu and checks its heading. */
export async function visitEverySection(window: Page) {
  const menu = window.getByRole('navigation', { name: 'Menu principal' });
  await expect(menu.getByRole('link')).toHaveText(SECTIONS.map((section) => section.link));
  for (const section of SECTIONS) {
    await menu.getByRole('link', { name: section.link, exact: true }).click();
    await expect(window).toHaveURL(new RegExp(`${section.hash}$`));
    await expect(window.getByRole('heading', { level: 1 })).toHaveText(section.heading);
  }
}
