/**
 * What each staff role may do (docs/STAFF.md). A route names the capability it needs; a staff
 * member without it gets 403 FORBIDDEN. Scope (a caretaker's residences) is the second check:
 * an object outside it answers 404, as if it did not exist (no enumeration).
 */
import type { StaffRole } from '../../../src-shared/api/staff';

export const STAFF_CAPABILITIES = [
  /** Technical requests: list, read, photos, reply, status, planned date. */
  'requests.technical',
  /** Administrative requests (every residence). */
  'requests.administrative',
  'changeRequests.decide',
  'insurance.decide',
  /** Tenants' pages: dossier, ledger, documents, requests, consents. */
  'tenants.read',
  'noticeRuns',
  'residences.read',
  'residences.write',
  'landlord.write',
  'accounts',
  'audit.read',
] as const;
export type StaffCapability = (typeof STAFF_CAPABILITIES)[number];

const ROLE_CAPABILITIES: Record<StaffRole, readonly StaffCapability[]> = {
  caretaker: ['requests.technical', 'residences.read'],
  adviser: ['requests.administrative', 'changeRequests.decide', 'insurance.decide', 'tenants.read', 'residences.read'],
  accounting: ['tenants.read', 'noticeRuns', 'residences.read'],
  administrator: STAFF_CAPABILITIES,
};

export function can(role: StaffRole, capability: StaffCapability): boolean {
  return ROLE_CAPABILITIES[role].includes(capability);
}

/** Whether the role sees every residence (all but the caretaker, who sees theirs). */
export function seesEveryResidence(role: StaffRole): boolean {
  return role !== 'caretaker';
}

/** The request kinds a role works on (empty: none). */
export function requestKindsOf(role: StaffRole): ('technical' | 'administrative')[] {
  const kinds: ('technical' | 'administrative')[] = [];
  if (can(role, 'requests.technical')) kinds.push('technical');
  if (can(role, 'requests.administrative')) kinds.push('administrative');
  return kinds;
}

/** "M. Petit, gardien": how a staff reply is signed for the tenant. */
export const ROLE_TITLES: Record<StaffRole, string> = {
  caretaker: 'gardien',
  adviser: 'conseiller clientèle',
  accounting: 'service comptabilité',
  administrator: 'administrateur',
};
