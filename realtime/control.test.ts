// The control bus on the real Redis: a subscription lost and regained is reported (messages sent
// meanwhile were missed), and messages flow again afterwards. The Redis Cluster's failover is
// covered by test/gateway/failover.test.ts.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig } from '../test/support/config.js';
import { eventually } from '../test/support/wait.js';
import { createRedis, type RedisClient } from '../storage/redis.js';
import { ControlBus, type ControlMessage } from './control.js';

describe('ControlBus', () => {
  const opened: { bus: ControlBus; redis: RedisClient }[] = [];
  afterEach(async () => {
    for (const { bus, redis } of opened.splice(0)) {
      await bus.close();
      await redis.quit();
    }
  });

  const open = (name: string) => {
    const config = testConfig();
    const redis = createRedis(config.redis, { name: `${name}-commands` });
    const bus = new ControlBus(
      redis,
      createRedis(config.redis, { name, maxRetriesPerRequest: null }),
      `ctl${randomUUID().slice(0, 6)}`,
    );
    opened.push({ bus, redis });
    return { bus, redis };
  };

  it('says when its subscription is back after the connection was lost, and delivers again', async () => {
    const name = `control-test-${randomUUID().slice(0, 8)}`;
    const { bus, redis } = open(name);
    const received: ControlMessage[] = [];
    bus.onMessage((m) => received.push(m));
    let resubscribed = 0;
    bus.onResubscribed(() => resubscribed++);

    await bus.send({ op: 'invalidate', communityId: 'first' });
    await eventually(() => received.length === 1);
    expect(resubscribed).toBe(0); // the first subscription is not a comeback

    // The subscriber's connection dies (a Redis restart, a network cut): ioredis reconnects.
    const clients = String(await redis.call('CLIENT', 'LIST'));
    const id = new RegExp(`id=(\\d+) [^\\n]* name=${name}(?: |$)`, 'm').exec(clients)?.[1];
    expect(id, 'the subscriber connection in CLIENT LIST').toBeDefined();
    await redis.call('CLIENT', 'KILL', 'ID', String(id));
    await eventually(() => resubscribed === 1);

    await bus.send({ op: 'invalidate', communityId: 'after' });
    await eventually(() => received.length === 2);
    expect(received.map((m) => m.op === 'invalidate' && m.communityId)).toEqual(['first', 'after']);
  });
});
