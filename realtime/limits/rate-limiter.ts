// The rate-limit seam. Limits are shared by every hub node (Redis in production), so a client
// cannot multiply its allowance by spreading connections over nodes.
//
// Guarantees every implementation gives (checked by rate-limiter.contract.ts):
// - take: a token bucket per key, `capacity` tokens, refilled continuously at `refillPerS`;
//   a refused take consumes nothing and says when a token will be there (retryAfterMs);
// - slowmode: at most one accepted call per key per `intervalMs`; a refused call does not
//   restart the interval and says how long is left;
// - forget: the buckets of the given keys are gone (full again);
// - both are atomic under concurrent callers on several nodes.

export interface BucketSpec {
  capacity: number;
  refillPerS: number;
}

export type LimitDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export interface RateLimiter {
  take(key: string, spec: BucketSpec, cost?: number): Promise<LimitDecision>;
  slowmode(key: string, intervalMs: number): Promise<LimitDecision>;
  /** Drops the token buckets of these keys (erasure: a bucket's key may name its user). */
  forget(keys: readonly string[]): Promise<void>;
}
