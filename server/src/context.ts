/** What every route module receives: the database and the server's collaborators. */
import type { FastifyRequest } from 'fastify';
import type { Landlord } from '../../src-shared/api/landlord';
import type { Db } from './db/client';
import type { PasswordHasher } from './auth/passwords';
import type { Mailer } from './mail/mailer';
import type { DataCipher } from './crypto/data-key';
import type { Clock } from '../../src-shared/clock';
import type { Throttle, ThrottleLimits } from './auth/throttle';
import type { TenantQuotas } from './http/quotas';

export interface AppContext {
  db: Db;
  clock: Clock;
  hasher: PasswordHasher;
  mailer: Mailer;
  cipher: DataCipher;
  throttle: Throttle;
  limits: ThrottleLimits;
  /** Per-tenant daily quotas on writes and uploads (http/quotas.ts). */
  quotas: TenantQuotas;
  /** Base of links sent by mail (password reset, email confirmation). */
  publicUrl: string;
  version: string;
  landlord(): Promise<Landlord>;
}

export interface AuthInfo {
  accountId: string;
  tenantId: string;
  sessionId: string;
  familyId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth?: AuthInfo;
  }
}

export function authOf(request: FastifyRequest): AuthInfo {
  if (!request.auth) throw new Error('route is missing the authenticate hook');
  return request.auth;
}
