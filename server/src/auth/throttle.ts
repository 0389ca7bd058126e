/**
 * Attempt throttling and per-tenant quotas, stored in the database (table throttle_counters) so
 * that every server instance behind a load balancer shares them. Keys are hashed, so no email
 * address or IP sits in the table.
 *
 * Every decision is one SQL statement that counts and decides at once (an upsert whose update
 * only happens while the key is allowed): two instances, or twenty concurrent requests, cannot
 * both read "4 of 5" and both go on. Two kinds of rows:
 * - fixed windows (`consume`): at most `limit` uses per window (per-IP limits, tenant quotas);
 * - lockouts (`reserveAttempt`): password checks per account AND source; a few free tries, then a
 *   pause after each failure that doubles up to a ceiling. Another address has its own counter, so
 *   an attacker cannot lock the owner out; a success forgets the streak.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client';
import { throttleCounters } from '../db/schema';
import type { ErrorDetailKey } from '../../../src-shared/errors';
import { ApiError } from '../http/errors';
import { sha256Hex } from '../crypto/tokens';

export interface ThrottleLimits {
  windowSeconds: number;
  /** Free password tries per account and source (IP) before pauses start. */
  signInPerAccount: number;
  /** Sign-in attempts per client IP per window, whatever the accounts. */
  signInPerIp: number;
  /** Recovery requests (identifier, password) per submitted identity per window. */
  recoveryPerIdentity: number;
  /** Recovery, sign-up and reset-link requests per client IP per window. */
  recoveryPerIp: number;
  /** The first pause, after the last free try fails; each further failure doubles it. */
  lockoutBaseSeconds: number;
  /** The longest pause. */
  lockoutMaxSeconds: number;
  /** A streak of failures is forgotten this long after its last attempt (or at once on success). */
  lockoutMemorySeconds: number;
}

export const DEFAULT_THROTTLE_LIMITS: ThrottleLimits = {
  windowSeconds: 15 * 60,
  signInPerAccount: 5,
  signInPerIp: 50,
  recoveryPerIdentity: 3,
  recoveryPerIp: 20,
  lockoutBaseSeconds: 60,
  lockoutMaxSeconds: 15 * 60,
  lockoutMemorySeconds: 24 * 60 * 60,
};

export function throttleKey(scope: string, ...values: string[]): string {
  return `${scope}:${sha256Hex(values.map((v) => v.toLowerCase()).join('\n'))}`;
}

export interface LockoutPolicy {
  /** Free tries before the first pause. */
  free: number;
  baseSeconds: number;
  maxSeconds: number;
  memorySeconds: number;
}

export function lockoutPolicy(limits: ThrottleLimits): LockoutPolicy {
  return { free: limits.signInPerAccount, baseSeconds: limits.lockoutBaseSeconds, maxSeconds: limits.lockoutMaxSeconds, memorySeconds: limits.lockoutMemorySeconds };
}

/** A password check that may go ahead: `attempt` is its rank in the current streak of failures. */
export interface Attempt {
  attempt: number;
  /** Tries left before a pause if this one fails (0: a pause follows it). */
  attemptsLeft: number;
  /** The pause that follows if this one fails, in seconds (absent while tries are left). */
  pauseSeconds?: number;
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
const iso = (date: Date) => sql`${date.toISOString()}::timestamptz`;

export class Throttle {
  constructor(
    private readonly db: Db,
    private readonly windowSeconds: number,
  ) {}

  /**
   * Counts one use of `key`, or throws THROTTLED (with the seconds until the window ends) when it
   * already reached `limit` in its window. `db` may be a transaction: a refused write rolls its
   * use back with it. `message`: the French sentence of the refusal (default: too many attempts);
   * `detail`: its precise key and numbers (a daily quota's).
   */
  async consume(
    key: string,
    limit: number,
    now: Date,
    options: { windowSeconds?: number; db?: DbOrTx; message?: string; detail?: { key: ErrorDetailKey; params: Record<string, number> } } = {},
  ): Promise<void> {
    const { windowSeconds = this.windowSeconds, db = this.db, message, detail } = options;
    const windowStart = new Date(now.getTime() - windowSeconds * 1000);
    const expired = sql`${throttleCounters.windowStartedAt} <= ${iso(windowStart)}`;
    const counted = await db
      .insert(throttleCounters)
      .values({ key, count: 1, windowStartedAt: now, expiresAt: new Date(now.getTime() + windowSeconds * 1000) })
      .onConflictDoUpdate({
        target: throttleCounters.key,
        set: {
          count: sql`case when ${expired} then 1 else ${throttleCounters.count} + 1 end`,
          windowStartedAt: sql`case when ${expired} then ${iso(now)} else ${throttleCounters.windowStartedAt} end`,
          expiresAt: sql`case when ${expired} then ${iso(new Date(now.getTime() + windowSeconds * 1000))} else ${throttleCounters.expiresAt} end`,
        },
        setWhere: sql`${expired} or ${throttleCounters.count} < ${limit}`,
      })
      .returning({ count: throttleCounters.count });
    if (counted.length > 0) return;
    const [row] = await db.select().from(throttleCounters).where(eq(throttleCounters.key, key));
    const endsAt = (row?.windowStartedAt.getTime() ?? now.getTime()) + windowSeconds * 1000;
    throw new ApiError('THROTTLED', { retryAfter: seconds(endsAt - now.getTime()), message, ...detail });
  }

  /**
   * Reserves one password check for `key` (account and source), or throws THROTTLED while a pause
   * runs. The reservation counts as a failure until `clear` says it succeeded; the pause that
   * follows a failure is set by the same statement, so concurrent attempts never get more checks
   * than the policy gives.
   */
  async reserveAttempt(key: string, policy: LockoutPolicy, now: Date): Promise<Attempt> {
    const forgotten = sql`${throttleCounters.windowStartedAt} <= ${iso(new Date(now.getTime() - policy.memorySeconds * 1000))}`;
    const rank = sql`(case when ${forgotten} then 1 else ${throttleCounters.count} + 1 end)`;
    // free = 5: the 5th failure pauses base seconds, the 6th twice that, and so on up to max.
    const pause = (n: SQL | number) =>
      sql`case when ${n} < ${policy.free} then null else ${iso(now)} + least(${policy.maxSeconds}, ${policy.baseSeconds} * power(2, ${n} - ${policy.free})) * interval '1 second' end`;
    const reserved = await this.db
      .insert(throttleCounters)
      .values({ key, count: 1, windowStartedAt: now, blockedUntil: pauseAt(policy, 1, now), expiresAt: new Date(now.getTime() + policy.memorySeconds * 1000) })
      .onConflictDoUpdate({
        target: throttleCounters.key,
        set: {
          count: rank,
          windowStartedAt: iso(now),
          blockedUntil: pause(rank),
          expiresAt: iso(new Date(now.getTime() + policy.memorySeconds * 1000)),
        },
        setWhere: sql`${throttleCounters.blockedUntil} is null or ${throttleCounters.blockedUntil} <= ${iso(now)}`,
      })
      .returning({ count: throttleCounters.count, blockedUntil: throttleCounters.blockedUntil });
    const row = reserved[0];
    if (!row) {
      const [paused] = await this.db.select().from(throttleCounters).where(eq(throttleCounters.key, key));
      throw new ApiError('THROTTLED', { retryAfter: seconds((paused?.blockedUntil?.getTime() ?? now.getTime()) - now.getTime()) });
    }
    const attemptsLeft = Math.max(0, policy.free - row.count);
    return { attempt: row.count, attemptsLeft, ...(row.blockedUntil ? { pauseSeconds: seconds(row.blockedUntil.getTime() - now.getTime()) } : {}) };
  }

  async clear(key: string): Promise<void> {
    await this.db.delete(throttleCounters).where(eq(throttleCounters.key, key));
  }
}

type SQL = ReturnType<typeof sql>;

/** The pause after failure number `n` of a streak (null while free tries are left). */
function pauseAt(policy: LockoutPolicy, n: number, now: Date): Date | null {
  if (n < policy.free) return null;
  return new Date(now.getTime() + Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** (n - policy.free)) * 1000);
}
