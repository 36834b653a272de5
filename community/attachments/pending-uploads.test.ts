// The pending-upload cap on the test Redis and the Redis Cluster: parallel reservations never pass
// it together, a released place is free again, scopes count apart, and a place not released
// lapses with the pending lifetime (the clock is moved, not waited for).
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../storage/redis.js';
import { keySpace } from '../../storage/redis-keys.js';
import { testConfig } from '../../test/support/config.js';
import { deleteKeys } from '../../test/support/redis-cleanup.js';
import { redisTargets } from '../../test/support/redis-targets.js';
import { pendingScope, PendingUploads, type PendingPlace } from './pending-uploads.js';

const TTL_MS = 3600_000;
const COMMUNITY = '6571b2f4c9e77a0012ab3c41';

describe.each(redisTargets())('PendingUploads on $name', (target) => {
  const keyPrefix = `test-pending-${randomUUID().slice(0, 8)}`;
  const redis = createRedis(testConfig(target.config).redis, { name: 'test-pending-uploads' });
  let now = Date.now();
  const pending = new PendingUploads(redis, keyPrefix, TTL_MS, () => now);
  const channel: PendingPlace = { communityId: COMMUNITY, channelId: '6571b2f4c9e77a0012ab3c42' };

  afterAll(async () => {
    await deleteKeys(redis, `${keyPrefix}:*`);
    await redis.quit();
  });

  it('lets 50 parallel reservations past a cap of 10 only 10 times', async () => {
    const user = `u${randomUUID().slice(0, 8)}`;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => pending.reserve(user, channel, `file-${i}`, 10)),
    );
    expect(results.filter((r) => r.reserved)).toHaveLength(10);
    for (const r of results.filter((r) => !r.reserved))
      expect(r).toEqual({ reserved: false, retryAfterMs: TTL_MS });
  });

  it('frees a released place, counts each scope apart, and lets a forgotten place lapse', async () => {
    const user = `u${randomUUID().slice(0, 8)}`;
    expect(await pending.reserve(user, channel, 'a', 2)).toEqual({ reserved: true });
    now += 60_000;
    expect(await pending.reserve(user, channel, 'b', 2)).toEqual({ reserved: true });
    expect(await pending.reserve(user, channel, 'c', 2)).toEqual({
      reserved: false,
      retryAfterMs: TTL_MS - 60_000,
    });

    // Direct conversations and support are scopes of their own.
    const dm: PendingPlace = { communityId: null, channelId: '6571b2f4c9e77a0012ab3c43' };
    const support: PendingPlace = { communityId: COMMUNITY, newConversation: true };
    expect([pendingScope(channel), pendingScope(dm), pendingScope(support)]).toEqual([
      COMMUNITY,
      'dm',
      'support',
    ]);
    expect(await pending.reserve(user, dm, 'd', 2)).toEqual({ reserved: true });
    expect(await pending.reserve(user, support, 'e', 2)).toEqual({ reserved: true });

    await pending.release(user, channel, ['b']);
    expect(await pending.reserve(user, channel, 'c', 2)).toEqual({ reserved: true });

    // 'a' is never released: a lifetime after it was reserved, its place is free.
    now += TTL_MS - 60_000 + 1;
    expect(await pending.reserve(user, channel, 'f', 2)).toEqual({ reserved: true });
    expect(await redis.zrange(keySpace(keyPrefix).pendingUploads(user, COMMUNITY), '0', '-1')).toEqual([
      'c',
      'f',
    ]);
  });

  it("forgets a user's counts in the scopes named (erasure), and no one else's", async () => {
    const [user, other] = [`u${randomUUID().slice(0, 8)}`, `u${randomUUID().slice(0, 8)}`];
    const support: PendingPlace = { communityId: COMMUNITY, newConversation: true };
    for (const who of [user, other]) {
      await pending.reserve(who, channel, 'a', 5);
      await pending.reserve(who, support, 'b', 5);
    }
    const keys = keySpace(keyPrefix);
    await pending.forget(user, [COMMUNITY, 'support', 'dm']);
    expect(await redis.exists(keys.pendingUploads(user, COMMUNITY))).toBe(0);
    expect(await redis.exists(keys.pendingUploads(user, 'support'))).toBe(0);
    expect(await redis.exists(keys.pendingUploads(other, COMMUNITY))).toBe(1);
    expect(await pending.reserve(user, channel, 'c', 1)).toEqual({ reserved: true });
  });
});
