/** Mon assurance in the sync feed: the certificates the tenant sent and their status. */
import * as t from '../db/schema';
import { isoOrNull, projection } from '../sync/projection';

export const insuranceProjection = projection(t.insuranceCertificates, (r) => ({ dossierId: r.dossierId, insurer: r.insurer, policyNumber: r.policyNumber, validFrom: r.validFrom, validTo: r.validTo, attachmentSha256: r.attachmentSha256, status: r.status, createdAt: r.createdAt.toISOString(), staffComment: r.staffComment, decidedAt: isoOrNull(r.decidedAt) }));
