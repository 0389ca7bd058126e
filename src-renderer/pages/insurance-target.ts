/** Which dossier a "MODIFIER" / "METTRE À JOUR LE RIB" link chose, for the wizard it opens. */
export const insuranceTarget: { dossierId: string | null } = { dossierId: null };
export const ribTarget: { dossierId: string | null } = { dossierId: null };
