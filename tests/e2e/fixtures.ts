/** Data the e2e stack seeds and the specs act on. */
export const SIGN_UP_TENANT = {
  /** What the tenant types, as printed on the rent notice. */
  reference: '1000999888',
  lastName: 'DURAND',
  firstName: 'CHANTAL',
  birthDate: '15/03/1948',
  email: 'chantal.durand@example.org',
  password: 'Mon-Nouveau-Mot-2026!',
  record: {
    reference: '1000999888',
    civility: 'Mme',
    lastName: 'DURAND',
    firstName: 'CHANTAL',
    birthDate: '1948-03-15',
    dossier: { number: '0987654321', addressLine: '12 AVENUE DE PARIS', postalCode: '78000', city: 'VERSAILLES', directDebitDay: 3 },
    contracts: [{ kind: 'logement', label: 'Logement T2', startDate: '2010-06-01' }],
    occupants: [{ civility: 'Mme', lastName: 'DURAND', firstName: 'CHANTAL', birthDate: '1948-03-15', relationship: '', signatory: true }],
  },
} as const;
