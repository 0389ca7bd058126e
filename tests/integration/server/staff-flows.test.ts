/**
 * The staff side's loop (issue 19), through the routes: a caretaker answers and plans a date and
 * the tenant sees both (signed message, activity lines); an adviser refuses a phone change with a
 * comment (the tenant's data unchanged) and approves a new RIB (the mandate kept, the amendment in
 * the audit entry); insurance refused with its reason; the queues page by 50 with their total and
 * their filters; a notice run's progress; residences through the ERP import.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { apiPath } from '../../../src-shared/api/routes';
import { runAdminCommand } from '../../../server/src/admin/cli';
import { bankAccounts, dossiers, insuranceCertificates, requests, staffAuditLog, staffNoticeRuns, tenants } from '../../../server/src/db/schema';
import { createDataCipher } from '../../../server/src/crypto/data-key';
import { settleNoticeRuns } from '../../../server/src/staff/notice-runs';
import { DEMO_RESIDENCES } from '../../../server/src/demo/demo-staff';
import { backends, pullAll, samplePdf, upload, write } from './helpers';
import { callRoute, useStaffWorld } from './staff-fixture';

describe.each(backends)('the staff loop ($name)', (backend) => {
  const world = useStaffWorld(backend);

  it('the caretaker replies and plans a date; the tenant sees the signed reply and both activity lines', async () => {
    const { server, tokens, requestId } = world;
    const { cursor } = await pullAll(server, tokens.tenant!);
    const detail = await callRoute(world, 'staffRequest', 'caretaker', { params: { id: requestId } });
    expect(detail.body).toMatchObject({ subject: 'Fuite sous l\'évier de la cuisine', residence: { code: 'RES-LILAS' }, tenant: { name: 'Mme DUPONT MARTINE' }, permissionToEnter: true });
    expect((await callRoute(world, 'staffRequestReply', 'caretaker', { params: { id: requestId }, body: { body: 'Je passe jeudi à 9 h.' } })).status).toBe(200);
    expect((await callRoute(world, 'staffRequestStatus', 'caretaker', { params: { id: requestId }, body: { status: 'in_progress', plannedDate: '2026-03-19' } })).status).toBe(200);
    const changes = (await pullAll(server, tokens.tenant!, cursor)).changes;
    expect(changes.find((c) => c.entity === 'requestMessage')?.data).toMatchObject({ requestId, author: 'staff', body: 'Je passe jeudi à 9 h.' });
    expect(changes.find((c) => c.entity === 'request' && c.id === requestId)?.data).toMatchObject({ status: 'in_progress' });
    const kinds = changes.filter((c) => c.entity === 'activity').map((c) => (c.data as { kind: string }).kind);
    expect(kinds).toEqual(expect.arrayContaining(['request.answered', 'request.planned']));
    const [row] = await server.handle.db.select({ plannedDate: requests.plannedDate }).from(requests).where(eq(requests.id, requestId));
    expect(row!.plannedDate).toBe('2026-03-19');
    const thread = (await callRoute(world, 'staffRequest', 'caretaker', { params: { id: requestId } })).body;
    expect(thread.messages.at(-1)).toMatchObject({ author: 'staff', authorName: 'M. Petit, gardien', body: 'Je passe jeudi à 9 h.' });
    expect(thread.plannedDate).toBe('2026-03-19');
    // A reply sent again with its client id (the caretaker's offline queue) is written once.
    const clientMessageId = '6f1c2a8e-0000-4000-8000-00000000c0de';
    const first = await callRoute(world, 'staffRequestReply', 'caretaker', { params: { id: requestId }, body: { body: 'Bien noté.', clientMessageId } });
    const again = await callRoute(world, 'staffRequestReply', 'caretaker', { params: { id: requestId }, body: { body: 'Bien noté.', clientMessageId } });
    expect(again.body).toEqual(first.body);
    const replies = (await callRoute(world, 'staffRequest', 'caretaker', { params: { id: requestId } })).body.messages.filter((m: { body: string }) => m.body === 'Bien noté.');
    expect(replies).toHaveLength(1);
  });

  it('the adviser refuses a phone change with a comment: the tenant sees it, their data stays', async () => {
    const { server, tokens, changeRequestId, tenantId } = world;
    const { cursor } = await pullAll(server, tokens.tenant!);
    const page = await callRoute(world, 'staffChangeRequest', 'adviser', { params: { id: changeRequestId } });
    expect(page.body).toMatchObject({ kind: 'personal_info', status: 'pending', summary: { phoneWork: '01.30.00.00.00' } });
    const noComment = await callRoute(world, 'staffChangeDecision', 'adviser', { params: { id: changeRequestId }, body: { decision: 'refuse' } });
    expect(noComment.status).toBe(400);
    expect(noComment.body.error.fields[0].path).toBe('comment');
    expect((await callRoute(world, 'staffChangeDecision', 'adviser', { params: { id: changeRequestId }, body: { decision: 'refuse', comment: 'Ce numéro est incomplet.' } })).status).toBe(200);
    const changes = (await pullAll(server, tokens.tenant!, cursor)).changes;
    expect(changes.find((c) => c.id === changeRequestId)?.data).toMatchObject({ status: 'refused', staffComment: 'Ce numéro est incomplet.' });
    expect(changes.some((c) => c.entity === 'activity' && (c.data as { kind: string }).kind === 'changeRequest.refused')).toBe(true);
    const [tenant] = await server.handle.db.select({ phoneWork: tenants.phoneWork }).from(tenants).where(eq(tenants.id, tenantId));
    expect(tenant!.phoneWork).not.toBe('01.30.00.00.00');
  });

  it('an approved RIB keeps the dossier\'s SEPA mandate (RUM, creditor) and the audit entry records the amendment', async () => {
    const { server, tokens, dossierId } = world;
    const proof = (await (await upload(server, tokens.tenant!, samplePdf('rib-neuf'))).json()) as { id: string };
    const holder = { lastName: 'DUPONT', firstNames: 'MARTINE', address: '8 RUE SAINT NICOLAS', city: 'VERSAILLES', postalCode: '78000' };
    const asked = await write(server, tokens.tenant!, '/v1/change-requests/bank-details', { dossierId, iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX', bankName: 'Commerzbank', holder, attachmentUploadId: proof.id });
    expect(asked.status).toBe(201);
    const db = server.handle.db;
    const live = () => db.select().from(bankAccounts).where(and(eq(bankAccounts.dossierId, dossierId), eq(bankAccounts.deleted, false)));
    const [before] = await live();
    expect(before!.mandateRum).toBe('OPHDEMO-0123456789-01');
    // Staff read the full IBAN to check it against the RIB.
    expect((await callRoute(world, 'staffChangeRequest', 'adviser', { params: { id: asked.body.id } })).body.summary).toMatchObject({ iban: 'DE89370400440532013000', ibanMasked: '#####000' });
    expect((await callRoute(world, 'staffChangeDecision', 'adviser', { params: { id: asked.body.id }, body: { decision: 'approve' } })).status).toBe(200);
    const [after] = await live();
    expect(after).toMatchObject({ bankName: 'Commerzbank', ibanMasked: '#####000', mandateRum: before!.mandateRum, creditorId: before!.creditorId });
    const [entry] = await db.select().from(staffAuditLog).where(eq(staffAuditLog.targetId, asked.body.id)).orderBy(desc(staffAuditLog.id));
    expect(entry!.after).toMatchObject({ status: 'approved', mandateAmendment: { mandateRum: before!.mandateRum, previousIbanMasked: before!.ibanMasked, newIbanMasked: '#####000' } });
  });

  it('an insurance certificate refused needs a reason, which the tenant sees', async () => {
    const id = await world.freshInsurance();
    expect((await callRoute(world, 'staffInsuranceDecision', 'adviser', { params: { id }, body: { decision: 'refuse' } })).status).toBe(400);
    expect((await callRoute(world, 'staffInsuranceDecision', 'adviser', { params: { id }, body: { decision: 'refuse', reason: 'Attestation d\'une autre adresse.' } })).status).toBe(200);
    const [row] = await world.server.handle.db.select().from(insuranceCertificates).where(eq(insuranceCertificates.id, id));
    expect(row).toMatchObject({ status: 'refused', staffComment: 'Attestation d\'une autre adresse.' });
    expect(row!.decidedAt).toBeInstanceOf(Date);
    expect((await callRoute(world, 'staffInsuranceDecision', 'adviser', { params: { id }, body: { decision: 'accept' } })).status).toBe(409);
  });

  it('queues page by 50 with their total, oldest open first, and filter by residence, category, age and search', async () => {
    const { server } = world;
    const made = await server.generate(3, { withAccounts: true });
    const db = server.handle.db;
    // 120 technical requests of a generated tenant in Les Tilleuls, one a day back from today.
    const [dossier] = await db.select().from(dossiers).where(eq(dossiers.tenantId, made[0]!.tenantId));
    await db.update(dossiers).set({ residenceId: DEMO_RESIDENCES[1].id }).where(eq(dossiers.id, dossier!.id));
    const now = server.now().getTime();
    await db.insert(requests).values(
      Array.from({ length: 120 }, (_, i) => ({
        id: `7a000000-0000-4000-8000-${String(i).padStart(12, '0')}`, tenantId: made[0]!.tenantId, dossierId: dossier!.id, version: 1, updatedAt: new Date(now - i * 86_400_000),
        number: 5_000_000 + i, kind: 'technical' as const, category: i % 2 ? 'chauffage' : 'plomberie', subject: `Panne n° ${i}`, description: 'x', permissionToEnter: false,
        status: 'open' as const, createdAt: new Date(now - i * 86_400_000),
      })),
    );
    const page = (actor: 'caretakerElsewhere' | 'administrator', query: Record<string, string>) => callRoute(world, 'staffRequests', actor, { query });
    const first = await page('caretakerElsewhere', {});
    expect(first.body).toMatchObject({ total: 120, page: 1, pageSize: 50 });
    expect(first.body.items).toHaveLength(50);
    expect(first.body.items[0].subject).toBe('Panne n° 119');
    expect((await page('caretakerElsewhere', { page: '3' })).body.items).toHaveLength(20);
    expect((await page('caretakerElsewhere', { category: 'chauffage' })).body.total).toBe(60);
    expect((await page('caretakerElsewhere', { minAgeDays: '100' })).body.total).toBe(20);
    expect((await page('caretakerElsewhere', { q: '5000042' })).body.items.map((r: { number: number }) => r.number)).toEqual([5_000_042]);
    expect((await page('caretakerElsewhere', { q: made[0]!.lastName.toLowerCase() })).body.total).toBeGreaterThanOrEqual(120);
    expect((await page('administrator', { residenceId: DEMO_RESIDENCES[1].id })).body.total).toBe(120);
    expect((await page('administrator', { residenceId: DEMO_RESIDENCES[2].id })).body.total).toBe(0);
    // The Lilas caretaker sees none of them.
    expect((await callRoute(world, 'staffRequests', 'caretaker', { query: { residenceId: DEMO_RESIDENCES[1].id } })).body.total).toBe(0);
    const tenantsPage = await callRoute(world, 'staffTenants', 'accounting', { query: { residenceId: DEMO_RESIDENCES[1].id } });
    expect(tenantsPage.body).toMatchObject({ total: 1, items: [{ id: made[0]!.tenantId, residence: { code: 'RES-TILLEULS' } }] });
  });

  it('a notice run goes on in the background and reports its progress and summary', async () => {
    const started = await callRoute(world, 'staffNoticeRuns', 'accounting', { body: { period: '2026-04' } });
    expect(started.status).toBe(202);
    await settleNoticeRuns();
    const run = await callRoute(world, 'staffNoticeRun', 'accounting', { params: { id: started.body.id } });
    expect(run.body).toMatchObject({ status: 'done', period: '2026-04' });
    expect(run.body.done).toBe(run.body.total);
    expect(run.body.total).toBeGreaterThan(0);
    expect(run.body.summary.published + run.body.summary.unchanged + run.body.summary.skipped + run.body.summary.refused + run.body.summary.superseded).toBe(run.body.done);
    // While a month's run is going (here, one another instance started), a second one is refused.
    await world.server.handle.db.insert(staffNoticeRuns).values({ id: '7b000000-0000-4000-8000-000000000001', period: '2026-05', status: 'running', summary: {}, startedAt: world.server.now() });
    expect((await callRoute(world, 'staffNoticeRuns', 'accounting', { body: { period: '2026-05' } })).status).toBe(409);
  });

  it('the ERP import puts dossiers in residences by code, and stops on an unknown code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'staff-erp-'));
    try {
      const deps = { db: world.server.handle.db, cipher: createDataCipher(Buffer.alloc(32, 5)), now: world.server.now };
      const header = 'reference;civilite;nom;prenom;date_de_naissance;dossier;adresse;code_postal;ville;residence';
      const path = join(dir, 'locataires.csv');
      writeFileSync(path, `${header}\r\n9000000001;Mme;LEROY;Anne;02/04/1980;9100000001;1 RUE A;78000;VERSAILLES;RES-CHANTIERS\r\n`);
      await runAdminCommand(['import-erp', '--locataires', path], deps);
      const [d] = await deps.db.select({ residenceId: dossiers.residenceId }).from(dossiers).where(eq(dossiers.number, '9100000001'));
      expect(d!.residenceId).toBe(DEMO_RESIDENCES[2].id);
      writeFileSync(path, `${header}\r\n9000000001;Mme;LEROY;Anne;02/04/1980;9100000001;1 RUE A;78000;VERSAILLES;RES-INCONNUE\r\n`);
      await expect(runAdminCommand(['import-erp', '--locataires', path], deps)).rejects.toThrow();
      const [still] = await deps.db.select({ residenceId: dossiers.residenceId }).from(dossiers).where(eq(dossiers.number, '9100000001'));
      expect(still!.residenceId).toBe(DEMO_RESIDENCES[2].id);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a residence\'s caretaker texts are the landlord\'s to change (audited), and the caretaker reads theirs only', async () => {
    const mine = await callRoute(world, 'staffResidences', 'caretaker', {});
    expect(mine.body.items.map((r: { code: string }) => r.code)).toEqual(['RES-LILAS']);
    const all = await callRoute(world, 'staffResidences', 'adviser', {});
    expect(all.body.items.length).toBeGreaterThanOrEqual(3);
    const taken = await callRoute(world, 'staffResidenceCreate', 'administrator', { body: { ...DEMO_RESIDENCES[0], id: undefined } });
    expect(taken.status).toBe(409);
    expect(apiPath('staffResidenceUpdate', { id: 'x' })).toBe('/v1/staff/residences/x');
  });
});
