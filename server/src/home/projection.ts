/** Accueil in the sync feed: "Mes dernières actions", one line per thing the tenant or staff did. */
import * as t from '../db/schema';
import { projection } from '../sync/projection';

export const activityProjection = projection(t.activities, (r) => ({ at: r.at.toISOString(), kind: r.kind, label: r.label, refId: r.refId }));
