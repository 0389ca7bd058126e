/**
 * Idempotent writes: the first answer per (account, Idempotency-Key) is stored in the same
 * transaction as the write and replayed afterwards; the same key with another request -> 422.
 * Only successful answers are stored, so a refused request can be corrected and sent again.
 */
import { and, eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Tx } from '../db/client';
import { idempotencyRecords } from '../db/schema';
import type { AppContext } from '../context';
import { authOf } from '../context';
import { sha256Hex } from '../crypto/tokens';
import { withTenantWrite } from '../sync/versions';
import { ApiError } from './errors';
import { throttleKey } from '../auth/throttle';
import { QUOTA_KEYS, QUOTA_MESSAGES, QUOTA_WINDOW_SECONDS, type WriteQuota } from './quotas';

/** JSON with sorted keys, so that key order does not make two equal bodies differ. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

export interface IdempotentWrite<T> {
  status: number;
  /** The tenant's daily quota this write counts against (http/quotas.ts). */
  quota?: WriteQuota;
  /** Runs inside the tenant's write transaction; `key` is the Idempotency-Key (the new id). */
  run(tx: Tx, version: number, key: string): Promise<T>;
}

export async function idempotent<T>(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, write: IdempotentWrite<T>): Promise<FastifyReply> {
  const auth = authOf(request);
  const key = String(request.headers['idempotency-key']);
  const requestHash = sha256Hex(`${request.method} ${request.routeOptions.url ?? ''} ${canonical(request.params)} ${canonical(request.body)}`);

  /**
   * Answers from the stored record, if there is one; true when it did. (Not the reply itself: a
   * FastifyReply is a thenable, so awaiting it waited for the answer to be sent and gave
   * undefined, and the write ran a second time behind the replayed answer.)
   */
  const replay = async (): Promise<boolean> => {
    const [record] = await ctx.db
      .select()
      .from(idempotencyRecords)
      .where(and(eq(idempotencyRecords.accountId, auth.accountId), eq(idempotencyRecords.key, key)));
    if (!record) return false;
    if (record.requestHash !== requestHash) throw new ApiError('IDEMPOTENCY_MISMATCH');
    void reply.code(record.statusCode).header('idempotent-replayed', 'true').send(record.responseBody);
    return true;
  };

  if (await replay()) return reply;
  try {
    const body = await withTenantWrite(ctx.db, auth.tenantId, async (tx, version) => {
      if (write.quota) {
        const limit = ctx.quotas[write.quota];
        await ctx.throttle.consume(throttleKey(`quota-${write.quota}`, auth.tenantId), limit, ctx.clock(), {
          windowSeconds: QUOTA_WINDOW_SECONDS,
          db: tx,
          message: QUOTA_MESSAGES[write.quota](limit),
          detail: { key: QUOTA_KEYS[write.quota], params: { limit } },
        });
      }
      const result = await write.run(tx, version, key);
      await tx.insert(idempotencyRecords).values({ accountId: auth.accountId, key, requestHash, statusCode: write.status, responseBody: result as object, createdAt: ctx.clock() });
      return result;
    });
    return reply.code(write.status).send(body);
  } catch (err) {
    // A concurrent request with the same key won the race: answer as it did.
    if (isUniqueViolation(err)) {
      if (await replay()) return reply;
      // The key is taken as an entity id already (someone else's, or another kind of entity).
      throw new ApiError('CONFLICT', { message: 'Cet identifiant est déjà utilisé : générez une nouvelle clé d\'idempotence.', key: 'errorDetails.conflict.idempotencyKeyTaken' });
    }
    throw err;
  }
}
