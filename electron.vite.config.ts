import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { HtmlTagDescriptor, Plugin, Rolldown } from 'vite';

const root = import.meta.dirname;

/**
 * The first screen's page, asked for by index.html itself (issue 17): its chunk, its French words
 * (`<area>/pages.fr.ts`) and the chunks they import (modulepreload) and its stylesheet (preload,
 * applied only when the page loads: the stylesheets' order stays main.ts's) are fetched while the
 * start bundle downloads and runs, instead of once App has run and asks for the page. The home
 * page is the first screen after a reload or a sign-in; any other page still loads as it did.
 */
function preloadFirstPage(pageModules: readonly string[]): Plugin {
  return {
    name: 'portal:preload-first-page',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        if (!bundle) return [];
        const chunks = Object.values(bundle).filter((item): item is Rolldown.OutputChunk => item.type === 'chunk');
        const entry = chunks.find((chunk) => chunk.isEntry);
        if (!entry) throw new Error('preload-first-page: no entry chunk');
        const pages = pageModules.map((pageModule) => {
          const page = chunks.find((chunk) => chunk.facadeModuleId?.endsWith(pageModule));
          if (!page) throw new Error(`preload-first-page: no chunk for ${pageModule}`);
          return page;
        });
        // What index.html loads anyway (the entry and its static imports) is not listed twice.
        const loaded = new Set([entry.fileName, ...entry.imports]);
        const files: Rolldown.OutputChunk[] = [];
        const visit = (fileName: string) => {
          const chunk = bundle[fileName];
          if (loaded.has(fileName) || chunk?.type !== 'chunk') return;
          loaded.add(fileName);
          files.push(chunk);
          chunk.imports.forEach(visit);
        };
        for (const page of pages) visit(page.fileName);
        const tags: HtmlTagDescriptor[] = files.map((chunk) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `./${chunk.fileName}` },
          injectTo: 'head',
        }));
        for (const css of new Set(files.flatMap((chunk) => [...(chunk.viteMetadata?.importedCss ?? [])]))) {
          // crossorigin as Vite's loader sets it on the stylesheet link, so the preloaded copy is the one used.
          tags.push({ tag: 'link', attrs: { rel: 'preload', as: 'style', crossorigin: true, href: `./${css}` }, injectTo: 'head' });
        }
        return tags;
      },
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // electron-store is ESM-only and throws at import under plain Node: bundle it into main
      // (ARCHITECTURE.md, pitfalls) rather than leaving a require() to an ESM package.
      // drizzle-orm is bundled too (issue 17): imported as ESM from node_modules, Node's loader
      // deserializes its 179 KB package.json once per file, about 200 files for sqlite-core:
      // 0.9 s and 245 MB RSS at every start, where the bundled code loads as one file (the
      // processes run from source preload scripts/package-type-cache.mjs instead).
      externalizeDeps: { exclude: ['electron-store', 'drizzle-orm'] },
      rollupOptions: {
        input: { index: resolve(root, 'src-main/app/main.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() anything but a few Electron modules:
      // bundle everything it imports into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'src-preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    // Relative asset URLs work both under the app:// protocol and behind the preview host.
    base: './',
    plugins: [svelte({ configFile: resolve(root, 'svelte.config.js') }), preloadFirstPage(['/src-renderer/home/HomePage.svelte', '/src-renderer/home/pages.fr.ts'])],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      // electron-vite leaves the renderer unminified by default; the tenant's first paint pays for it.
      minify: true,
      rollupOptions: {
        input: { index: resolve(root, 'src-renderer/index.html') },
        output: {
          // Fewer requests before the first screen (issue 17: 12 files fetched before the balance,
          // over 6 connections, in two waves): what main.ts imports is one chunk (the entry)
          // instead of three, and the small helpers the home page shares with other pages are one
          // chunk instead of six. Other pages' shared parts stay split as the bundler decides.
          codeSplitting: {
            groups: [
              { name: 'shell', tags: ['$initial'], priority: 2 },
              {
                name: 'home-helpers',
                test: /\/src-shared\/(validation\/dates|format\/money)\.ts$|\/src-renderer\/components\/(RefusedItems\.svelte|SectionLoad\.svelte|outbox-text\.ts|section-view\.svelte\.ts)$/,
                priority: 1,
              },
            ],
          },
          // Each area's words are named after it (home-pages.fr-….js), not all "pages.fr-….js".
          chunkFileNames: (chunk) => {
            const words = /\/src-renderer\/(\w+)\/pages\.(fr|en)\.ts$/.exec(chunk.facadeModuleId ?? '');
            return words ? `assets/${words[1]}-pages.${words[2]}-[hash].js` : 'assets/[name]-[hash].js';
          },
        },
      },
    },
  },
});
