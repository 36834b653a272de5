// Colyseus' presence and driver stay inside their deployment's key prefix: two deployments
// sharing a Redis (or a Redis Cluster) see neither each other's rooms nor each other's messages,
// and the hub's own publishes reach a room's subscription under the same prefix.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { mediaKeys } from '../keys.js';
import { createRedis } from '../../storage/redis.js';
import { redisTargets } from '../../test/support/redis-targets.js';
import { testConfig } from '../../test/support/config.js';
import { createColyseusRedis, type ColyseusRedis } from './colyseus-redis.js';

describe.each(redisTargets())('Colyseus on $name, under the key prefix', (target) => {
  const { redis } = testConfig(target.config);
  const run = randomUUID().slice(0, 6);
  const one: ColyseusRedis = createColyseusRedis(redis, `a${run}`);
  const two: ColyseusRedis = createColyseusRedis(redis, `b${run}`);
  const hubRedis = createRedis(redis, { name: 'colyseus-redis-test' });
  afterAll(async () => {
    for (const c of [one, two]) {
      await c.driver.clear();
      c.presence.shutdown();
      await c.driver.shutdown();
    }
    await hubRedis.quit();
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

  it('keeps pub/sub topics apart between prefixes', async () => {
    const heardByOne: unknown[] = [];
    const heardByTwo: unknown[] = [];
    await one.presence.subscribe('$lobby', (m) => heardByOne.push(m));
    await two.presence.subscribe('$lobby', (m) => heardByTwo.push(m));
    await one.presence.publish('$lobby', 'for one');
    await expect.poll(() => heardByOne, { timeout: 10_000 }).toEqual(['for one']);
    // Published after one heard its message: on one Redis, a subscriber of the same channel
    // would have been sent 'for one' before 'for two'.
    await two.presence.publish('$lobby', 'for two');
    await expect.poll(() => heardByTwo, { timeout: 10_000 }).toEqual(['for two']);
    expect(heardByOne).toEqual(['for one']);
    await one.presence.unsubscribe('$lobby');
    await two.presence.unsubscribe('$lobby');
  });

  it.runIf(target.name === 'redis')('lists its own channels by their topic names', async () => {
    const processChannel = `p:proc-${run}`;
    await one.presence.subscribe(processChannel, () => undefined);
    expect(await one.presence.channels('p:*')).toContain(processChannel);
    expect(await two.presence.channels('p:*')).not.toContain(processChannel);
    await one.presence.unsubscribe(processChannel);
  });

  it("delivers the hub's publishes on a session's room channel to the room's topic", async () => {
    const session = mediaKeys(`a${run}`).session(`s${run}`);
    const heard: unknown[] = [];
    await one.presence.subscribe(session.roomTopic, (m) => heard.push(m));
    await hubRedis.publish(session.roomChannel, JSON.stringify({ kind: 'status', status: 'live' }));
    await expect.poll(() => heard, { timeout: 10_000 }).toEqual([{ kind: 'status', status: 'live' }]);
    await one.presence.unsubscribe(session.roomTopic);
  });
});
