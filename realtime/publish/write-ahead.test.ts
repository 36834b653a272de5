// The write-ahead sweep against real Redis and FerretDB: a node that delivered publications and
// died before storing them (its store never answers; it stops heartbeating) has them stored by
// another node, under the ids its subscribers received; a retry of one of its nonces on another
// node gets the first publication's id back and stores nothing new. A topic is recorded at most
// once per TRACK_EVERY_MS, and the sweep still finds a publish that record stood for.
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../test/support/config.js';
import { useTestDatabase } from '../../test/support/database.js';
import { eventually } from '../../test/support/wait.js';
import type { MessageStore } from '../../storage/messages/message-store.js';
import { MongoMessageStore } from '../../storage/messages/message-store.mongo.js';
import { chatMessageModel } from '../../storage/models/chat-message.model.js';
import type { MongoConnection } from '../../storage/mongo.js';
import { keySpace } from '../../storage/redis-keys.js';
import { createRedis, type RedisClient } from '../../storage/redis.js';
import { brokerFromConfig } from '../broker/broker.factory.js';
import type { RedisBroker } from '../broker/broker.redis.js';
import { Publisher } from '../publisher.js';
import { TRACK_EVERY_MS, WriteAhead } from './write-ahead.js';

const log = pino({ level: 'silent' });

describe('write-ahead sweep', () => {
  let connection: MongoConnection;
  useTestDatabase((c) => (connection = c));
  const config = testConfig({ redis: { keyPrefix: `wal${randomUUID().slice(0, 6)}` } });
  const redis: RedisClient[] = [];
  const brokers: RedisBroker[] = [];
  const node = () => {
    const r = createRedis(config.redis, { name: 'wal-test' });
    redis.push(r);
    const broker = brokerFromConfig(config, r, 'wal-test');
    brokers.push(broker);
    return { redis: r, broker };
  };
  const walOptions = (nodeId: string, deadAfterMs: number) => ({
    nodeId,
    keyPrefix: config.redis.keyPrefix,
    heartbeatMs: 3_600_000,
    deadAfterMs,
    sweepEveryMs: 3_600_000,
    log,
  });
  afterAll(async () => {
    await Promise.all(brokers.map((b) => b.close()));
  });

  /** A store whose writes never finish: its node dies before storing anything. */
  const stuck: MessageStore & { oldestUnstoredTs(): number | undefined } = {
    insert: () => new Promise(() => undefined),
    after: () => Promise.resolve([]),
    before: () => Promise.resolve([]),
    top: () => Promise.resolve(null),
    first: () => Promise.resolve(null),
    redact: () => Promise.resolve([]),
    drop: () => Promise.resolve(0),
    expire: () => Promise.resolve(0),
    oldestUnstoredTs: () => Date.now() - 1_000,
  };

  const message = (id: string, body: string) => ({
    kind: 'message',
    id,
    body,
    replyToId: null,
    mentions: { userIds: [], roleIds: [], everyone: false },
  });

  it('records the topics of a burst of publishes in one or two writes, each topic before its publish', async () => {
    const { redis: r, broker } = node();
    let writes = 0;
    // The real client, with its ZADDs counted.
    const counted = new Proxy(r, {
      get: (target, prop, receiver) =>
        prop === 'zadd'
          ? (...args: unknown[]) => {
              writes++;
              return (target.zadd as (...a: unknown[]) => Promise<number>)(...args);
            }
          : (Reflect.get(target, prop, receiver) as unknown),
    });
    const wal = new WriteAhead(counted, broker, stuck, stuck, walOptions('burst-node', 60_000));
    const topics = Array.from({ length: 100 }, (_, i) => `chan:burst:${i}`);
    await Promise.all(topics.map((t) => wal.track(t)));
    expect(writes).toBeLessThanOrEqual(2);
    const recorded = await r.zrange(
      keySpace(config.redis.keyPrefix).writeAhead.topics('burst-node'),
      '0',
      '-1',
    );
    expect(recorded.sort()).toEqual([...topics].sort());
    await Promise.all(topics.map((t) => wal.track(t))); // recorded lately: nothing written again
    expect(writes).toBeLessThanOrEqual(2);
  });

  it('stores what a dead node delivered, with its ids, and a retry of its nonce gets the first id', async () => {
    const store = new MongoMessageStore(connection);
    const topic = `chan:${new Types.ObjectId().toHexString()}:${new Types.ObjectId().toHexString()}`;
    const dead = node();
    const deadWal = new WriteAhead(dead.redis, dead.broker, store, stuck, walOptions('dead-node', 60_000));
    await deadWal.start();
    const deadPublisher = new Publisher(dead.broker, stuck, 'dead-node');
    deadPublisher.trackWith(deadWal);
    const ids = [1, 2, 3, 4].map(() => new Types.ObjectId().toHexString());
    const held = new Types.ObjectId().toHexString();
    // Each publish is delivered (sequenced) and then waits forever for its durable write.
    for (const [i, id] of ids.entries()) {
      void deadPublisher.publish(topic, {
        nonce: `nonce-${i}`,
        data: JSON.stringify(message(id, `hello ${i}`)),
        info: { id: 'ann', name: 'Ann' },
      });
    }
    void deadPublisher.publish(topic, {
      nonce: 'nonce-held',
      data: JSON.stringify({ kind: 'message.hidden', id: held, by: 'automod' }),
      record: JSON.stringify({ ...message(held, 'held text'), hiddenBy: 'automod' }),
      info: { id: 'ann', name: 'Ann' },
    });
    await eventually(async () => (await dead.broker.position(topic))?.offset === 5);
    expect(await store.after(topic, 0, 10)).toEqual([]);

    // Another node finds it dead once its heartbeat is older than deadAfterMs, and sweeps it.
    const live = node();
    const liveWal = new WriteAhead(
      live.redis,
      live.broker,
      store,
      { oldestUnstoredTs: () => undefined },
      walOptions('live-node', 200),
    );
    // What the sweep stores is heard as a group commit's writes are (the scoring job's source).
    const heard: string[] = [];
    liveWal.onStored((rows) => void heard.push(...rows.map((r) => `${r.offset}:${r.data}`)));
    await new Promise((r) => setTimeout(r, 300));
    expect(await liveWal.sweep()).toBe(5);
    const Message = chatMessageModel(connection);
    const stored = await Message.find({ channel: topic }).sort({ offset: 1 }).lean();
    // Every offset once (the concurrent publishes took them in any order), each under its id.
    expect(stored.map((m) => m.offset)).toEqual([1, 2, 3, 4, 5]);
    const byId = new Map(stored.map((m) => [m._id.toHexString(), m]));
    for (const [i, id] of ids.entries()) expect(byId.get(id)?.body).toBe(`hello ${i}`);
    expect(byId.get(held)).toMatchObject({ body: 'held text', hiddenBy: 'automod' });
    expect(byId.get(held)?.data).not.toContain('held text');
    expect(heard.map((h) => Number(h.split(':')[0])).sort()).toEqual([1, 2, 3, 4, 5]);
    for (const id of ids) expect(heard.filter((h) => h.includes(id))).toHaveLength(1);
    expect(await liveWal.sweep()).toBe(0); // swept once: the dead node left the registry
    expect(heard).toHaveLength(5); // and heard nothing more

    // The sender retries on the live node: the first publication's position and id, nothing new.
    const livePublisher = new Publisher(live.broker, store, 'live-node');
    const retry = await livePublisher.publish(topic, {
      nonce: 'nonce-2',
      data: JSON.stringify(message(new Types.ObjectId().toHexString(), 'hello 2')),
      info: { id: 'ann', name: 'Ann' },
    });
    expect(retry).toMatchObject({ offset: byId.get(ids[2] as string)?.offset, duplicate: true });
    expect(JSON.parse(retry.original ?? '{}')).toMatchObject({ id: ids[2] });
    // The same nonce from another user is another publication: nonces are scoped to their sender.
    const other = await livePublisher.publish(topic, {
      nonce: 'nonce-2',
      data: JSON.stringify(message(new Types.ObjectId().toHexString(), 'bob too')),
      info: { id: 'bob', name: 'Bob' },
    });
    expect(other).toMatchObject({ offset: 6, duplicate: false });
    expect(await Message.countDocuments({ channel: topic })).toBe(6);
  });

  it('stores a publish on a topic recorded a while before it (not recorded again), once its node died', async () => {
    const store = new MongoMessageStore(connection);
    const topic = `chan:${new Types.ObjectId().toHexString()}:${new Types.ObjectId().toHexString()}`;
    const quiet = node();
    const quietWal = new WriteAhead(
      quiet.redis,
      quiet.broker,
      store,
      stuck,
      walOptions('quiet-node', 60_000),
    );
    await quietWal.start();
    const publisher = new Publisher(quiet.broker, stuck, 'quiet-node');
    publisher.trackWith(quietWal);
    await quietWal.track(topic);
    // As if that record was made a while ago, within TRACK_EVERY_MS: the publish does not record again.
    const recordedAt = Date.now() - TRACK_EVERY_MS / 2;
    await quiet.redis.zadd(
      keySpace(config.redis.keyPrefix).writeAhead.topics('quiet-node'),
      recordedAt,
      topic,
    );
    const id = new Types.ObjectId().toHexString();
    void publisher.publish(topic, {
      nonce: 'nonce-quiet',
      data: JSON.stringify(message(id, 'late')),
      info: { id: 'ann', name: 'Ann' },
    });
    await eventually(async () => (await quiet.broker.position(topic))?.offset === 1);

    const live = node();
    const liveWal = new WriteAhead(
      live.redis,
      live.broker,
      store,
      { oldestUnstoredTs: () => undefined },
      walOptions('live-node-2', 200),
    );
    expect(await eventually(async () => (await liveWal.sweep()) || undefined)).toBe(1);
    expect((await chatMessageModel(connection).findById(id).lean())?.body).toBe('late');
  });
});
