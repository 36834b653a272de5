// Direct messages, read states synced across a user's devices, and offline notifications
// (mentions and DMs of users with no live connection) delivered by a worker as signed webhooks.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../community/notifications/webhook-signature.js';
import { processors } from '../../hub/processors.js';
import { startWorker, type WorkerProcess } from '../../hub/worker.js';
import { apiAs } from '../support/api.js';
import { createTestCommunity, testDatabase, type TestCommunity } from '../support/community.js';
import { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';
import { TestClient } from '../support/ws-client.js';
import { eventually } from '../support/wait.js';

const SECRET = 'marketplace-webhook-secret-0123456789';

describe('direct messages, read sync and offline notifications', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let worker: WorkerProcess;
  let c: TestCommunity;
  let receiver: Server;
  const hooks: {
    userId: string;
    events: { kind: string; excerpt: string; from: { id: string } }[];
    valid: boolean;
  }[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        const valid = verifyWebhook(
          SECRET,
          {
            signature: String(req.headers['x-hubbub-signature']),
            timestamp: String(req.headers['x-hubbub-timestamp']),
          },
          body,
        );
        hooks.push({ ...(JSON.parse(body) as { userId: string; events: [] }), valid });
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    db = await testDatabase();
    const overrides = {
      mongodb: { url: db.url },
      redis: { keyPrefix: `ntf${randomUUID().slice(0, 6)}` },
      notifications: {
        webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hubbub`,
        webhookSecret: SECRET,
        batchMs: 2_000, // long enough that the mention and the DM share one batch on a loaded machine
      },
    };
    hub = await startTestHub(overrides);
    c = await createTestCommunity(hub.url);
    worker = await startWorker(hub.config, (resources) => processors(hub.config, resources));
  });
  afterAll(async () => {
    await worker.shutdown();
    await hub.shutdown();
    await db.drop();
    await new Promise<void>((r) => receiver.close(() => r()));
  });

  it('notifies an offline member of a mention and a DM by one signed webhook, and an online one live', async () => {
    const ann = await TestClient.connect(hub.wsUrl, await tokenFor('ann', { name: 'Ann' }));
    await ann.ok({
      type: 'publish',
      channel: c.topic('general'),
      data: { body: 'hey <@bob>, lunch?' },
      nonce: randomUUID(),
    });
    const dm = await (await apiAs(hub.url, 'ann'))('POST', '/api/v1/dms', { userId: 'bob' });
    expect(dm.body).toMatchObject({ topic: expect.stringMatching(/^chan:dm:[0-9a-f]{24}$/), created: true });
    const topic = dm.body['topic'] as string;
    await ann.ok({ type: 'subscribe', channel: topic });
    await ann.ok({ type: 'publish', channel: topic, data: { body: 'just between us' }, nonce: randomUUID() });

    await eventually(() => hooks.some((h) => h.userId === 'bob' && h.events.length >= 2), 10_000);
    const bobs = hooks.filter((h) => h.userId === 'bob');
    expect(bobs).toHaveLength(1);
    expect(bobs[0]?.valid).toBe(true);
    expect(bobs[0]?.events.map((e) => [e.kind, e.excerpt, e.from.id])).toEqual([
      ['mention', 'hey <@bob>, lunch?', 'ann'],
      ['dm', 'just between us', 'ann'],
    ]);

    // Online now: the DM arrives on bob's own topic, and no webhook goes out for it.
    const bob = await TestClient.connect(hub.wsUrl, await tokenFor('bob'));
    await bob.ok({ type: 'subscribe', channel: 'user:bob' });
    expect((await bob.request({ type: 'subscribe', channel: topic })).result).toBeDefined();
    await ann.ok({ type: 'publish', channel: topic, data: { body: 'you there?' }, nonce: randomUUID() });
    const live = await bob.next(
      (f) =>
        f.type === 'pub' &&
        f['channel'] === 'user:bob' &&
        (f['data'] as { excerpt: string }).excerpt === 'you there?',
    );
    expect(live['data']).toMatchObject({ kind: 'dm', channel: topic, from: { id: 'ann' } });
    await new Promise((r) => setTimeout(r, 2_500));
    expect(hooks.filter((h) => h.userId === 'bob')).toHaveLength(1);
    // Nobody else may read the conversation.
    const eve = await TestClient.connect(hub.wsUrl, await tokenFor('insider'));
    expect((await eve.request({ type: 'subscribe', channel: topic })).error?.code).toBe('forbidden');
    [ann, bob, eve].forEach((x) => x.close());
  });

  it('syncs a read position to the user’s other devices, and counts what is unread', async () => {
    const [phone, laptop] = [
      await TestClient.connect(hub.wsUrl, await tokenFor('insider')),
      await TestClient.connect(hub.wsUrl, await tokenFor('insider')),
    ];
    await laptop.ok({ type: 'subscribe', channel: 'user:insider' });
    const writer = await TestClient.connect(hub.wsUrl, await tokenFor('mod'));
    let last = 0;
    for (const body of ['one', 'two <@insider>', 'three']) {
      last = Number(
        (await writer.ok({ type: 'publish', channel: c.topic('slow'), data: { body }, nonce: randomUUID() }))[
          'offset'
        ],
      );
    }
    const api = await apiAs(hub.url, 'insider');
    const before = (await api('GET', `/api/v1/communities/${c.id}/unread`)).body['items'] as {
      channelId: string;
      unread: number;
      mentions: number;
    }[];
    expect(before.find((u) => u.channelId === c.channels.slow)).toMatchObject({
      unread: 3,
      mentions: 1,
      lastReadOffset: 0,
    });

    expect((await api('PUT', `/api/v1/channels/${c.channels.slow}/read`, { offset: last - 1 })).body).toEqual(
      { lastReadOffset: last - 1 },
    );
    const synced = await laptop.next(
      (f) => f.type === 'pub' && (f['data'] as { kind: string }).kind === 'read',
    );
    expect(synced['data']).toEqual({ kind: 'read', channel: c.topic('slow'), offset: last - 1 });
    // A read position never moves back.
    expect((await api('PUT', `/api/v1/channels/${c.channels.slow}/read`, { offset: 1 })).body).toEqual({
      lastReadOffset: last - 1,
    });
    const after = (await api('GET', `/api/v1/communities/${c.id}/unread`)).body['items'] as {
      channelId: string;
      unread: number;
      mentions: number;
    }[];
    expect(after.find((u) => u.channelId === c.channels.slow)).toMatchObject({
      unread: 1,
      mentions: 0,
      lastReadOffset: last - 1,
    });
    [phone, laptop, writer].forEach((x) => x.close());
  });
});
