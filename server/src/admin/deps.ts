/**
 * What the staff operations are given (the admin API, the CLI and the areas' staff functions).
 * Apart from admin/service.ts, so the areas' staff modules do not import the service that
 * re-exports them.
 */
import type { Db } from '../db/client';
import type { DataCipher } from '../crypto/data-key';
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../context';
import { landlordIdentityFromEnv, SANDBOX_LANDLORD_IDENTITY, type DocumentDeps } from '../documents/deps';

export interface AdminDeps {
  db: Db;
  cipher: DataCipher;
  now: () => Date;
  /** For documents (quittances, reçus, avis): mailer, landlord settings and letterhead identity, how documents are rendered; defaults: no mail, the stored settings, LANDLORD_* env, in this process. */
  documents?: Partial<Pick<DocumentDeps, 'mailer' | 'landlord' | 'log' | 'rendering'>>;
  /** Where long runs (publishing, imports) print their progress line (the CLI: stderr); default nowhere. */
  progress?: (line: string) => void;
}

/** The deps of staff operations run by a route (the admin API and the staff API build the same). */
export function adminDepsForRoutes(ctx: AppContext, log: FastifyBaseLogger): AdminDeps {
  return {
    db: ctx.db,
    cipher: ctx.cipher,
    now: ctx.clock,
    documents: {
      mailer: ctx.mailer,
      landlord: { settings: () => ctx.landlord(), identity: landlordIdentityFromEnv(process.env) ?? SANDBOX_LANDLORD_IDENTITY },
      log: (message, extra) => log.warn({ ...extra }, message),
    },
  };
}
