/**
 * The app's own scheme, app://portal/, instead of file:// (which would give the page access to
 * the whole disk). Serves the built renderer, branding and help images (src-main/static-files)
 * with the CSP header.
 */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { CONTENT_SECURITY_POLICY, isPrivatePath, mimeType, resolveStaticFile, type StaticRoots } from '../static-files';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://portal`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** Must run before app 'ready'. */
export function registerAppScheme() {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveAppScheme(roots: StaticRoots) {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'portal') return new Response('Not found', { status: 404 });
    let pathname = '';
    let file: string | null = null;
    try {
      pathname = decodeURIComponent(url.pathname);
      file = resolveStaticFile(pathname, roots);
    } catch {
      file = null;
    }
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'content-type': mimeType(file),
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
          'cache-control': isPrivatePath(pathname) ? 'no-store' : 'no-cache',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
