/** Which dossier a "MODIFIER" link (MON DOSSIER) chose, for the insurance wizard it opens. */
export const insuranceTarget: { dossierId: string | null } = { dossierId: null };
