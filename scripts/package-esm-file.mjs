/**
 * The answer of scripts/package-type-cache.mjs: the file an ESM import names, when it can be told
 * without Node's per-file package.json lookup (see that file for why). Kept apart from the hook's
 * registration so tests can compare it with Node's own resolver without installing it.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Directory -> is the nearest package.json at or above it `"type": "module"`? */
const esmByDirectory = new Map();

function isEsmScope(directory) {
  const known = esmByDirectory.get(directory);
  if (known !== undefined) return known;
  const manifest = join(directory, 'package.json');
  let esm;
  if (existsSync(manifest)) {
    try {
      esm = JSON.parse(readFileSync(manifest, 'utf8')).type === 'module';
    } catch {
      esm = false; // unreadable: Node's own resolver decides (and reports)
    }
  } else {
    const parent = dirname(directory);
    esm = parent !== directory && isEsmScope(parent);
  }
  esmByDirectory.set(directory, esm);
  return esm;
}

/** The file an ESM import of `specifier` from `parentURL` names, when this hook can answer it; else null. */
export function esmFileOf(specifier, parentURL) {
  if (!parentURL?.startsWith('file:') || !parentURL.includes('/node_modules/')) return null;
  if (!(specifier.startsWith('./') || specifier.startsWith('../'))) return null;
  const isMjs = specifier.endsWith('.mjs');
  if (!isMjs && !specifier.endsWith('.js')) return null;
  const url = new URL(specifier, parentURL);
  if (url.search || url.hash) return null;
  let path;
  try {
    path = fileURLToPath(url);
    if (!statSync(path).isFile()) return null;
    path = realpathSync(path);
  } catch {
    return null;
  }
  return isMjs || isEsmScope(dirname(path)) ? pathToFileURL(path).href : null;
}
