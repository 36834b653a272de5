// The control bus on the real Redis: a subscription lost and regained is reported (messages sent
// meanwhile were missed), and messages flow again afterwards. The Redis Cluster's failover is
// covered by test/gateway/failover.test.ts.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig } from '../test/support/config.js';
import { eventually } from '../test/support/wait.js';
import { createRedis, type RedisClient } from '../storage/redis.js';
import { ControlBus, type ControlBusOptions, type ControlMessage } from './control.js';
import { keySpace } from '../storage/redis-keys.js';

describe('ControlBus', () => {
  const opened: { bus: ControlBus; redis: RedisClient }[] = [];
  afterEach(async () => {
    for (const { bus, redis } of opened.splice(0)) {
      await bus.close();
      await redis.quit();
    }
  });

  const open = (name: string, prefix = `ctl${randomUUID().slice(0, 6)}`, options: ControlBusOptions = {}) => {
    const config = testConfig();
    const redis = createRedis(config.redis, { name: `${name}-commands` });
    const bus = new ControlBus(
      redis,
      createRedis(config.redis, { name, maxRetriesPerRequest: null }),
      prefix,
      options,
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

  it('resolves a send only once every other bus that received it has run its handlers', async () => {
    const prefix = `ctl${randomUUID().slice(0, 6)}`;
    const sender = open(`control-test-${randomUUID().slice(0, 8)}`, prefix);
    const receiver = open(`control-test-${randomUUID().slice(0, 8)}`, prefix);
    await receiver.bus.send({ op: 'invalidate', communityId: 'warm-up' }); // subscribed now
    const handled: string[] = [];
    // The receiver is slow to read its socket: its handlers run 300 ms after the message came.
    const slow = receiver.bus as unknown as { receive: (text: string) => void };
    const receive = slow.receive.bind(receiver.bus);
    slow.receive = (text) => void setTimeout(() => receive(text), 300);
    receiver.bus.onMessage((m) => handled.push(m.op));
    await sender.bus.send({ op: 'invalidate', communityId: 'c' });
    expect(handled).toEqual(['invalidate']);
  });

  it('resolves a send after its timeout when a receiver never acknowledges, and says so', async () => {
    const prefix = `ctl${randomUUID().slice(0, 6)}`;
    const warnings: unknown[] = [];
    const sender = open(`control-test-${randomUUID().slice(0, 8)}`, prefix, {
      ackTimeoutMs: 200,
      log: { warn: (...args: unknown[]) => void warnings.push(args[0]) },
    });
    // A plain subscriber to the channel: it receives, but acknowledges nothing.
    const mute = createRedis(testConfig().redis, { name: 'control-test-mute', maxRetriesPerRequest: null });
    try {
      await mute.ssubscribe(keySpace(prefix).control);
      const started = Date.now();
      await sender.bus.send({ op: 'invalidate', communityId: 'c' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
      expect(warnings).toEqual([
        expect.objectContaining({ op: 'invalidate', receivers: 2, acknowledged: 1 }),
      ]);
    } finally {
      await mute.quit();
    }
  });
});
