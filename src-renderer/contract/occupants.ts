/** Relationship ("Parenté") values as the landlord stores them (French), and their words. */
import { t, type MessageKey } from '../i18n/index.svelte';

const RELATIONSHIPS: { value: string; key: MessageKey }[] = [
  { value: '', key: 'pages.contract.relationships.none' },
  { value: 'conjoint(e)', key: 'pages.contract.relationships.conjoint' },
  { value: 'enfant', key: 'pages.contract.relationships.enfant' },
  { value: 'parent', key: 'pages.contract.relationships.parent' },
  { value: 'frère/sœur', key: 'pages.contract.relationships.fratrie' },
  { value: 'petit-enfant', key: 'pages.contract.relationships.petitEnfant' },
  { value: 'autre', key: 'pages.contract.relationships.autre' },
];

/** A stored value in the tenant's language; an unknown one as it is. */
export function relationshipLabel(value: string): string {
  const known = RELATIONSHIPS.find((item) => item.value === value);
  if (!known) return value;
  return value === '' ? '' : t(known.key);
}

export function relationshipOptions(current: string) {
  const options = RELATIONSHIPS.map((item) => ({ value: item.value, label: t(item.key) }));
  if (current && !RELATIONSHIPS.some((item) => item.value === current)) options.push({ value: current, label: current });
  return options;
}

/** One occupant as edited (birth date typed jj/mm/aaaa); `key` keeps focus and ids stable. */
export interface OccupantDraft {
  key: number;
  civility: string;
  lastName: string;
  firstName: string;
  birthDate: string;
  relationship: string;
  signatory: boolean;
}
