/**
 * scripts/package-type-cache.mjs answers some ESM imports itself, without Node's per-file
 * package.json lookup (issue 17: 190 MB and 0.5-0.8 s for drizzle-orm/pg-core). Its answers must
 * be Node's: the same file, as ESM. Checked on fixtures (each rule), then differentially against
 * Node's own resolver over the real packages the server and the preview host import.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script of scripts/, no type declarations
import { esmFileOf } from '../../../scripts/package-esm-file.mjs';

const root = join(import.meta.dirname, '..', '..', '..');
const answer = esmFileOf as (specifier: string, parentURL: string | undefined) => string | null;

describe('esmFileOf, on fixtures', () => {
  const dir = mkdtempSync(join(tmpdir(), 'type-cache-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (path: string, text = 'export {};\n') => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  write('node_modules/esm-pkg/package.json', JSON.stringify({ name: 'esm-pkg', type: 'module', exports: { '.': './index.js' } }));
  write('node_modules/esm-pkg/index.js');
  write('node_modules/esm-pkg/a.js');
  write('node_modules/esm-pkg/sub/b.js');
  mkdirSync(join(dir, 'node_modules/esm-pkg/folder.js'));
  write('node_modules/typeless-pkg/package.json', JSON.stringify({ name: 'typeless-pkg' }));
  write('node_modules/typeless-pkg/index.js');
  write('node_modules/typeless-pkg/a.js');
  write('node_modules/typeless-pkg/m.mjs');
  // A nested package.json without a type makes its folder CommonJS, even inside an ESM package.
  write('node_modules/esm-pkg/cjs/package.json', '{}');
  write('node_modules/esm-pkg/cjs/c.js');
  write('node_modules/broken-pkg/package.json', '{ not json');
  write('node_modules/broken-pkg/a.js');
  write('project/main.js');
  write('project/other.js');
  symlinkSync(join(dir, 'node_modules/esm-pkg'), join(dir, 'node_modules/linked-pkg'));
  const url = (path: string) => pathToFileURL(join(dir, path)).href;

  it('answers a relative .js import inside an ESM package with the file itself', () => {
    expect(answer('./a.js', url('node_modules/esm-pkg/index.js'))).toBe(url('node_modules/esm-pkg/a.js'));
    expect(answer('../a.js', url('node_modules/esm-pkg/sub/b.js'))).toBe(url('node_modules/esm-pkg/a.js'));
    expect(answer('./sub/b.js', url('node_modules/esm-pkg/index.js'))).toBe(url('node_modules/esm-pkg/sub/b.js'));
  });

  it('answers a .mjs whatever the package type', () => {
    expect(answer('./m.mjs', url('node_modules/typeless-pkg/index.js'))).toBe(url('node_modules/typeless-pkg/m.mjs'));
  });

  it('leaves to Node: CommonJS scopes, bare specifiers, missing files, folders, queries, other extensions, the project', () => {
    expect(answer('./a.js', url('node_modules/typeless-pkg/index.js'))).toBeNull();
    expect(answer('./cjs/c.js', url('node_modules/esm-pkg/index.js'))).toBeNull();
    expect(answer('./a.js', url('node_modules/broken-pkg/index.js'))).toBeNull();
    expect(answer('esm-pkg', url('node_modules/typeless-pkg/index.js'))).toBeNull();
    expect(answer('./missing.js', url('node_modules/esm-pkg/index.js'))).toBeNull();
    expect(answer('./folder.js', url('node_modules/esm-pkg/index.js'))).toBeNull();
    expect(answer('./a.js?x=1', url('node_modules/esm-pkg/index.js'))).toBeNull();
    expect(answer('./a', url('node_modules/esm-pkg/index.js'))).toBeNull();
    expect(answer('./a.cjs', url('node_modules/esm-pkg/index.js'))).toBeNull();
    expect(answer('./other.js', url('project/main.js'))).toBeNull();
    expect(answer('./a.js', undefined)).toBeNull();
    expect(answer('./a.js', 'data:text/javascript,export{}')).toBeNull();
  });

  it('answers the real path through a symbolic link, as Node does', () => {
    expect(answer('./a.js', url('node_modules/linked-pkg/index.js'))).toBe(url('node_modules/esm-pkg/a.js'));
  });
});

describe('esmFileOf against Node’s own resolver', () => {
  it('gives Node’s file and format for every import it answers while the server, the CLI and the preview host load', () => {
    // A hook that asks both, in a child process: Node's answer is taken (the load is unchanged),
    // ours recorded beside it. The imports cover the packages with many files of each process.
    const probe = `
      import { registerHooks } from 'node:module';
      import { esmFileOf } from ${JSON.stringify(pathToFileURL(join(root, 'scripts/package-esm-file.mjs')).href)};
      const compared = [];
      registerHooks({ resolve(specifier, context, next) {
        const node = next(specifier, context);
        const ours = context.conditions?.includes('import') ? esmFileOf(specifier, context.parentURL) : null;
        if (ours !== null) compared.push({ specifier, parent: context.parentURL, ours, node: node.url, format: node.format });
        return node;
      } });
      for (const name of ['drizzle-orm/pg-core', 'drizzle-orm/node-postgres', 'drizzle-orm/pglite', 'drizzle-orm/sqlite-core', 'drizzle-orm/better-sqlite3', 'zod', 'otpauth', 'fontkit', 'libphonenumber-js/max', 'ibantools', 'fastify-type-provider-zod']) await import(name);
      process.stdout.write(JSON.stringify(compared));
    `;
    const compared = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: join(root, 'server'), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as {
      specifier: string;
      ours: string;
      node: string;
      format: string;
    }[];
    expect(compared.length).toBeGreaterThan(500);
    const differing = compared.filter((c) => c.ours !== c.node || c.format !== 'module');
    expect(differing).toEqual([]);
  }, 60_000);
});
