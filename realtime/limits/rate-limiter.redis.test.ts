import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { keySpace } from '../../storage/redis-keys.js';
import { createRedis } from '../../storage/redis.js';
import { testConfig } from '../../test/support/config.js';
import { deleteKeys } from '../../test/support/redis-cleanup.js';
import { redisTargets } from '../../test/support/redis-targets.js';
import { describeRateLimiterContract } from './rate-limiter.contract.js';
import { RedisRateLimiter } from './rate-limiter.redis.js';

describe.each(redisTargets())('RedisRateLimiter on $name', (target) => {
  // A prefix of this file's own: other test files share this Redis, so it deletes only its keys.
  const keyPrefix = `test-limits-${randomUUID().slice(0, 8)}`;
  const redis = createRedis(testConfig(target.config).redis, { name: 'test-limits' });

  afterAll(async () => {
    await deleteKeys(redis, `${keyPrefix}:*`);
    await redis.quit();
  });

  describeRateLimiterContract(target.name, (clock) => new RedisRateLimiter(redis, keyPrefix, clock));

  describe('RedisRateLimiter keys', () => {
    const limiter = new RedisRateLimiter(redis, keyPrefix);
    const keys = keySpace(keyPrefix);

    it('keep a bucket until it would be full again, plus a margin', async () => {
      const key = `ttl-${randomUUID().slice(0, 8)}`;
      await limiter.take(key, { capacity: 5, refillPerS: 1 }, 3); // full again in 3 s
      const ttlMs = await redis.pttl(keys.bucket(key));
      expect(ttlMs).toBeGreaterThan(3_000);
      expect(ttlMs).toBeLessThanOrEqual(3_000 + 5_000);
    });

    it('keep a slowmode marker for the interval', async () => {
      const key = `ttl-${randomUUID().slice(0, 8)}`;
      await limiter.slowmode(key, 60_000);
      const ttlMs = await redis.pttl(keys.slowmode(key));
      expect(ttlMs).toBeGreaterThan(59_000);
      expect(ttlMs).toBeLessThanOrEqual(60_000);
    });
  });
});
