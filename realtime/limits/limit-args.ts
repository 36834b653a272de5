// Argument checks shared by every RateLimiter, so a bad spec fails alike everywhere instead of
// turning into NaN or a bucket no take can ever pass.
import type { BucketSpec } from './rate-limiter.js';

const positive = (n: number) => Number.isFinite(n) && n > 0;

export function checkTake(key: string, { capacity, refillPerS }: BucketSpec, cost: number): void {
  if (!positive(capacity) || !positive(refillPerS)) {
    throw new RangeError(`rate limit ${key}: capacity and refillPerS must be > 0`);
  }
  if (!positive(cost) || cost > capacity) {
    throw new RangeError(`rate limit ${key}: cost ${cost} is not in (0, capacity ${capacity}]`);
  }
}

export function checkInterval(key: string, intervalMs: number): void {
  if (!Number.isSafeInteger(intervalMs) || intervalMs <= 0) {
    throw new RangeError(`slowmode ${key}: intervalMs must be a positive integer, got ${intervalMs}`);
  }
}
