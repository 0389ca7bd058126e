// electron-builder configuration (used by the dist* scripts: `--config electron-builder.config.cjs`).
// See docs/RELEASING.md. White-label: the landlord's identity and update feed come from the
// environment at build time, with the defaults below:
//
//   LANDLORD_APP_ID        app id (reverse DNS; Windows AppUserModelId, macOS bundle id)
//                          default: fr.espace-locataire.desktop
//   LANDLORD_PRODUCT_NAME  product name (window title, shortcuts, install folder, user-data folder)
//                          default: package.json "productName" ("Espace Locataire")
//   LANDLORD_PUBLISHER     Windows publisher name shown by the installer and in Apps & features
//                          default: the product name
//   UPDATE_FEED_URL        https URL of the folder holding latest.yml / latest-mac.yml /
//                          latest-linux.yml and the installers (electron-updater generic provider).
//                          Unset: the build has no app-update.yml and never updates itself.
//   AZURE_TRUSTED_SIGNING_ENDPOINT, AZURE_TRUSTED_SIGNING_ACCOUNT, AZURE_TRUSTED_SIGNING_PROFILE
//                          Windows signing with Azure Trusted Signing (plus AZURE_TENANT_ID,
//                          AZURE_CLIENT_ID, AZURE_CLIENT_SECRET read by the signing tool). Otherwise
//                          CSC_LINK / CSC_KEY_PASSWORD (a .pfx), or unsigned.
//   macOS: CSC_LINK / CSC_KEY_PASSWORD (Developer ID Application .p12); notarization by
//   scripts/notarize.cjs with APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID.
//
// CommonJS on purpose: the package is "type": "module", and electron-builder calls an exported
// function with no surprises from its module loader. tests/unit/updates/packaging.test.ts loads
// this file through electron-builder's own loader and schema.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file that electron-builder loads itself */

const pkg = require('./package.json');

const DEFAULT_APP_ID = 'fr.espace-locataire.desktop';

/** "Espace Locataire — OPH Exemple" -> "espace-locataire-oph-exemple": file names, no spaces or accents. */
function slug(text) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function createConfig(env = process.env) {
  const appId = env.LANDLORD_APP_ID || DEFAULT_APP_ID;
  const productName = env.LANDLORD_PRODUCT_NAME || pkg.productName;
  const artifactBase = slug(productName) || pkg.name;
  const feedUrl = env.UPDATE_FEED_URL || null;
  if (!/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(appId)) {
    throw new Error(`LANDLORD_APP_ID must be a reverse-DNS id such as fr.mon-bailleur.espace-locataire (got "${appId}")`);
  }
  if (feedUrl && !/^https:\/\//.test(feedUrl) && env.UPDATE_FEED_ALLOW_HTTP !== '1') {
    throw new Error(`UPDATE_FEED_URL must be an https URL (got "${feedUrl}")`);
  }
  const azure =
    env.AZURE_TRUSTED_SIGNING_ENDPOINT && env.AZURE_TRUSTED_SIGNING_ACCOUNT && env.AZURE_TRUSTED_SIGNING_PROFILE
      ? {
          publisherName: env.LANDLORD_PUBLISHER || productName,
          endpoint: env.AZURE_TRUSTED_SIGNING_ENDPOINT,
          codeSigningAccountName: env.AZURE_TRUSTED_SIGNING_ACCOUNT,
          certificateProfileName: env.AZURE_TRUSTED_SIGNING_PROFILE,
        }
      : null;

  return {
    appId,
    productName,
    copyright: `© ${new Date().getUTCFullYear()} ${env.LANDLORD_PUBLISHER || productName}`,
    // The packaged package.json carries the landlord's name: app.getName(), and so the
    // user-data folder, follow it.
    extraMetadata: { productName },
    directories: { output: 'dist', buildResources: 'build' },

    // The app: the electron-vite build and package.json; production node_modules are added by
    // electron-builder. better-sqlite3's C sources are not needed at run time.
    files: [
      'out/**/*',
      'package.json',
      '!out/**/*.map',
      '!**/node_modules/better-sqlite3/{deps,src,docs,benchmark}/**',
      // The prebuilt binaries better-sqlite3 13 ships for eight platforms: the app carries the
      // one npmRebuild compiles below instead.
      '!**/node_modules/better-sqlite3/prebuilds/**',
      '!**/node_modules/better-sqlite3/build/Release/{obj,obj.target,.deps,test_extension.node,sqlite3.a}',
      '!**/node_modules/better-sqlite3/build/{deps,*.mk,Makefile,config.gypi,*.sln,*.vcxproj*}',
    ],
    // Read by main from process.resourcesPath (src-main/app/main.ts): branding, help images,
    // portal-config.json, icons; and the local cache's SQL migrations.
    extraResources: [
      { from: 'resources', to: 'resources', filter: ['**/*'] },
      { from: 'db/migrations', to: 'db/migrations', filter: ['**/*'] },
    ],
    asar: true,
    // Native code cannot load from inside the asar archive.
    asarUnpack: ['**/node_modules/better-sqlite3/**'],
    // Rebuild native modules (better-sqlite3) from source against Electron's headers, for each
    // target arch. better-sqlite3 13's binding.gyp compiles nothing while its package holds
    // prebuilt binaries unless force_build=1, which node-gyp reads from npm_config_force_build.
    npmRebuild: true,
    buildDependenciesFromSource: true,
    nodeGypRebuild: false,
    beforeBuild: async () => {
      process.env.npm_config_force_build = '1';
    },

    // Electron fuses, flipped in the packaged binary (and, on macOS, before signing).
    electronFuses: {
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      // We serve app://portal/, never file://.
      grantFileProtocolExtraPrivileges: false,
    },

    publish: feedUrl ? [{ provider: 'generic', url: feedUrl, channel: 'latest' }] : null,

    win: {
      target: [{ target: 'nsis', arch: ['x64'] }],
      icon: 'resources/icons/icon.png',
      artifactName: `${artifactBase}-\${version}-setup.\${ext}`,
      // Azure Trusted Signing when configured, else signtool with CSC_LINK (unsigned without it).
      ...(azure ? { azureSignOptions: azure } : { signtoolOptions: { signingHashAlgorithms: ['sha256'], publisherName: env.LANDLORD_PUBLISHER || null } }),
      // electron-updater checks the installer's signature against the publisher.
      verifyUpdateCodeSignature: true,
    },
    nsis: {
      // Per user, no administrator rights: the assisted installer defaults to "only for me".
      oneClick: false,
      perMachine: false,
      selectPerMachineByDefault: false,
      allowToChangeInstallationDirectory: true,
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
      shortcutName: productName,
      uninstallDisplayName: productName,
      installerLanguages: ['fr_FR', 'en_US'],
      multiLanguageInstaller: true,
      // 1036: French (France), the language shown when the OS language is neither.
      language: '1036',
      displayLanguageSelector: false,
      // The tenant's cache and encrypted session stay unless they remove them (sign-out wipes).
      deleteAppDataOnUninstall: false,
    },

    mac: {
      target: [
        { target: 'dmg', arch: ['universal'] },
        // The zip is what electron-updater (Squirrel.Mac) downloads.
        { target: 'zip', arch: ['universal'] },
      ],
      icon: 'resources/icons/icon.png',
      category: 'public.app-category.productivity',
      artifactName: `${artifactBase}-\${version}-mac-\${arch}.\${ext}`,
      hardenedRuntime: true,
      gatekeeperAssess: false,
      entitlements: 'build/entitlements.mac.plist',
      entitlementsInherit: 'build/entitlements.mac.plist',
      // Notarization is scripts/notarize.cjs (afterSign), driven by environment variables.
      notarize: false,
      minimumSystemVersion: '12.0',
    },
    dmg: {
      artifactName: `${artifactBase}-\${version}-mac-\${arch}.\${ext}`,
      writeUpdateInfo: false,
    },
    afterSign: './scripts/notarize.cjs',

    linux: {
      target: [{ target: 'AppImage', arch: ['x64'] }],
      icon: 'resources/icons',
      category: 'Office',
      executableName: artifactBase,
      artifactName: `${artifactBase}-\${version}-\${arch}.\${ext}`,
      synopsis: pkg.description,
    },
  };
}

module.exports = () => createConfig(process.env);
module.exports.createConfig = createConfig;
module.exports.DEFAULT_APP_ID = DEFAULT_APP_ID;
