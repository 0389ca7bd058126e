/**
 * The numbering plan our phone fields accept: the French one managed by ARCEP, i.e.
 * metropolitan France (+33), the overseas departments and regions (Réunion and Mayotte +262,
 * Guadeloupe, Saint-Barthélemy and Saint-Martin +590, Guyane +594, Martinique +596) and
 * Saint-Pierre-et-Miquelon (+508). New Caledonia, French Polynesia and Wallis-et-Futuna have
 * their own regulators and plans; a number typed in the national form ("06...") is tried in this
 * order, so a number valid in both the metropolitan and an overseas plan (the 0800 freephone,
 * some 09 VoIP ranges) is read as metropolitan, as a caller in France would dial it.
 */
export const FRENCH_PLAN_REGIONS = ['FR', 'RE', 'YT', 'GP', 'BL', 'MF', 'GF', 'MQ', 'PM'] as const;

export type FrenchPlanRegion = (typeof FRENCH_PLAN_REGIONS)[number];
