/** Change requests in the sync feed: what the tenant asked to change and what staff decided. */
import * as t from '../db/schema';
import { isoOrNull, projection } from '../sync/projection';

export const changeRequestProjection = projection(t.changeRequests, (r) => ({ dossierId: r.dossierId, kind: r.kind, summary: r.summary as Record<string, unknown>, attachmentSha256: r.attachmentSha256, status: r.status, staffComment: r.staffComment, createdAt: r.createdAt.toISOString(), decidedAt: isoOrNull(r.decidedAt) }));
