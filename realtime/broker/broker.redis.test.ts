// The Broker contract on Redis, on the standalone Redis and on the Redis Cluster (sharded
// pub/sub, a topic's keys on one slot).
import { randomUUID } from 'node:crypto';
import { createRedis } from '../../storage/redis.js';
import { testConfig } from '../../test/support/config.js';
import { deleteKeys } from '../../test/support/redis-cleanup.js';
import { redisTargets } from '../../test/support/redis-targets.js';
import { describeBrokerContract } from './broker.contract.js';
import { RedisBroker } from './broker.redis.js';

for (const target of redisTargets()) {
  const { redis } = testConfig(target.config);

  describeBrokerContract(`RedisBroker on ${target.name}`, async ({ historyMaxCount }) => {
    const keyPrefix = `t${randomUUID().slice(0, 8)}`;
    const admin = createRedis(redis, { name: 'broker-test-admin' });
    return {
      newNode: () =>
        new RedisBroker(
          createRedis(redis, { name: 'broker-test' }),
          createRedis(redis, { name: 'broker-test-sub' }),
          {
            keyPrefix,
            historyMaxCount,
            historyMaxAgeMs: 3_600_000,
            idleExpiryMs: 600_000,
          },
        ),
      cleanup: async () => {
        await deleteKeys(admin, `${keyPrefix}:*`);
        await admin.quit();
      },
    };
  });
}
