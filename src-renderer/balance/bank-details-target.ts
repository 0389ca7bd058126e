/** Which dossier a "METTRE À JOUR LE RIB" link chose, for the RIB wizard it opens. */
export const ribTarget: { dossierId: string | null } = { dossierId: null };
