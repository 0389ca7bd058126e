/**
 * Contract of the staff route POST /v1/admin/notices (publish a month's avis d'échéance). Staff-only
 * and server-side, so it lives with the publisher rather than in src-shared (the desktop never
 * calls it).
 */
import { z } from 'zod';

export const publishNoticesBodySchema = z.object({
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Période attendue au format aaaa-mm'),
  /** One tenant only (Numéro TG). */
  reference: z.string().min(1).max(40).optional(),
});

const noticeSchema = z.object({
  tenantReference: z.string(),
  dossierNumber: z.string(),
  status: z.enum(['published', 'unchanged', 'superseded', 'skipped', 'refused']),
  documentId: z.string().optional(),
  sha256: z.string().optional(),
  supersededId: z.string().optional(),
  totalCents: z.number().int().optional(),
  delivery: z.enum(['mail', 'post']).optional(),
  reason: z.string().optional(),
});

export const publishNoticesResponseSchema = z.object({
  period: z.string(),
  published: z.number().int(),
  unchanged: z.number().int(),
  superseded: z.number().int(),
  skipped: z.number().int(),
  refused: z.number().int(),
  mailed: z.number().int(),
  toPost: z.array(z.object({ tenantReference: z.string(), name: z.string(), dossierNumber: z.string(), address: z.string(), documentId: z.string() })),
  notices: z.array(noticeSchema),
});
