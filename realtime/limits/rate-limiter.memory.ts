// RateLimiter in one process's memory, for unit tests of the modules that use limits. Same rules
// as the Redis limiter (rate-limiter.contract.ts runs against both); each call runs synchronously
// to its end, which is what makes it atomic here.
import { checkInterval, checkTake } from './limit-args.js';
import type { BucketSpec, LimitDecision, RateLimiter } from './rate-limiter.js';

/** Float sums may land a hair below a whole token that is due; never refuse for that. */
const EPSILON = 1e-9;

export class MemoryRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; tsMs: number }>();
  private readonly slowmodes = new Map<string, number>();

  constructor(private readonly clock: () => number = Date.now) {}

  async take(key: string, spec: BucketSpec, cost = 1): Promise<LimitDecision> {
    checkTake(key, spec, cost);
    const now = this.clock();
    const bucket = this.buckets.get(key);
    const tokens = bucket
      ? Math.min(spec.capacity, bucket.tokens + (Math.max(0, now - bucket.tsMs) * spec.refillPerS) / 1000)
      : spec.capacity;
    if (tokens + EPSILON < cost) {
      return {
        allowed: false,
        retryAfterMs: Math.max(1, Math.ceil(((cost - tokens) * 1000) / spec.refillPerS)),
      };
    }
    this.buckets.set(key, { tokens: Math.max(0, tokens - cost), tsMs: Math.max(bucket?.tsMs ?? now, now) });
    return { allowed: true };
  }

  async forget(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.buckets.delete(key);
  }

  async slowmode(key: string, intervalMs: number): Promise<LimitDecision> {
    checkInterval(key, intervalMs);
    const now = this.clock();
    const untilMs = this.slowmodes.get(key);
    if (untilMs !== undefined && untilMs > now) return { allowed: false, retryAfterMs: untilMs - now };
    this.slowmodes.set(key, now + intervalMs);
    return { allowed: true };
  }
}
