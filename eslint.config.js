import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default tseslint.config(
  { ignores: ['.tmp/**', '.native/**', 'out/**', 'dist/**', 'node_modules/**', 'docs/api/**', 'server/db/migrations/**', 'db/migrations/**', 'test-results/**'] },
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
    files: ['src-renderer/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Tests read JSON answers whose shape the assertions themselves check.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
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
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'electron', '**/src-main/**', '**/server/**'], message: 'The renderer reaches main only through lib/bridge.' }] }],
    },
  },
  // Time is an input (src-shared/clock.ts): domain code asks a Clock it was given, so tests can pin
  // the date and the suite passes on any day. Only clock.ts reads the wall clock; src-main/app
  // (Electron's entry point) may too. Durations in the renderer use performance.now().
  {
    files: ['src-shared/**/*.ts', 'src-main/**/*.ts', 'src-renderer/**/*.ts', 'src-renderer/**/*.svelte', 'server/src/**/*.ts'],
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
