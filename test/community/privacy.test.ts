// Export and erasure: after erasure, no content of the user remains readable anywhere: not
// over REST, not over the gateway (history, recovery, others' mention events), not in any
// MongoDB collection, not in Redis.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCodes } from '../../protocol/index.js';
import { createRedis } from '../../storage/redis.js';
import { apiAs } from '../support/api.js';
import { createTestCommunity, testDatabase, type TestCommunity } from '../support/community.js';
import { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';
import { TestClient } from '../support/ws-client.js';
import { eventually } from '../support/wait.js';

const SECRET = 'secret plan alpha';

describe('export and erasure of a user', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let c: TestCommunity;
  const keyPrefix = `prv${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    db = await testDatabase();
    hub = await startTestHub({ mongodb: { url: db.url }, redis: { keyPrefix } });
    c = await createTestCommunity(hub.url);
  });
  afterAll(async () => {
    await hub.shutdown();
    await db.drop();
  });

  it('exports what the user wrote, then erases it from everywhere', async () => {
    const ann = await TestClient.connect(hub.wsUrl, await tokenFor('ann', { name: 'Ann Author' }));
    const bob = await TestClient.connect(hub.wsUrl, await tokenFor('bob'));
    await bob.ok({ type: 'subscribe', channel: 'user:bob' });
    await ann.ok({
      type: 'publish',
      channel: c.topic('general'),
      data: { body: `<@bob> the ${SECRET}` },
      nonce: randomUUID(),
    });
    await ann.ok({
      type: 'publish',
      channel: c.topic('general'),
      data: { body: `and more of the ${SECRET}` },
      nonce: randomUUID(),
    });
    await bob.ok({
      type: 'publish',
      channel: c.topic('general'),
      data: { body: 'bob says hi' },
      nonce: randomUUID(),
    });
    await bob.next((f) => f.type === 'pub' && f['channel'] === 'user:bob'); // the mention event
    const annApi = await apiAs(hub.url, 'ann');
    const id = (
      (await annApi('GET', `/api/v1/channels/${c.channels.general}/messages`)).body['items'] as {
        id: string;
      }[]
    )[0]?.id as string;
    await annApi('PATCH', `/api/v1/channels/${c.channels.general}/messages/${id}`, {
      body: `edited: ${SECRET}`,
    });

    // A report by ann, and one about her message: cases must not keep her name or words.
    const bobApi = await apiAs(hub.url, 'bob');
    const bobsMessage = (
      (await bobApi('GET', `/api/v1/channels/${c.channels.general}/messages`)).body['items'] as {
        id: string;
        author: { id: string };
      }[]
    ).find((m) => m.author.id === 'bob')?.id as string;
    expect(
      (
        await annApi('POST', `/api/v1/channels/${c.channels.general}/messages/${bobsMessage}/report`, {
          reason: `reported by Ann Author: ${SECRET}`,
        })
      ).status,
    ).toBeLessThan(300);
    expect(
      (
        await bobApi('POST', `/api/v1/channels/${c.channels.general}/messages/${id}/report`, {
          reason: 'spam',
        })
      ).status,
    ).toBeLessThan(300);

    const exported = await annApi('GET', '/api/v1/users/ann/export');
    expect(exported.status).toBe(200);
    expect(JSON.stringify(exported.body)).toContain(SECRET);
    expect((await (await apiAs(hub.url, 'bob'))('GET', '/api/v1/users/ann/export')).status).toBe(403);

    const erased = await annApi('DELETE', '/api/v1/users/ann');
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({
      pseudonym: expect.stringMatching(/^erased-/),
      messages: 2,
      cases: 2,
    });
    expect((await ann.waitClosed()).code).toBe(CloseCodes.FORCE_DISCONNECT.code);

    // REST: tombstones under a pseudonym; bob's own message untouched.
    const page = (
      await (
        await apiAs(hub.url, 'bob')
      )('GET', `/api/v1/channels/${c.channels.general}/messages`)
    ).body['items'] as {
      body: string;
      author: { id: string; name: string };
    }[];
    expect(page.map((m) => m.body)).toEqual(['', '', 'bob says hi']);
    expect(page.slice(0, 2).every((m) => m.author.id !== 'ann' && m.author.name === 'Deleted user')).toBe(
      true,
    );

    // Gateway: history, recovery from the start, and bob's mention events carry nothing of it.
    const reader = await TestClient.connect(hub.wsUrl, await tokenFor('insider'));
    const history = await reader.ok({ type: 'history', channel: c.topic('general') });
    const recovered = await reader.ok({
      type: 'subscribe',
      channel: c.topic('general'),
      since: { offset: 0, epoch: (history['position'] as { epoch: string }).epoch },
    });
    const bobsOwn = await bob.ok({ type: 'history', channel: 'user:bob' });
    for (const text of [history, recovered, bobsOwn].map((r) => JSON.stringify(r))) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain('Ann Author');
    }
    expect(recovered['recovered']).toBe(true);

    // The export is empty now.
    const after = await (
      await apiAs(hub.url, 'admin', { roles: ['admin'] })
    )('GET', '/api/v1/users/ann/export');
    expect(after.body).toMatchObject({ memberships: [], messages: [], reactions: [], readStates: [] });

    // Every MongoDB collection and every Redis key of this hub, read raw.
    const collections = await db.connection.db?.listCollections().toArray();
    for (const { name } of collections ?? []) {
      const docs = await db.connection.db?.collection(name).find({}).toArray();
      const text = JSON.stringify(docs);
      expect(text, `collection ${name}`).not.toContain(SECRET);
      expect(text, `collection ${name}`).not.toContain('Ann Author');
      if (name === 'moderation_cases') expect(text).not.toMatch(/"(authorId|by)":"ann"/);
    }
    const redis = createRedis(hub.config.redis, { name: 'privacy-test' });
    try {
      const keys = await redis.keys(`${keyPrefix}:*`);
      for (const key of keys) {
        const type = await redis.type(key);
        const value =
          type === 'stream'
            ? await redis.xrange(key, '-', '+')
            : type === 'hash'
              ? await redis.hgetall(key)
              : type === 'zset'
                ? await redis.zrange(key, '0', '-1')
                : type === 'list'
                  ? await redis.lrange(key, 0, -1)
                  : type === 'string'
                    ? await redis.get(key)
                    : null;
        expect(JSON.stringify(value), `redis ${key}`).not.toContain(SECRET);
      }
    } finally {
      await redis.quit();
    }
    await eventually(
      async () =>
        (await db.connection.db?.collection('audit_entries').countDocuments({ action: 'user.erase' })) === 1,
    );
    const audit = JSON.stringify(await db.connection.db?.collection('audit_entries').find({}).toArray());
    expect(audit).toContain('user.erase');
    expect(audit).not.toMatch(/"target":\{[^}]*"id":"ann"/);
    reader.close();
    bob.close();
  });
});
