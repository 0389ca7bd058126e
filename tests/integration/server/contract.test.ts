import { describe, expect, it } from 'vitest';
import { backends, useSignedInDemo, write } from './helpers';

/** Mon contrat: the tenant asks to change the occupants (POST /v1/change-requests/occupants). */
describe.each(backends)('Mon contrat: occupants change ($name)', (backend) => {
  const demo = useSignedInDemo(backend);

  it('occupants: a full proposed list on the tenant\'s dossier', async () => {
    const { server, token, dossierId } = demo;
    const res = await write(server, token, '/v1/change-requests/occupants', {
      dossierId,
      occupants: [
        { civility: 'Mme', lastName: 'DUPONT', firstName: 'MARTINE', birthDate: '1970-01-01', relationship: '', signatory: true },
        { civility: 'M.', lastName: 'DUPONT', firstName: 'MARTIN', birthDate: '2000-01-01', relationship: 'enfant', signatory: false },
        { civility: 'Mme', lastName: 'DUPONT', firstName: 'LÉA', birthDate: '2024-03-15', relationship: 'petite-fille', signatory: false },
      ],
    });
    expect(res.status).toBe(201);
    const bad = await write(server, token, '/v1/change-requests/occupants', { dossierId, occupants: [{ civility: 'Mme', lastName: '', firstName: 'X', birthDate: '15/03/2024', relationship: '', signatory: true }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([
      { path: 'occupants.0.lastName', key: 'fields.required', message: 'Champ obligatoire' },
      { path: 'occupants.0.birthDate', key: 'fields.date.format', message: 'Date invalide (format attendu : aaaa-mm-jj)' },
    ]);
  });
});
