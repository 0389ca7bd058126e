/**
 * The staff console's build: a Svelte 5 app under /staff/ of the Portal API server
 * (server/src/staff/console.ts serves server/console/dist). `npm run -w server build:console`.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const here = import.meta.dirname;

export default defineConfig({
  root: here,
  base: '/staff/',
  plugins: [svelte({ configFile: resolve(here, '../../svelte.config.js') })],
  build: {
    outDir: resolve(here, 'dist'),
    emptyOutDir: true,
    minify: true,
    // No inline script or style anywhere: the server's CSP is default-src 'self'.
    assetsInlineLimit: 0,
  },
});
