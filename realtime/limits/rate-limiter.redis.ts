// RateLimiter on Redis, shared by every hub node. A token bucket is one HASH changed only by
// token-bucket.lua; times come from this node's clock (ARGV), not Redis TIME, so this limiter
// and MemoryRateLimiter refill alike and tests can move the clock. Slowmode is one key set
// with NX PX, so Redis itself ends the interval.
import type { RedisClient } from '../../storage/redis.js';
import { defineScript, type Script } from '../../storage/redis-scripts.js';
import { keySpace, type KeySpace } from '../../storage/redis-keys.js';
import { checkInterval, checkTake } from './limit-args.js';
import type { BucketSpec, LimitDecision, RateLimiter } from './rate-limiter.js';

/** A bucket's key outlives its refill by this much, for clock skew between nodes and Redis. */
const EXPIRY_MARGIN_MS = 1_000;

export class RedisRateLimiter implements RateLimiter {
  private readonly keys: KeySpace;
  private readonly tokenBucket: Script;

  constructor(
    private readonly redis: RedisClient,
    keyPrefix: string,
    private readonly clock: () => number = Date.now,
  ) {
    this.keys = keySpace(keyPrefix);
    this.tokenBucket = defineScript(
      redis,
      'hubTokenBucket',
      new URL('./token-bucket.lua', import.meta.url),
      1,
    );
  }

  async take(key: string, spec: BucketSpec, cost = 1): Promise<LimitDecision> {
    checkTake(key, spec, cost);
    const [allowed, retryAfterMs] = (await this.tokenBucket(
      this.keys.bucket(key),
      spec.capacity,
      spec.refillPerS,
      cost,
      this.clock(),
      EXPIRY_MARGIN_MS,
    )) as [number, number];
    return allowed === 1 ? { allowed: true } : { allowed: false, retryAfterMs };
  }

  async forget(keys: readonly string[]): Promise<void> {
    // One DEL per key: on a cluster each bucket has its own slot.
    for (const key of keys) await this.redis.del(this.keys.bucket(key));
  }

  async slowmode(key: string, intervalMs: number): Promise<LimitDecision> {
    checkInterval(key, intervalMs);
    const marker = this.keys.slowmode(key);
    // The marker may expire between a refused SET and its PTTL; then the interval is over and
    // the next SET decides.
    for (let attempt = 0; attempt < 3; attempt++) {
      if ((await this.redis.set(marker, '1', 'PX', intervalMs, 'NX')) === 'OK') return { allowed: true };
      const leftMs = await this.redis.pttl(marker);
      if (leftMs > 0) return { allowed: false, retryAfterMs: leftMs };
      // -1 (a marker without expiry) is never written here; count it as a whole interval.
      if (leftMs === -1) return { allowed: false, retryAfterMs: intervalMs };
    }
    return { allowed: false, retryAfterMs: 1 };
  }
}
