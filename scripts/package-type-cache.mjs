/**
 * Preloaded with `--import` by every Node entry point run from source (the Portal API server, the
 * staff CLI, the browser preview host, the benches): reads each package's module type once,
 * instead of once per file.
 *
 * Why (issue 17): to know whether an imported `.js` file is ESM, Node's loader looks up the
 * package's package.json for every file, and deserializes its `exports` map each time (Node 24 and
 * 26: `getPackageScopeConfig` spreads the parsed package, which reads the lazily parsed `exports`).
 * drizzle-orm's package.json is 179 KB and `drizzle-orm/pg-core` is about 200 files: importing it
 * parsed 35 MB of JSON, took 0.5-0.8 s and left the process at 250 MB RSS, where a CommonJS
 * require of the same code takes 60 ms and 64 MB. The staff CLI sat at 290-300 MB before any work.
 *
 * What it does: a relative import (`./x.js`, `../y.mjs`) from a file inside node_modules, of a file
 * that exists, in a package whose nearest package.json says `"type": "module"` (or a `.mjs`), is
 * answered here as that file, ESM, without Node's lookup. Everything else (bare specifiers with
 * their `exports`, CommonJS, typeless packages, missing files and their errors, the project's own
 * TypeScript, which tsx resolves) goes to Node's resolver as before. A synchronous hook
 * (module.registerHooks, Node >= 22.15) runs before tsx's asynchronous ones.
 */
import * as nodeModule from 'node:module';
import { esmFileOf } from './package-esm-file.mjs';

// A Node without synchronous hooks (before 22.15; the project's is 24, .nvmrc) loads as it always did.
nodeModule.registerHooks?.({
  resolve(specifier, context, nextResolve) {
    const url = context.conditions?.includes('import') ? esmFileOf(specifier, context.parentURL) : null;
    return url ? { url, format: 'module', shortCircuit: true } : nextResolve(specifier, context);
  },
});
