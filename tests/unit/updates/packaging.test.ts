/**
 * The electron-builder configuration, read the way electron-builder reads it (its own loader and
 * JSON schema, no Electron download), then checked for what a release must have: the fuses, the
 * native module outside the asar, the targets, the per-user installer, the update feed, and the
 * white-label settings. (Building the installers themselves needs Electron's binary: see the
 * release workflow and docs/RELEASING.md.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const require = createRequire(join(root, 'package.json'));
const configFile = join(root, 'electron-builder.config.cjs');

interface ConfigModule {
  (): Record<string, unknown>;
  createConfig(env: Record<string, string | undefined>): BuilderConfig;
  DEFAULT_APP_ID: string;
}
interface TargetEntry {
  target: string;
  arch: string[];
}
// The fields this test reads; electron-builder's schema checks the rest.
interface BuilderConfig {
  appId: string;
  productName: string;
  extraMetadata: { productName: string };
  files: string[];
  extraResources: { from: string; to: string }[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  buildDependenciesFromSource: boolean;
  beforeBuild: () => Promise<void>;
  electronFuses: Record<string, boolean>;
  publish: { provider: string; url: string }[] | null;
  afterSign: string;
  win: { target: TargetEntry[]; icon: string; artifactName: string; azureSignOptions?: Record<string, string> };
  nsis: Record<string, unknown>;
  mac: { target: TargetEntry[]; hardenedRuntime: boolean; entitlements: string; entitlementsInherit: string; notarize: boolean; icon: string };
  linux: { target: TargetEntry[]; icon: string };
}

const configModule = require(configFile) as ConfigModule;
const build = (env: Record<string, string | undefined> = {}) => configModule.createConfig(env);

// electron-builder's internals (CommonJS): the loader and schema validation `electron-builder`
// itself runs before packaging.
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: unknown): Promise<Record<string, unknown>>;
  validateConfiguration(config: unknown, debugLogger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

describe('electron-builder configuration', () => {
  it('loads through electron-builder and passes its schema, with and without a feed', async () => {
    const loaded = await getConfig(root, configFile, null);
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined();
    for (const env of [{}, { UPDATE_FEED_URL: 'https://maj.example.fr/el/', LANDLORD_APP_ID: 'fr.oph-exemple.locataire', LANDLORD_PRODUCT_NAME: 'Mon Espace OPH', AZURE_TRUSTED_SIGNING_ENDPOINT: 'https://weu.codesigning.azure.net/', AZURE_TRUSTED_SIGNING_ACCOUNT: 'oph', AZURE_TRUSTED_SIGNING_PROFILE: 'public' }]) {
      await expect(validateConfiguration(build(env), new DebugLogger(false))).resolves.toBeUndefined();
    }
  });

  it('the schema check is real: an unknown NSIS option is refused', async () => {
    const config = build();
    await expect(validateConfiguration({ ...config, nsis: { ...config.nsis, notAnOption: true } }, new DebugLogger(false))).rejects.toThrow(/configuration/);
  });

  it('sets every fuse the security baseline asks for', () => {
    expect(build().electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the app in an asar, better-sqlite3 unpacked and rebuilt for Electron', async () => {
    const config = build();
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
    // Compiled from source for Electron (issue 18): better-sqlite3 13 builds nothing while its
    // prebuilt binaries are there unless node-gyp gets force_build=1, and those are left out.
    expect(config.buildDependenciesFromSource).toBe(true);
    expect(config.files).toContain('!**/node_modules/better-sqlite3/prebuilds/**');
    const before = process.env.npm_config_force_build;
    try {
      delete process.env.npm_config_force_build;
      await config.beforeBuild();
      expect(process.env.npm_config_force_build).toBe('1');
    } finally {
      if (before === undefined) delete process.env.npm_config_force_build;
      else process.env.npm_config_force_build = before;
    }
    expect(config.files).toEqual(expect.arrayContaining(['out/**/*', 'package.json']));
    // What main reads from process.resourcesPath when packaged (src-main/app/main.ts).
    expect(config.extraResources).toEqual(
      expect.arrayContaining([expect.objectContaining({ from: 'resources', to: 'resources' }), expect.objectContaining({ from: 'db/migrations', to: 'db/migrations' })]),
    );
    const main = readFileSync(join(root, 'src-main', 'app', 'main.ts'), 'utf8');
    expect(main).toContain("app.isPackaged ? process.resourcesPath");
    expect(main).toContain("join(appRoot, 'resources')");
    expect(main).toContain("join(appRoot, 'db', 'migrations')");
    expect(existsSync(join(root, 'db', 'migrations'))).toBe(true);
  });

  it('targets: per-user NSIS in French and English, universal dmg + zip with hardened runtime, AppImage', () => {
    const config = build();
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      selectPerMachineByDefault: false,
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
      installerLanguages: ['fr_FR', 'en_US'],
      multiLanguageInstaller: true,
    });
    expect(config.mac.target).toEqual([
      { target: 'dmg', arch: ['universal'] },
      { target: 'zip', arch: ['universal'] },
    ]);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.notarize).toBe(false);
    expect(config.afterSign).toBe('./scripts/notarize.cjs');
    expect(config.linux.target).toEqual([{ target: 'AppImage', arch: ['x64'] }]);
  });

  it('entitlements grant only the JIT, and every referenced file exists', () => {
    const config = build();
    const entitlements = readFileSync(join(root, config.mac.entitlements), 'utf8');
    expect(config.mac.entitlementsInherit).toBe(config.mac.entitlements);
    expect([...entitlements.matchAll(/<key>([^<]+)<\/key>/g)].map((match) => match[1])).toEqual(['com.apple.security.cs.allow-jit']);
    for (const file of [config.win.icon, config.mac.icon, config.afterSign, 'resources/icons/icon.svg', 'resources/icons/512x512.png', 'resources/icons/256x256.png']) {
      expect(existsSync(join(root, file)), file).toBe(true);
    }
    // electron-builder makes .ico / .icns from a PNG of at least 512 px (macOS wants 1024).
    const png = readFileSync(join(root, config.mac.icon));
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(1024);
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(1024);
  });

  it('white-label: defaults, then app id, product name and feed from the environment', () => {
    const defaults = build();
    expect(defaults.appId).toBe(configModule.DEFAULT_APP_ID);
    expect(defaults.productName).toBe('Espace Locataire');
    expect(defaults.publish).toBeNull();
    expect(defaults.win.artifactName).toBe('espace-locataire-${version}-setup.${ext}');

    const landlord = build({ LANDLORD_APP_ID: 'fr.oph-exemple.locataire', LANDLORD_PRODUCT_NAME: 'Mon Espace Hélène', UPDATE_FEED_URL: 'https://maj.oph-exemple.fr/espace/' });
    expect(landlord.appId).toBe('fr.oph-exemple.locataire');
    expect(landlord.productName).toBe('Mon Espace Hélène');
    expect(landlord.extraMetadata.productName).toBe('Mon Espace Hélène');
    expect(landlord.win.artifactName).toBe('mon-espace-helene-${version}-setup.${ext}');
    expect(landlord.publish).toEqual([{ provider: 'generic', url: 'https://maj.oph-exemple.fr/espace/', channel: 'latest' }]);
  });

  it('refuses a malformed app id and a plain-http feed', () => {
    expect(() => build({ LANDLORD_APP_ID: 'mon bailleur' })).toThrow(/LANDLORD_APP_ID/);
    expect(() => build({ UPDATE_FEED_URL: 'http://maj.example.fr/' })).toThrow(/https/);
  });

  it('Windows signing: Azure Trusted Signing only when all three settings are given', () => {
    expect(build().win.azureSignOptions).toBeUndefined();
    expect(build({ AZURE_TRUSTED_SIGNING_ENDPOINT: 'https://weu.codesigning.azure.net/' }).win.azureSignOptions).toBeUndefined();
    expect(build({ AZURE_TRUSTED_SIGNING_ENDPOINT: 'https://weu.codesigning.azure.net/', AZURE_TRUSTED_SIGNING_ACCOUNT: 'oph', AZURE_TRUSTED_SIGNING_PROFILE: 'public' }).win.azureSignOptions).toMatchObject({
      endpoint: 'https://weu.codesigning.azure.net/',
      codeSigningAccountName: 'oph',
      certificateProfileName: 'public',
    });
  });
});

describe('notarization hook', () => {
  const { notarizeOptions } = require(join(root, 'scripts', 'notarize.cjs')) as {
    notarizeOptions(env: Record<string, string>, appPath: string): Record<string, string> | null;
  };
  const notarizeHook = require(join(root, 'scripts', 'notarize.cjs')) as (context: unknown) => Promise<void>;

  it('uses the Apple ID trio, or an API key, and nothing when either is incomplete', () => {
    expect(notarizeOptions({}, '/x.app')).toBeNull();
    expect(notarizeOptions({ APPLE_ID: 'a@b.fr', APPLE_TEAM_ID: 'T' }, '/x.app')).toBeNull();
    expect(notarizeOptions({ APPLE_ID: 'a@b.fr', APPLE_APP_SPECIFIC_PASSWORD: 'p', APPLE_TEAM_ID: 'T' }, '/x.app')).toEqual({ appPath: '/x.app', appleId: 'a@b.fr', appleIdPassword: 'p', teamId: 'T' });
    expect(notarizeOptions({ APPLE_API_KEY: '/k.p8', APPLE_API_KEY_ID: 'K', APPLE_API_ISSUER: 'I' }, '/x.app')).toEqual({ appPath: '/x.app', appleApiKey: '/k.p8', appleApiKeyId: 'K', appleApiIssuer: 'I' });
  });

  it('does nothing for Windows and Linux packages', async () => {
    await expect(notarizeHook({ electronPlatformName: 'win32', appOutDir: '/tmp/none', packager: {} })).resolves.toBeUndefined();
  });
});

describe('release workflow', () => {
  const workflow = readFileSync(join(root, '.github', 'workflows', 'release.yml'), 'utf8');
  const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

  it('runs only package.json scripts that exist, and builds with this configuration', () => {
    const used = [...workflow.matchAll(/npm run ([\w:-]+)/g), ...workflow.matchAll(/^\s+dist: ([\w:-]+)$/gm)].map((match) => match[1]);
    expect(used).toEqual(expect.arrayContaining(['build', 'rebuild:electron', 'test:electron', 'dist:win', 'dist:mac', 'dist:linux']));
    for (const script of used) expect(scripts[script as string], script).toBeDefined();
    for (const dist of ['dist:win', 'dist:mac', 'dist:linux']) {
      expect(scripts[dist]).toContain('electron-builder --config electron-builder.config.cjs --publish never');
    }
  });

  it('publishes the installers and every update feed file', () => {
    for (const pattern of ['dist/*.exe', 'dist/*.dmg', 'dist/*.zip', 'dist/*.AppImage', 'dist/*.blockmap', 'dist/latest*.yml']) {
      expect(workflow).toContain(pattern);
    }
    for (const feedFile of ['latest.yml', 'latest-mac.yml', 'latest-linux.yml']) expect(workflow).toContain(feedFile);
  });
});
