/**
 * The residences a staff member may filter on: a caretaker's own (StaffMe), every residence for
 * the others (GET staffResidences, loaded once per session).
 */
import { staffApi } from './api';
import { session } from './session.svelte';
import type { ResidenceRef } from './types';

let cache: { staffId: string; items: ResidenceRef[] } | null = null;

export async function visibleResidences(): Promise<ResidenceRef[]> {
  const me = session.me;
  if (!me) return [];
  if (me.role === 'caretaker') return me.residences;
  if (cache?.staffId === me.id) return cache.items;
  try {
    const { items } = await staffApi<{ items: ResidenceRef[] }>('staffResidences');
    cache = { staffId: me.id, items: items.map(({ id, code, name }) => ({ id, code, name })) };
    return cache.items;
  } catch {
    return [];
  }
}

export function forgetResidences() {
  cache = null;
}
