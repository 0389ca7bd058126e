/**
 * The main process runs inside Electron's own Node, so its tests must run on that Node's major:
 * these checks fail where the suite falls back to another Node (the machine's Node 20, say) or
 * where Electron is upgraded to one that embeds another major and .nvmrc / engines are not
 * (issue 18). scripts/use-node.sh installs the Node of .nvmrc; .ci/run sources it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const require = createRequire(join(root, 'package.json'));
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

const nvmrc = readFileSync(join(root, '.nvmrc'), 'utf8').trim().replace(/^v/, '');
const major = (version: string) => Number(/^\D*(\d+)/.exec(version)?.[1]);

/** `^24.15.0` accepts `version`: same major, not older. The only form our engines use. */
function caretAccepts(range: string, version: string): boolean {
  const wanted = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range);
  if (!wanted) throw new Error(`engines.node should read ^major.minor.patch, got "${range}"`);
  const [a = 0, b = 0, c = 0] = version.split('.').map(Number);
  const [x = 0, y = 0, z = 0] = wanted.slice(1).map(Number);
  return a === x && (b > y || (b === y && c >= z));
}

describe('Node runtime (issue 18)', () => {
  it('runs the tests on the Node major of .nvmrc', () => {
    expect(nvmrc).toMatch(/^\d+\.\d+\.\d+$/);
    // The object shows the Node that ran, should it be another one.
    expect({ node: process.versions.node, major: major(process.versions.node) }).toMatchObject({ major: major(nvmrc) });
  });

  it('declares in .nvmrc the Node major that Electron embeds', () => {
    // Electron's npm package depends on the @types/node of the Node it embeds (^24.9.0 for
    // Electron 45, which embeds Node 24).
    const electron = readJson(require.resolve('electron/package.json')) as { version: string; dependencies: Record<string, string> };
    expect({ electron: electron.version, node: major(electron.dependencies['@types/node'] ?? 'none') }).toEqual({ electron: electron.version, node: major(nvmrc) });
  });

  it('accepts that Node in the engines of the app and of the server, and types against it', () => {
    for (const manifest of ['package.json', 'server/package.json']) {
      const range = (readJson(join(root, manifest)).engines as { node: string }).node;
      expect({ manifest, accepts: caretAccepts(range, nvmrc), rejectsPreviousMajor: caretAccepts(range, `${major(nvmrc) - 1}.99.0`) }).toEqual({ manifest, accepts: true, rejectsPreviousMajor: false });
    }
    const typesNode = readJson(require.resolve('@types/node/package.json')) as { version: string };
    expect(major(typesNode.version)).toBe(major(nvmrc));
  });

  it.runIf(process.env.CI)('uses better-sqlite3 compiled here from source for this Node, not its prebuilt binary (CI only: a developer without a C++ toolchain keeps the prebuilt one)', () => {
    const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
    const built = join(sqliteDir, 'build', 'Release', 'better_sqlite3.node');
    expect(existsSync(built)).toBe(true);
    expect(readJson(join(sqliteDir, 'build', 'build-info.json'))).toMatchObject({ node: process.versions.node });
    const Database = require('better-sqlite3') as typeof import('better-sqlite3');
    const db = new Database(':memory:');
    expect(db.prepare('select 6 * 7 as answer').get()).toEqual({ answer: 42 });
    db.close();
  });
});
