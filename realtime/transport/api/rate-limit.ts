// One token from a bucket, or 429 with `retry-after` in whole seconds (rounded up, so a client
// that waits that long finds the token there).
import type { BucketSpec, RateLimiter } from '../../limits/rate-limiter.js';
import { ApiError } from './api-error.js';

export async function takeOrRefuse(limiter: RateLimiter, key: string, spec: BucketSpec): Promise<void> {
  const decision = await limiter.take(key, spec);
  if (decision.allowed) return;
  const retryAfterS = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
  throw new ApiError('rate_limited', { headers: { 'retry-after': String(retryAfterS) } });
}
