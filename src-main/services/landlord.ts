/**
 * The landlord's settings (white-label): branding, contacts, tenant-reference format. The
 * default ships in resources/branding/branding.json; the landlord's own settings, once fetched
 * from GET /v1/landlord, are kept in the user-data folder and win, so they show offline too.
 * Nothing here names a real landlord.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiPath } from '../../src-shared/api/routes';
import { landlordSchema, type Landlord } from '../../src-shared/api/landlord';
import { brandingSchema, type Branding } from '../../src-shared/bridge';
import { DEFAULT_TENANT_REFERENCE_FORMAT } from '../../src-shared/validation/tenant-reference';
import { readJsonFile, writeJsonFileAtomicAsync } from '../storage/json-file';
import type { PortalApi } from './portal-api';

export function createLandlordService({ resourcesDir, userDataDir }: { resourcesDir: string; userDataDir: string }) {
  const defaults = brandingSchema.parse(JSON.parse(readFileSync(join(resourcesDir, 'branding', 'branding.json'), 'utf8')));
  const cacheFile = join(userDataDir, 'landlord.json');
  let cached: Landlord | null | undefined;

  function landlord(): Landlord | null {
    if (cached === undefined) {
      const parsed = landlordSchema.safeParse(readJsonFile(cacheFile));
      cached = parsed.success ? parsed.data : null;
    }
    return cached;
  }

  function branding(): Branding {
    const settings = landlord();
    if (!settings) return defaults;
    return {
      ...defaults,
      name: settings.name,
      portalTitle: settings.portalTitle,
      logoAlt: `Logo ${settings.name}`,
      colors: settings.colors,
    };
  }

  function tenantReference() {
    const settings = landlord();
    return settings?.tenantReference ?? { label: 'Numéro TG', ...DEFAULT_TENANT_REFERENCE_FORMAT };
  }

  /** The CGU and privacy policy as the landlord published them; null until fetched, or if none. */
  function legalTexts() {
    const legal = landlord()?.legal;
    return { cgu: legal?.cguText?.trim() || null, privacy: legal?.privacyText?.trim() || null };
  }

  /**
   * Fetches the settings; keeps the cached ones when the server cannot be reached.
   * Resolves true when the branding changed (the renderer then repaints).
   */
  async function refresh(api: PortalApi): Promise<boolean> {
    try {
      const before = JSON.stringify(branding());
      const fresh = await api.request(apiPath('landlord'), { response: landlordSchema });
      // Written only when they changed (most starts), and without holding the event loop.
      if (JSON.stringify(fresh) !== JSON.stringify(landlord())) await writeJsonFileAtomicAsync(cacheFile, fresh);
      cached = fresh;
      return JSON.stringify(branding()) !== before;
    } catch {
      // Offline or server error: the cached or default settings stay; nothing to tell the tenant.
      return false;
    }
  }

  /** The landlord's own settings as last fetched (null until fetched once): "Nous contacter" reads them. */
  return { branding, settings: landlord, tenantReference, legalTexts, refresh };
}

export type LandlordService = ReturnType<typeof createLandlordService>;
