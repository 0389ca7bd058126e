/** "Accueil": dossier, address, balance, last actions, the insurance alert and a short to-do list. */
import type { HomeView } from '../../src-shared/home/bridge';
import { listOutbox } from '../sync/outbox';
import { addressOf, profileOf, rows, type AccountData } from '../services/account-data';
import { insuranceStatuses } from '../insurance/service';

const LAST_ACTIONS = 30;

export function homeView(data: AccountData): HomeView {
  const dossiers = rows(data, 'dossier')
    .map((row) => ({ id: row.id, number: row.data.number, address: addressOf(row.data), balanceCents: row.data.balanceCents }))
    .sort((a, b) => a.number.localeCompare(b.number));
  const insuranceAlert = insuranceStatuses(data).some((item) => item.status === 'none' || item.status === 'expired' || item.status === 'refused');
  const requestNumbers = new Map(rows(data, 'request').map((row) => [row.id, String(row.data.number)]));
  const documentPeriods = new Map(rows(data, 'document').map((row) => [row.id, row.data.period]));
  const lastActions = rows(data, 'activity')
    .map((row) => ({ id: row.id, at: row.data.at, kind: row.data.kind, label: row.data.label, params: activityParams(row.data.kind, row.data.refId) }))
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, LAST_ACTIONS);
  /** What the renderer's wording of a line needs, read from the row it is about. */
  function activityParams(kind: string, refId: string | null): Record<string, string> {
    const number = refId ? requestNumbers.get(refId) : undefined;
    const period = refId ? documentPeriods.get(refId) : undefined;
    if (kind.startsWith('request.') && number) return { number };
    if (kind.startsWith('document.') && period) return { period };
    return {};
  }

  const outbox = listOutbox(data.open.cache.db);
  const refused = outbox.filter((item) => item.status === 'refused').length;
  const pending = outbox.length - refused;

  const todos: HomeView['todos'] = [];
  for (const dossier of dossiers) if (dossier.balanceCents > 0) todos.push({ kind: 'pay', dossierId: dossier.id });
  if (insuranceAlert) todos.push({ kind: 'insurance' });
  if (refused > 0) todos.push({ kind: 'refusedItems', count: refused });
  if (pending > 0) todos.push({ kind: 'pendingItems', count: pending });

  const profile = profileOf(data);
  return {
    today: data.today,
    displayName: profile ? `${profile.civility} ${profile.lastName} ${profile.firstName}` : data.open.account.displayName,
    dossiers,
    insuranceAlert,
    lastActions,
    todos,
    lastSyncAt: null,
  };
}
