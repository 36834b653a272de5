// A hub node whose control subscription was lost misses the invalidations sent meanwhile (Redis
// pub/sub keeps nothing for an absent subscriber). When the subscription is back it drops its
// cached permissions and checks its live subscriptions again: a member removed while it was away
// loses the channel, as if the invalidation had arrived.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCommunity, testDatabase, type TestCommunity } from '../support/community.js';
import { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';
import { TestClient } from '../support/ws-client.js';
import { memberModel } from '../../storage/models/member.model.js';
import { createRedis, type RedisClient } from '../../storage/redis.js';

describe('a lost control subscription', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let admin: RedisClient;
  let c: TestCommunity;

  beforeAll(async () => {
    db = await testDatabase();
    hub = await startTestHub({ mongodb: { url: db.url } });
    admin = createRedis(hub.config.redis, { name: `missed-invalidation-${randomUUID().slice(0, 6)}` });
    c = await createTestCommunity(hub.url);
  });
  afterAll(async () => {
    await hub?.shutdown();
    await admin?.quit();
    await db?.drop();
  });

  it('drops the cache and re-checks live subscriptions once it is back', async () => {
    const ann = await TestClient.connect(hub.wsUrl, await tokenFor('ann'));
    await ann.ok({ type: 'subscribe', channel: c.topic('general') }); // ann's standing is cached now

    // Ann leaves the community behind the hub's back: no control message says so.
    const left = await memberModel(db.connection).updateOne(
      { communityId: c.id, userId: 'ann', leftAt: null },
      { $set: { leftAt: new Date() } },
    );
    expect(left.modifiedCount).toBe(1);

    // The node's control subscriber connection dies; ioredis connects and subscribes again.
    const clients = String(await admin.call('CLIENT', 'LIST'));
    const name = `hub-${hub.nodeId}-control`;
    const id = new RegExp(`id=(\\d+) [^\\n]* name=${name}(?: |$)`, 'm').exec(clients)?.[1];
    expect(id, `${name} in CLIENT LIST`).toBeDefined();
    await admin.call('CLIENT', 'KILL', 'ID', String(id));

    const ended = await ann.next((f) => f.type === 'unsub' && f['channel'] === c.topic('general'), 15_000);
    expect(ended['code']).toBe('forbidden');
    const again = await ann.request({ type: 'subscribe', channel: c.topic('general') });
    expect(again.error?.code).toBe('forbidden');
    ann.close();
  });
});
