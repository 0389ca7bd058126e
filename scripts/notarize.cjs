// electron-builder afterSign hook (electron-builder.config.cjs): notarizes the signed macOS app
// with Apple's notary service (notarytool) and staples the ticket, before the dmg and zip are
// made from it. Driven by environment variables; without them it says so in one line and the
// build goes on un-notarized (fine for local builds, refused by Gatekeeper for tenants).
//
//   APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID          (Apple ID + app-specific password)
//   or APPLE_API_KEY (path to the .p8), APPLE_API_KEY_ID, APPLE_API_ISSUER   (App Store Connect API key)
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file that electron-builder loads itself */

const path = require('node:path');

/** The @electron/notarize options for this environment, or null when credentials are missing. */
function notarizeOptions(env, appPath) {
  if (env.APPLE_API_KEY && env.APPLE_API_KEY_ID && env.APPLE_API_ISSUER) {
    return { appPath, appleApiKey: env.APPLE_API_KEY, appleApiKeyId: env.APPLE_API_KEY_ID, appleApiIssuer: env.APPLE_API_ISSUER };
  }
  if (env.APPLE_ID && env.APPLE_APP_SPECIFIC_PASSWORD && env.APPLE_TEAM_ID) {
    return { appPath, appleId: env.APPLE_ID, appleIdPassword: env.APPLE_APP_SPECIFIC_PASSWORD, teamId: env.APPLE_TEAM_ID };
  }
  return null;
}

async function notarizeHook(context) {
  if (context.electronPlatformName !== 'darwin') return;
  const appPath = path.join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`);
  const options = notarizeOptions(process.env, appPath);
  if (!options) {
    console.log('notarize: skipped, APPLE_ID / APPLE_APP_SPECIFIC_PASSWORD / APPLE_TEAM_ID (or APPLE_API_KEY*) not set.');
    return;
  }
  // @electron/notarize 3 is an ES module: import() loads it from this CommonJS hook.
  const { notarize } = await import('@electron/notarize');
  console.log(`notarize: submitting ${appPath} (this takes a few minutes)…`);
  await notarize(options);
  console.log('notarize: done, ticket stapled.');
}

module.exports = notarizeHook;
module.exports.notarizeOptions = notarizeOptions;
