/** GET /v1/landlord (public): the white-label settings of the landlord running this server. */
import { z } from 'zod';

const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Couleur attendue au format #rrggbb');

export const landlordServiceSchema = z.object({
  id: z.string().min(1),
  label: z.string().min(1),
  email: z.email().optional(),
  phone: z.string().optional(),
});

export const landlordSchema = z.object({
  name: z.string().min(1),
  portalTitle: z.string().min(1),
  logoUrl: z.string().optional(),
  colors: z.object({ primary: colorSchema, onPrimary: colorSchema, accent: colorSchema, alert: colorSchema }),
  contacts: z.object({
    caretaker: z.object({ label: z.string(), phone: z.string(), hours: z.string() }),
    onCall: z.object({ phone: z.string(), hours: z.string() }),
    services: z.array(landlordServiceSchema),
  }),
  tenantReference: z.object({
    label: z.string(),
    /** Regular expression source (no slashes, no flags), anchored by the client. */
    pattern: z.string(),
    example: z.string(),
  }),
  legal: z.object({
    cguVersion: z.string(),
    privacyVersion: z.string(),
    /** The texts themselves, plain text (paragraphs split by a blank line): read before ticking them at sign-up. */
    cguText: z.string().max(100_000).optional(),
    privacyText: z.string().max(100_000).optional(),
  }),
});
export type Landlord = z.infer<typeof landlordSchema>;
