/**
 * The staff routes' authorisation matrix (issue 19): every staff route of API_ROUTES × nobody,
 * the tenant's token, each role, in and out of the caretaker's residence, as STAFF_MATRIX says;
 * and a staff token refused on every tenant route. On PGlite, and PostgreSQL with TEST_DATABASE_URL.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { API_PREFIX } from '../../../src-shared/api/routes';
import { backends } from './helpers';
import { ACTORS, callRoute, STAFF_ROUTE_NAMES, type StaffRouteName, useStaffWorld } from './staff-fixture';
import { STAFF_MATRIX } from './staff-matrix';

/** The rows in order, sign-out last (it ends the caller's session). */
const ROWS = (Object.keys(STAFF_MATRIX) as StaffRouteName[]).sort((a, b) => Number(a === 'staffSignOut') - Number(b === 'staffSignOut'));

describe('the staff authorisation matrix covers every staff route', () => {
  it('has one row per staff route of API_ROUTES, no more, no less', () => {
    expect([...Object.keys(STAFF_MATRIX)].sort()).toEqual([...STAFF_ROUTE_NAMES].sort());
    expect(STAFF_ROUTE_NAMES.length).toBeGreaterThanOrEqual(29);
  });
});

describe.each(backends)('staff authorisation ($name)', (backend) => {
  const world = useStaffWorld(backend);

  it('a caretaker\'s queue lists their residences\' technical requests only', async () => {
    const mine = await callRoute(world, 'staffRequests', 'caretaker', {});
    const elsewhere = await callRoute(world, 'staffRequests', 'caretakerElsewhere', {});
    expect(mine.body.items.map((r: { id: string }) => r.id)).toContain(world.requestId);
    expect(elsewhere.body).toEqual({ items: [], total: 0, page: 1, pageSize: 50 });
    // An adviser works on administrative requests: the technical one is not in their queue.
    const adviser = await callRoute(world, 'staffRequests', 'adviser', {});
    expect(adviser.body.items.map((r: { id: string }) => r.id)).not.toContain(world.requestId);
  });

  it('a staff token is refused (401) on every tenant route that needs a tenant', async () => {
    const document = world.server.app.swagger() as unknown as { paths: Record<string, Record<string, { security?: { bearerAuth?: unknown }[] }>> };
    const tenantRoutes = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => op.security?.some((s) => 'bearerAuth' in s) && !path.startsWith(`${API_PREFIX}/staff/`))
        .map(([method]) => ({ method: method.toUpperCase(), path: path.replace(/\{sha256\}/g, 'a'.repeat(64)).replace(/\{[a-zA-Z]+\}/g, randomUUID()) })),
    );
    expect(tenantRoutes.length).toBeGreaterThanOrEqual(15);
    const token = world.tokens.administrator;
    for (const { method, path } of tenantRoutes) {
      const res = await world.server.api(method, path, { token, headers: { 'idempotency-key': randomUUID() }, ...(method === 'GET' ? {} : { body: {} }) });
      expect(`${method} ${path} ${res.status}`).toBe(`${method} ${path} 401`);
    }
  });

  it.each(ROWS)('%s answers each caller as the matrix says', async (name) => {
    const row = STAFF_MATRIX[name];
    const got: Record<string, number> = {};
    for (const actor of ACTORS) {
      const res = await callRoute(world, name, actor, await row.call(world, actor));
      got[actor] = res.status;
      // Refusals are the documented error shape, never a 5xx.
      if (res.status >= 400) expect(res.body?.error?.code, `${name} as ${actor}`).toBeTypeOf('string');
    }
    expect(got).toEqual(row.expect);
  });
});
