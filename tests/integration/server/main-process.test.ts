/**
 * server/src/main.ts as a real process: PGlite in a data folder, --demo, mailbox folder, the
 * single "listening" line, a clean exit on SIGTERM, and data kept across restarts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const work = mkdtempSync(join(tmpdir(), 'portal-main-'));

function start(args: string[]): Promise<{ child: ChildProcess; base: string; output: () => string }> {
  const child = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), '--import', join(root, 'scripts/package-type-cache.mjs'), join(root, 'server/src/main.ts'), ...args], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: join(work, 'pglite'), MAILBOX_DIR: join(work, 'mailbox'), DATABASE_URL: '', SMTP_URL: '', PORTAL_DATA_KEY: 'a'.repeat(64) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line:\n${out}`)), 60_000);
    child.stdout!.on('data', () => {
      const m = /Portal API listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, base: m[1]!, output: () => out });
      }
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}:\n${out}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('main.ts process', () => {
  it('starts with --demo, writes mail to the mailbox folder, stops cleanly, keeps its data', async () => {
    const first = await start(['--demo']);
    expect(first.output().match(/Portal API listening on/g)).toHaveLength(1);
    const signIn = await fetch(`${first.base}/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'martine.dupont@example.org', password: 'Demo-Locataire-2026!', device: { id: randomUUID(), name: 'PC' } }),
    });
    expect(signIn.status).toBe(200);
    await fetch(`${first.base}/v1/auth/forgot-password`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'martine.dupont@example.org' }) });
    for (let i = 0; i < 100 && !/lien : http/.test(first.output()); i++) await new Promise((r) => setTimeout(r, 50));
    expect(first.output()).toMatch(/Courriel pour martine\.dupont@example\.org .*lien : http:\/\/127\.0\.0\.1:\d+\/reinitialiser-mot-de-passe\?token=/);
    const files = readdirSync(join(work, 'mailbox')).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(1);
    expect(readFileSync(join(work, 'mailbox', files[0]!), 'utf8')).toContain('To: martine.dupont@example.org');
    expect(await stop(first.child)).toBe(0);

    const second = await start([]);
    const again = await fetch(`${second.base}/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'martine.dupont@example.org', password: 'Demo-Locataire-2026!', device: { id: randomUUID(), name: 'PC' } }),
    });
    expect(again.status).toBe(200);
    expect(await stop(second.child)).toBe(0);
  }, 120_000);
});
