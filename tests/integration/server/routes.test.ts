/**
 * One route table: the routes the server registers under /v1 are exactly those of
 * src-shared/api/routes.ts (method and path), both ways, so the desktop's client and the server
 * cannot drift apart. The only other /v1 routes are the browser pages of V1_HIDDEN_PAGES (the
 * bank's return page, the OpenAPI document), hidden from the OpenAPI document; every route
 * outside /v1 (the mail links' pages, the sandbox bank) is hidden too.
 */
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX, API_ROUTES } from '../../../src-shared/api/routes';
import { buildServer } from '../../../server/src/app';
import { V1_HIDDEN_PAGES } from '../../../server/src/http/routes';
import type { FastifyInstance } from 'fastify';

interface Registered {
  method: string;
  url: string;
  hidden: boolean;
}

describe('the route table', () => {
  const registered: Registered[] = [];
  let app: FastifyInstance;
  beforeAll(async () => {
    const collect = (route: RouteOptions) => {
      const hidden = (route.schema as { hide?: boolean } | undefined)?.hide === true;
      for (const method of [route.method].flat()) {
        // Fastify adds a HEAD route beside every GET by itself; the table lists the GET.
        if (method !== 'HEAD') registered.push({ method, url: route.url, hidden });
      }
    };
    app = await buildServer({ db: { kind: 'pglite' }, passwordHashing: 'fast', sandbox: true, onRoute: collect });
    await app.ready();
  });
  afterAll(() => app.close());

  const underV1 = (r: Registered) => r.url.startsWith(`${API_PREFIX}/`);

  it('the documented /v1 routes are exactly API_ROUTES, method and path', () => {
    const served = registered.filter((r) => underV1(r) && !r.hidden).map((r) => `${r.method} ${r.url}`);
    const table = Object.values(API_ROUTES).map((r) => `${r.method} ${API_PREFIX}${r.path}`);
    expect(new Set(served).size).toBe(served.length);
    expect([...served].sort()).toEqual([...table].sort());
  });

  it('the hidden /v1 routes are exactly the pages of V1_HIDDEN_PAGES', () => {
    const hiddenPaths = new Set(registered.filter((r) => underV1(r) && r.hidden).map((r) => r.url));
    expect([...hiddenPaths].sort()).toEqual(Object.values(V1_HIDDEN_PAGES).map((path) => `${API_PREFIX}${path}`).sort());
  });

  it('every route outside /v1 is a hidden page (mail links, sandbox bank, the staff console)', () => {
    const outside = registered.filter((r) => !underV1(r));
    expect(outside.length).toBeGreaterThan(0);
    expect(outside.filter((r) => !r.hidden)).toEqual([]);
  });
});
