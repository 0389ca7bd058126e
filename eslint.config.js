import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default tseslint.config(
  { ignores: ['.tmp/**', '.native/**', 'out/**', 'dist/**', 'node_modules/**', 'docs/api/**', 'server/db/migrations/**', 'db/migrations/**', 'test-results/**', 'server/console/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { projectService: false, extraFileExtensions: ['.svelte'], parser: tseslint.parser, svelteConfig },
    },
  },
  {
    files: ['src-renderer/**/*.ts', 'server/console/src/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Tests read JSON answers whose shape the assertions themselves check.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  // No import cycles anywhere in the product's code: a cycle makes the order in which modules
  // load matter, and an area that imports another which imports it back is one area, badly cut.
  {
    files: ['src-shared/**/*.ts', 'src-main/**/*.ts', 'src-renderer/**/*.ts', 'server/src/**/*.ts', 'server/console/src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.svelte.ts', '.js'] })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/extensions': ['.ts', '.js'],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  // Process boundaries (as Signal Desktop does): a file's folder says where it runs.
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'electron', 'electron/*'], message: 'src-shared is pure TypeScript: no Node, no Electron.' }] }],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/app/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: "Only src-main/app imports 'electron' (everything else is tested under Node)." }, { name: 'electron-store', message: 'electron-store stays in src-main/app.' }, { name: 'electron-updater', message: 'electron-updater stays in src-main/app.' }] }],
    },
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.svelte'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'electron', '**/src-main/**', '**/server/**'], message: 'The renderer reaches main only through lib/bridge.' },
            // The first screen must not wait for zod (the largest library we have): the contract's
            // schemas are loaded on demand (lib/form.svelte.ts loadContract); types are free.
            {
              group: ['zod', '**/src-shared/bridge', '**/src-shared/*/bridge', '**/src-shared/*/api', '**/src-shared/api/*', '**/src-shared/outbox', '**/src-shared/procedure', '**/src-shared/view-parts', '**/src-shared/validation/schemas'],
              allowTypeImports: true,
              message: 'A value import of the zod contract would put it in the first screen: import types only, or load it with loadContract().',
            },
          ],
        },
      ],
    },
  },
  // Time is an input (src-shared/clock.ts): domain code asks a Clock it was given, so tests can pin
  // the date and the suite passes on any day. Only clock.ts reads the wall clock; src-main/app
  // (Electron's entry point) may too. Durations in the renderer use performance.now().
  {
    files: ['src-shared/**/*.ts', 'src-main/**/*.ts', 'src-renderer/**/*.ts', 'src-renderer/**/*.svelte', 'server/src/**/*.ts', 'server/console/src/**/*.ts', 'server/console/src/**/*.svelte'],
    ignores: ['src-main/app/**', 'src-shared/clock.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Date.now() reads the wall clock: take a Clock from src-shared/clock.ts (performance.now() for durations in the renderer).' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'new Date() reads the wall clock: take a Clock from src-shared/clock.ts.' },
      ],
    },
  },
);
