/** Mes demandes in the sync feed: the requests, their messages and their status history. */
import * as t from '../db/schema';
import { projection } from '../sync/projection';

export const requestProjection = projection(t.requests, (r) => ({ dossierId: r.dossierId, number: r.number, kind: r.kind, category: r.category, subject: r.subject, description: r.description, permissionToEnter: r.permissionToEnter, photoSha256s: r.photoSha256s, status: r.status, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(), plannedDate: r.plannedDate }));

export const requestMessageProjection = projection(t.requestMessages, (r) => ({ requestId: r.requestId, author: r.author, body: r.body, createdAt: r.createdAt.toISOString(), authorName: r.authorName }));

export const requestEventProjection = projection(t.requestEvents, (r) => ({ requestId: r.requestId, status: r.status, by: r.by, at: r.at.toISOString() }));
