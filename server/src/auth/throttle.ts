/**
 * Attempt throttling, stored in the database (table throttle_counters) so that every server
 * instance behind a load balancer shares the counters. Fixed windows: simple and good enough to
 * stop online guessing; keys are hashed so no email address sits in the table.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { throttleCounters } from '../db/schema';
import { ApiError } from '../http/errors';
import { sha256Hex } from '../crypto/tokens';

export interface ThrottleLimits {
  windowSeconds: number;
  /** Failed sign-ins per account (by submitted email) per window. */
  signInPerAccount: number;
  /** Sign-in attempts per client IP per window. */
  signInPerIp: number;
  /** Recovery requests (identifier, password) per submitted identity per window. */
  recoveryPerIdentity: number;
  /** Recovery requests per client IP per window. */
  recoveryPerIp: number;
}

export const DEFAULT_THROTTLE_LIMITS: ThrottleLimits = {
  windowSeconds: 15 * 60,
  signInPerAccount: 5,
  signInPerIp: 50,
  recoveryPerIdentity: 3,
  recoveryPerIp: 20,
};

export function throttleKey(scope: string, value: string): string {
  return `${scope}:${sha256Hex(value.toLowerCase())}`;
}

export class Throttle {
  constructor(
    private readonly db: Db,
    private readonly windowSeconds: number,
  ) {}

  /** Throws THROTTLED when the key already reached `limit` in its current window. */
  async check(key: string, limit: number, now: Date): Promise<void> {
    const [row] = await this.db.select().from(throttleCounters).where(eq(throttleCounters.key, key));
    if (!row) return;
    const endsAt = row.windowStartedAt.getTime() + this.windowSeconds * 1000;
    if (endsAt > now.getTime() && row.count >= limit) {
      throw new ApiError('THROTTLED', { retryAfter: Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000)) });
    }
  }

  /** Counts one attempt (a new window starts when the previous one is over). */
  async hit(key: string, now: Date): Promise<void> {
    const windowStart = new Date(now.getTime() - this.windowSeconds * 1000);
    const expired = sql`${throttleCounters.windowStartedAt} <= ${windowStart.toISOString()}::timestamptz`;
    await this.db
      .insert(throttleCounters)
      .values({ key, count: 1, windowStartedAt: now })
      .onConflictDoUpdate({
        target: throttleCounters.key,
        set: {
          count: sql`case when ${expired} then 1 else ${throttleCounters.count} + 1 end`,
          windowStartedAt: sql`case when ${expired} then ${now.toISOString()}::timestamptz else ${throttleCounters.windowStartedAt} end`,
        },
      });
  }

  /** Checks then counts: for endpoints where every attempt counts. */
  async consume(key: string, limit: number, now: Date): Promise<void> {
    await this.check(key, limit, now);
    await this.hit(key, now);
  }

  async clear(key: string): Promise<void> {
    await this.db.delete(throttleCounters).where(eq(throttleCounters.key, key));
  }
}
