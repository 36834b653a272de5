// Offline notifications against real Redis and BullMQ, and a local receiver standing in for the
// marketplace core: batched per user, signed, retried through an outage, delivered once.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BullJobQueue } from '../../storage/queue/job-queue.bullmq.js';
import { createRedis, type RedisClient } from '../../storage/redis.js';
import { testConfig } from '../../test/support/config.js';
import { eventually } from '../../test/support/wait.js';
import {
  deliverNotifications,
  OfflineNotifier,
  type NotificationEvent,
  type NotificationJob,
} from './offline-notifier.js';
import { verifyWebhook } from './webhook-signature.js';

const SECRET = 'receiver-shared-secret-0123456789';
const event = (n: number): NotificationEvent => ({
  kind: 'mention',
  communityId: 'c1',
  channelId: 'ch1',
  messageId: `m${n}`,
  from: { id: 'ada', name: 'Ada' },
  excerpt: `hello @bob #${n}`,
  at: 1_795_000_000_000 + n,
});

describe('offline notifications', () => {
  const keyPrefix = `ntf${randomUUID().slice(0, 6)}`;
  const { redis: redisConfig } = testConfig();
  let redis: RedisClient;
  let queue: BullJobQueue<NotificationJob>;
  let server: Server;
  let url = '';
  let failNext = 0;
  const received: { body: string; valid: boolean; delivery: string }[] = [];
  let attempts = 0;
  const online = new Set<string>();

  beforeAll(async () => {
    redis = createRedis(redisConfig, { name: 'notify-test' });
    queue = new BullJobQueue('notifications', { keyPrefix, redis: redisConfig });
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        attempts++;
        if (failNext > 0) {
          failNext--;
          res.statusCode = 503;
          res.end();
          return;
        }
        const valid = verifyWebhook(
          SECRET,
          {
            signature: req.headers['x-hubbub-signature'] as string,
            timestamp: req.headers['x-hubbub-timestamp'] as string,
          },
          body,
        );
        received.push({ body, valid, delivery: String(req.headers['x-hubbub-delivery']) });
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/hubbub`;
    queue.consume(deliverNotifications(redis, queue, { keyPrefix, webhookUrl: url, webhookSecret: SECRET }));
  });
  afterAll(async () => {
    await queue.obliterate();
    await queue.close();
    await redis.quit();
    await new Promise<void>((r) => server.close(() => r()));
  });

  const notifier = () =>
    new OfflineNotifier(redis, queue, {
      keyPrefix,
      batchMs: 300,
      attempts: 5,
      backoffMs: 50,
      isOnline: async (u) => online.has(u),
    });

  it('sends nothing for a user who is online', async () => {
    online.add('carol');
    expect(await notifier().notify('carol', event(1))).toBe(false);
    expect(await redis.llen(`${keyPrefix}:{notify:carol}:pending`)).toBe(0);
  });

  it('batches an offline user’s events into one signed webhook', async () => {
    const n = notifier();
    for (const i of [1, 2, 3]) expect(await n.notify('bob', event(i))).toBe(true);
    await eventually(() => received.length >= 1);
    await new Promise((r) => setTimeout(r, 400));
    expect(received).toHaveLength(1);
    expect(received[0]?.valid).toBe(true);
    expect(JSON.parse(received[0]?.body ?? '')).toEqual({
      userId: 'bob',
      events: [event(1), event(2), event(3)],
    });
    expect(await redis.llen(`${keyPrefix}:{notify:bob}:pending`)).toBe(0);
  });

  it('keeps the events through an outage of the core and delivers them once', async () => {
    received.length = 0;
    attempts = 0;
    failNext = 2;
    await notifier().notify('dave', event(7));
    await eventually(() => received.length >= 1, 10_000);
    await new Promise((r) => setTimeout(r, 400));
    expect(attempts).toBe(3);
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0]?.body ?? '')).toEqual({ userId: 'dave', events: [event(7)] });
  });

  it('sends a user’s events once when two batch windows’ jobs fall due together', async () => {
    received.length = 0;
    const key = `${keyPrefix}:{notify:erin}:pending`;
    await redis.rpush(key, JSON.stringify(event(8)), JSON.stringify(event(9)));
    const deliver = deliverNotifications(redis, queue, { keyPrefix, webhookUrl: url, webhookSecret: SECRET });
    const job = (id: string) => ({ id, name: 'deliver', data: { userId: 'erin' }, attempt: 1 });
    await Promise.all([deliver(job('notify-erin-1')), deliver(job('notify-erin-2'))]);
    expect(received.map((r) => JSON.parse(r.body) as unknown)).toEqual([
      { userId: 'erin', events: [event(8), event(9)] },
    ]);
    expect(await redis.llen(key)).toBe(0);
  });

  it('refuses a forged or replayed signature', () => {
    const body = '{"userId":"x","events":[]}';
    const now = Math.floor(Date.now() / 1000);
    expect(
      verifyWebhook('another-secret-0123456789', { signature: 'sha256=00', timestamp: String(now) }, body),
    ).toBe(false);
    const good = { signature: received[0] ? '' : '', timestamp: String(now) };
    expect(verifyWebhook(SECRET, good, body)).toBe(false);
    expect(verifyWebhook(SECRET, { signature: 'sha256=x', timestamp: String(now - 3600) }, body)).toBe(false);
  });
});
