/**
 * The staff audit log (issue 19): every staff write leaves exactly one entry (who, what, target,
 * before/after) in its transaction; no route alters the entries; the database itself refuses
 * UPDATE, DELETE and TRUNCATE on them; administrators alone read them.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../../src-shared/api/routes';
import { staffAuditLog } from '../../../server/src/db/schema';
import { settleNoticeRuns } from '../../../server/src/staff/notice-runs';
import { adminUpdateRequest } from '../../../server/src/admin/service';
import { backends } from './helpers';
import { callRoute, STAFF_OF, type StaffActorName, type StaffRouteName, useStaffWorld } from './staff-fixture';
import { STAFF_MATRIX } from './staff-matrix';

const WRITES = (Object.keys(STAFF_MATRIX) as StaffRouteName[]).filter((name) => STAFF_MATRIX[name].audit);

describe.each(backends)('staff audit log ($name)', (backend) => {
  const world = useStaffWorld(backend);
  const entries = () => world.server.handle.db.select().from(staffAuditLog).orderBy(staffAuditLog.id);

  it('lists an audited action for every staff write route (every non-GET but sign-in and sign-out)', () => {
    const writes = (Object.keys(STAFF_MATRIX) as StaffRouteName[]).filter((n) => API_ROUTES[n].method !== 'GET' && !['staffActivate', 'staffSignIn', 'staffTotp', 'staffSignOut'].includes(n));
    expect(WRITES.sort()).toEqual(writes.sort());
  });

  it.each(WRITES)('%s leaves exactly one entry naming the staff member, the action and its target', async (name) => {
    const row = STAFF_MATRIX[name];
    const actor = (Object.keys(row.expect) as StaffActorName[]).find((a) => a !== ('none' as string) && a !== ('tenant' as string) && row.expect[a] < 300)!;
    const call = await row.call(world, actor); // may create its target first (an account to update)
    const before = await entries();
    const res = await callRoute(world, name, actor, call);
    expect(res.status).toBeLessThan(300);
    await settleNoticeRuns();
    const after = await entries();
    expect(after.slice(0, before.length)).toEqual(before);
    const added = after.slice(before.length);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ action: row.audit, staffId: STAFF_OF[actor].id });
    expect(added[0]!.targetId).toMatch(/.+/);
    expect(added[0]!.after).not.toBeNull();
  });

  it('a refused write leaves no entry (the entry lives in the change\'s transaction)', async () => {
    const before = await world.auditCount();
    const id = await world.freshChangeRequest();
    expect((await callRoute(world, 'staffChangeDecision', 'adviser', { params: { id }, body: { decision: 'approve' } })).status).toBe(200);
    // Decided already: 409, and nothing more in the log than the first decision.
    expect((await callRoute(world, 'staffChangeDecision', 'adviser', { params: { id }, body: { decision: 'refuse', comment: 'non' } })).status).toBe(409);
    expect(await world.auditCount()).toBe(before + 1);
  });

  it('the admin API and CLI\'s function records its entry too, with no staff account', async () => {
    const before = await world.auditCount();
    await adminUpdateRequest({ db: world.server.handle.db, cipher: undefined as never, now: world.server.now }, world.requestId, { status: 'open' });
    const last = (await entries()).at(-1)!;
    expect(await world.auditCount()).toBe(before + 1);
    expect(last).toMatchObject({ action: 'request.status', staffId: null, before: { status: 'in_progress' }, after: { status: 'open' } });
  });

  it('no route alters an entry: only GET reads the log, and the entries of a whole matrix run stay as written', async () => {
    expect(Object.entries(API_ROUTES).filter(([, r]) => r.path.includes('audit')).map(([n, r]) => `${r.method} ${n}`)).toEqual(['GET staffAudit']);
    const snapshot = await entries();
    for (const name of Object.keys(STAFF_MATRIX) as StaffRouteName[]) {
      if (name === 'staffSignOut') continue;
      for (const actor of ['administrator', 'adviser', 'caretaker'] as const) await callRoute(world, name, actor, await STAFF_MATRIX[name].call(world, actor));
    }
    await settleNoticeRuns();
    expect((await entries()).slice(0, snapshot.length)).toEqual(snapshot);
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE of the log, whoever asks', async () => {
    const db = world.server.handle.db;
    expect(await world.auditCount()).toBeGreaterThan(0);
    await expect(db.execute(sql`update staff_audit_log set action = 'forged'`)).rejects.toThrow();
    await expect(db.execute(sql`delete from staff_audit_log`)).rejects.toThrow();
    await expect(db.execute(sql`truncate staff_audit_log`)).rejects.toThrow();
    const actions = (await entries()).map((e) => e.action);
    expect(actions).not.toContain('forged');
  });

  it('administrators read the log newest first, filtered by action, staff member or target', async () => {
    const res = await callRoute(world, 'staffAudit', 'administrator', { query: { targetId: world.requestId } });
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThan(0);
    expect(res.body.items.every((e: { targetId: string }) => e.targetId === world.requestId)).toBe(true);
    const ids = res.body.items.map((e: { id: number }) => e.id);
    expect(ids).toEqual([...ids].sort((a: number, b: number) => b - a));
    const byCaretaker = await callRoute(world, 'staffAudit', 'administrator', { query: { staffId: STAFF_OF.caretaker.id, action: 'request.reply' } });
    expect(byCaretaker.body.items.length).toBeGreaterThan(0);
    expect(byCaretaker.body.items.every((e: { staffId: string; staffName: string }) => e.staffId === STAFF_OF.caretaker.id && e.staffName === 'M. Petit')).toBe(true);
  });
});
