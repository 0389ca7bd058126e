import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { backends, pullAll, samplePng, upload, useSignedInDemo, write } from './helpers';

/** Mes demandes: a new request, a message, a cancellation (POST /v1/requests, /v1/requests/:id/messages, /v1/requests/:id/cancel). */
describe.each(backends)('Mes demandes: requests, messages, cancellation ($name)', (backend) => {
  const demo = useSignedInDemo(backend);

  it('technical request with photos, a message, then cancel', async () => {
    const { server, token, dossierId, cursor } = demo;
    const photo = (await (await upload(server, token, samplePng('fuite'))).json()) as { id: string; sha256: string };
    const created = await write(server, token, '/v1/requests', { kind: 'technical', dossierId, category: 'plomberie', description: 'Fuite au plafond de la salle de bain', photoUploadIds: [photo.id], permissionToEnter: true });
    expect(created.status).toBe(201);
    const message = await write(server, token, `/v1/requests/${created.body.id}/messages`, { body: 'Je suis absente le mardi.' });
    expect(message.status).toBe(201);
    const cancel = await write(server, token, `/v1/requests/${created.body.id}/cancel`, {});
    expect(cancel.status).toBe(200);
    expect((await write(server, token, `/v1/requests/${created.body.id}/cancel`, {})).status).toBe(409);
    expect((await write(server, token, `/v1/requests/${created.body.id}/messages`, { body: 'encore' })).status).toBe(409);
    const changes = (await pullAll(server, token, cursor)).changes;
    const request = changes.find((c) => c.id === created.body.id)!;
    expect(request.data).toMatchObject({ status: 'cancelled', photoSha256s: [photo.sha256], permissionToEnter: true, category: 'plomberie' });
    expect(changes.find((c) => c.id === message.body.id)!.data).toMatchObject({ author: 'tenant', body: 'Je suis absente le mardi.' });
    const history = changes.filter((c) => c.entity === 'requestEvent' && (c.data as { requestId: string }).requestId === created.body.id).map((c) => c.data);
    expect(history).toEqual([
      { requestId: created.body.id, status: 'open', by: 'tenant', at: expect.any(String) },
      { requestId: created.body.id, status: 'cancelled', by: 'tenant', at: expect.any(String) },
    ]);
    const labels = changes.filter((c) => c.entity === 'activity').map((c) => (c.data as { label: string }).label);
    expect(labels).toContain(`Demande n° ${(request.data as { number: number }).number}`);
    const invalid = await write(server, token, '/v1/requests', { kind: 'technical', dossierId, category: 'fuite', description: '', permissionToEnter: 'oui' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['category', 'description', 'permissionToEnter']);
  });

  it('administrative request to a landlord service; unknown requests are 404', async () => {
    const { server, token, dossierId, requestId } = demo;
    const ok = await write(server, token, '/v1/requests', { kind: 'administrative', dossierId, serviceId: 'quittancement', subject: 'Régularisation des charges', description: 'Pouvez-vous m\'expliquer la régularisation ?' });
    expect(ok.status).toBe(201);
    const unknown = await write(server, token, '/v1/requests', { kind: 'administrative', dossierId, serviceId: 'inconnu', subject: 'x', description: 'y' });
    expect(unknown.body.error.fields).toEqual([{ path: 'serviceId', key: 'fields.invalid', message: 'Service inconnu' }]);
    expect((await write(server, token, `/v1/requests/${randomUUID()}/cancel`, {})).status).toBe(404);
    expect((await write(server, token, `/v1/requests/${requestId}/messages`, { body: 'Des nouvelles ?' })).status).toBe(201);
  });
});
