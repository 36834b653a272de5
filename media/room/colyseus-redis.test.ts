// Colyseus' presence and driver keep their keys inside their deployment's key prefix: two
// deployments sharing a Redis (or a Redis Cluster) do not see each other's rooms.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { redisTargets } from '../../test/support/redis-targets.js';
import { testConfig } from '../../test/support/config.js';
import { createColyseusRedis, type ColyseusRedis } from './colyseus-redis.js';

describe.each(redisTargets())('Colyseus on $name, under the key prefix', (target) => {
  const { redis } = testConfig(target.config);
  const run = randomUUID().slice(0, 6);
  const one: ColyseusRedis = createColyseusRedis(redis, `a${run}`);
  const two: ColyseusRedis = createColyseusRedis(redis, `b${run}`);
  afterAll(async () => {
    for (const c of [one, two]) {
      await c.driver.clear();
      c.presence.shutdown();
      await c.driver.shutdown();
    }
  });

  it('keeps rooms and matchmaking counters apart between prefixes', async () => {
    const room = { roomId: `room-${run}`, name: 'live-session', processId: 'p1', clients: 0, maxClients: 10 };
    await one.driver.persist(room as never);
    expect(await one.driver.has(room.roomId)).toBe(true);
    expect(await two.driver.has(room.roomId)).toBe(false);

    await one.presence.hincrbyex('concurrency', 'k', 1, 60);
    expect(await two.presence.hget('concurrency', 'k')).toBeNull();
    expect(await one.presence.hget('concurrency', 'k')).toBe('1');
  });
});
