import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { keySpace } from '../../storage/redis-keys.js';
import { createRedis } from '../../storage/redis.js';
import { testConfig } from '../../test/support/config.js';
import { deleteKeys } from '../../test/support/redis-cleanup.js';
import { redisTargets } from '../../test/support/redis-targets.js';
import { describePresenceStoreContract } from './presence-store.contract.js';
import { RedisPresenceStore } from './presence-store.redis.js';

describe.each(redisTargets())('RedisPresenceStore on $name', (target) => {
  // A prefix of this file's own: other test files share this Redis, so it deletes only its keys.
  const keyPrefix = `test-presence-${randomUUID().slice(0, 8)}`;
  const redis = createRedis(testConfig(target.config).redis, { name: 'test-presence' });

  afterAll(async () => {
    await deleteKeys(redis, `${keyPrefix}:*`);
    await redis.quit();
  });

  describePresenceStoreContract(target.name, (clock) => new RedisPresenceStore(redis, keyPrefix, clock));

  describe('RedisPresenceStore keys', () => {
    const store = new RedisPresenceStore(redis, keyPrefix);
    const conn = { connId: 'c1', id: 'u1', name: 'Ada', status: 'online' } as const;
    const pttls = (topic: string) => {
      const { conns, info, users } = keySpace(keyPrefix).presence(topic);
      return Promise.all([conns, info, users].map((key) => redis.pttl(key)));
    };

    it('expire 2 ttlMs after the last add or refresh, never sooner', async () => {
      const topic = `ttl-${randomUUID().slice(0, 8)}`;
      await store.add(topic, conn, 10_000);
      for (const ms of await pttls(topic)) {
        expect(ms).toBeGreaterThan(19_000);
        expect(ms).toBeLessThanOrEqual(20_000);
      }
      await store.refresh(topic, ['c1'], 30_000);
      for (const ms of await pttls(topic)) expect(ms).toBeGreaterThan(59_000);
      await store.add(topic, { ...conn, connId: 'c2' }, 1_000);
      for (const ms of await pttls(topic)) expect(ms).toBeGreaterThan(59_000);
    });

    it('are gone when the last connection is', async () => {
      const topic = `gone-${randomUUID().slice(0, 8)}`;
      await store.add(topic, conn, 10_000);
      await store.remove(topic, 'c1');
      expect(await pttls(topic)).toEqual([-2, -2, -2]);
    });
  });
});
