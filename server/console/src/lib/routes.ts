/**
 * The console's pages: hash slug (French, as the contract lists them), who may open them
 * (StaffMe.role, the same split as server/src/staff/roles.ts) and their menu entry.
 */
import type { Component } from 'svelte';
import type { StaffRole } from './types';
import type { MessageKey } from './i18n.svelte';
import RequestsPage from '../pages/RequestsPage.svelte';
import RequestPage from '../pages/RequestPage.svelte';
import ChangeRequestsPage from '../pages/ChangeRequestsPage.svelte';
import ChangeRequestPage from '../pages/ChangeRequestPage.svelte';
import InsurancePage from '../pages/InsurancePage.svelte';
import TenantsPage from '../pages/TenantsPage.svelte';
import TenantPage from '../pages/TenantPage.svelte';
import NoticeRunPage from '../pages/NoticeRunPage.svelte';
import AccountsPage from '../pages/AccountsPage.svelte';
import ResidencesPage from '../pages/ResidencesPage.svelte';
import AuditPage from '../pages/AuditPage.svelte';
import SettingsPage from '../pages/SettingsPage.svelte';

export interface ConsoleRoute {
  slug: string;
  roles: readonly StaffRole[];
  menu: MessageKey;
  list: Component<{ segments: string[]; query: URLSearchParams }>;
  /** The page of one item (`#/demandes/:id`), when the list has one. */
  detail?: Component<{ id: string }>;
}


export const ROUTES: readonly ConsoleRoute[] = [
  { slug: 'demandes', roles: ['caretaker', 'adviser', 'administrator'], menu: 'menu.requests', list: RequestsPage, detail: RequestPage },
  { slug: 'modifications', roles: ['adviser', 'administrator'], menu: 'menu.changeRequests', list: ChangeRequestsPage, detail: ChangeRequestPage },
  { slug: 'assurances', roles: ['adviser', 'administrator'], menu: 'menu.insurance', list: InsurancePage },
  { slug: 'locataires', roles: ['adviser', 'accounting', 'administrator'], menu: 'menu.tenants', list: TenantsPage, detail: TenantPage },
  { slug: 'avis', roles: ['accounting', 'administrator'], menu: 'menu.notices', list: NoticeRunPage },
  { slug: 'comptes', roles: ['administrator'], menu: 'menu.accounts', list: AccountsPage },
  { slug: 'residences', roles: ['administrator'], menu: 'menu.residences', list: ResidencesPage },
  { slug: 'journal', roles: ['administrator'], menu: 'menu.audit', list: AuditPage },
  { slug: 'parametres', roles: ['administrator'], menu: 'menu.settings', list: SettingsPage },
];

export function routesFor(role: StaffRole): ConsoleRoute[] {
  return ROUTES.filter((route) => route.roles.includes(role));
}

/** Where a staff member lands after sign-in: their first menu entry. */
export function homeFor(role: StaffRole): string {
  return `#/${routesFor(role)[0]?.slug ?? 'demandes'}`;
}
