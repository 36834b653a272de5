import { randomUUID } from 'node:crypto';
import { createRedis } from '../../storage/redis.js';
import { testConfig } from '../../test/support/config.js';
import { describeBrokerContract } from './broker.contract.js';
import { RedisBroker } from './broker.redis.js';

const { redis } = testConfig();

describeBrokerContract('RedisBroker on real Redis', async ({ historyMaxCount }) => {
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
      const keys = await admin.keys(`${keyPrefix}:*`);
      if (keys.length) await admin.del(...keys);
      await admin.quit();
    },
  };
});
