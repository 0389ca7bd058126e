/** Mes documents in the sync feed: each document's metadata (its bytes come from GET /v1/blobs/:sha256). */
import * as t from '../db/schema';
import { projection } from '../sync/projection';

export const documentProjection = projection(t.documents, (r) => ({ dossierId: r.dossierId, kind: r.kind, period: r.period, title: r.title, sha256: r.sha256, size: r.size, issuedAt: r.issuedAt.toISOString(), amountCents: r.amountCents }));
