/**
 * The staff console's files under /staff/ (server/src/staff/console.ts): a strict CSP on every
 * answer, index.html never cached and the hashed assets cached for good, nothing outside
 * dist/assets reachable, and a clear 503 where the console was not built.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_CSP, registerStaffConsole } from '../../../server/src/staff/console';

let dist: string;
let built: FastifyInstance;
let unbuilt: FastifyInstance;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'el-console-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><script type="module" src="/staff/assets/index-abc.js"></script>');
  writeFileSync(join(dist, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(dist, 'secret.js'), 'not an asset');
  writeFileSync(join(dist, 'assets', '.hidden.js'), 'dot file');
  built = Fastify();
  registerStaffConsole(built, { distDir: dist });
  unbuilt = Fastify();
  registerStaffConsole(unbuilt, { distDir: join(dist, 'missing') });
});

afterAll(async () => {
  await built.close();
  await unbuilt.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('staff console static files', () => {
  it('serves index.html with a strict CSP and no-cache', async () => {
    const answer = await built.inject({ url: '/staff/' });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/html/);
    expect(answer.headers['cache-control']).toBe('no-cache');
    const csp = String(answer.headers['content-security-policy']);
    expect(csp).toBe(CONSOLE_CSP);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
  });

  it('redirects /staff to /staff/', async () => {
    const answer = await built.inject({ url: '/staff' });
    expect(answer.statusCode).toBe(301);
    expect(answer.headers.location).toBe('/staff/');
  });

  it('serves the hashed assets for a year, immutable', async () => {
    const answer = await built.inject({ url: '/staff/assets/index-abc.js' });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/javascript/);
    expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(answer.body).toBe('console.log(1)');
  });

  it('reaches nothing outside dist/assets, nor a dot file, nor an unknown kind', async () => {
    for (const url of ['/staff/assets/../secret.js', '/staff/assets/%2e%2e/secret.js', '/staff/assets/..%2fsecret.js', '/staff/assets/.hidden.js', '/staff/assets/nothing.js', '/staff/assets/index-abc.exe']) {
      const answer = await built.inject({ url });
      expect(answer.statusCode, url).toBe(404);
      expect(answer.body, url).not.toContain('not an asset');
    }
  });

  it('says which command builds the console when it was not built', async () => {
    const answer = await unbuilt.inject({ url: '/staff/' });
    expect(answer.statusCode).toBe(503);
    expect(answer.body).toContain('npm run -w server build:console');
    expect(answer.headers['content-security-policy']).toBe(CONSOLE_CSP);
  });
});
