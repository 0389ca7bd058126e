/**
 * The landlord's branding (white-label): name, title, logo and colours. The default ships in
 * resources/branding/branding.json; the landlord's own settings, once the Portal API has sent
 * them, are kept in the user-data folder and win. Nothing here names a real landlord.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { brandingSchema, type Branding } from '../../src-shared/bridge';
import { readJsonFile, writeJsonFileAtomic } from '../storage/json-file';
import type { PortalApi } from './portal-api';

/** The subset of GET /v1/landlord that branding needs; the rest is for other sections. */
const landlordBrandingSchema = z.object({
  name: z.string().min(1),
  portalTitle: z.string().min(1).optional(),
  colors: brandingSchema.shape.colors.optional(),
});

export interface BrandingService {
  get(): Branding;
  /** Fetches the landlord's settings; keeps the cached ones when the server is unreachable. */
  refresh(api: PortalApi): Promise<Branding>;
}

export function createBrandingService({ resourcesDir, userDataDir }: { resourcesDir: string; userDataDir: string }) {
  const defaults = brandingSchema.parse(JSON.parse(readFileSync(join(resourcesDir, 'branding', 'branding.json'), 'utf8')));
  const cacheFile = join(userDataDir, 'landlord-branding.json');

  function get(): Branding {
    const cached = landlordBrandingSchema.safeParse(readJsonFile(cacheFile));
    if (!cached.success) return defaults;
    return {
      ...defaults,
      name: cached.data.name,
      portalTitle: cached.data.portalTitle ?? defaults.portalTitle,
      logoAlt: `Logo ${cached.data.name}`,
      colors: cached.data.colors ?? defaults.colors,
    };
  }

  async function refresh(api: PortalApi): Promise<Branding> {
    try {
      const landlord = await api.request('/v1/landlord', { response: landlordBrandingSchema });
      writeJsonFileAtomic(cacheFile, landlord);
    } catch {
      // Offline or server error: the cached or default branding stays; nothing to tell the tenant.
    }
    return get();
  }

  return { get, refresh } satisfies BrandingService;
}
