/**
 * The PDF renderers stay pure (server/src/documents/index.ts: plain data in, PDF bytes out): the
 * modules index.ts reaches import no database, mail, clock source or file system (but fonts.ts,
 * which reads the typeface shipped in node_modules, and nothing else). The work around
 * them (publish.ts, ledger.ts, deps.ts, service.ts, routes.ts) is where those belong.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const DOCUMENTS = resolve(__dirname, '../../../server/src/documents');

function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]!);
}

/** Every module index.ts reaches, following relative imports. */
function reachedFrom(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const imports = importsOf(file);
    seen.set(file, imports);
    for (const spec of imports) if (spec.startsWith('.')) visit(join(dirname(file), spec.endsWith('.ts') ? spec : `${spec}.ts`));
  };
  visit(entry);
  return seen;
}

/** fonts.ts reads the embedded typeface from node_modules once, when it loads: package data, not state. */
const READS_PACKAGE_DATA = new Set(['fonts.ts']);

const IMPURE = [/\/db\//, /\/mail\//, /\/context$/, /^drizzle-orm/, /^pg$/, /^node:fs/, /^nodemailer/, /\/documents\/(publish|ledger|deps|service|routes|demo)$/];

describe('the PDF renderers', () => {
  it('reach no database, mail or file system from server/src/documents/index.ts', () => {
    const reached = reachedFrom(join(DOCUMENTS, 'index.ts'));
    expect(reached.size).toBeGreaterThan(5);
    const impure = [...reached].flatMap(([file, imports]) => imports.filter((spec) => IMPURE.some((re) => re.test(spec)) && !(READS_PACKAGE_DATA.has(file.slice(DOCUMENTS.length + 1)) && spec === 'node:fs')).map((spec) => `${file.slice(DOCUMENTS.length + 1)} -> ${spec}`));
    expect(impure).toEqual([]);
  });
});
