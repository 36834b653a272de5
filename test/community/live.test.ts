// Chat in a real community on two hub nodes: messages, then edits, deletes, reactions and pins
// made over REST on one node reach the other members' sockets live on the other node.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from '../support/api.js';
import { createTestCommunity, testDatabase, type TestCommunity } from '../support/community.js';
import { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';
import { TestClient, type Frame } from '../support/ws-client.js';

type Hub = Awaited<ReturnType<typeof startTestHub>>;

describe('chat in a community, live across nodes', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let a: Hub;
  let b: Hub;
  let c: TestCommunity;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    db = await testDatabase();
    const overrides = { mongodb: { url: db.url }, redis: { keyPrefix: `live${randomUUID().slice(0, 6)}` } };
    a = await startTestHub(overrides);
    b = await startTestHub(overrides);
    c = await createTestCommunity(a.url);
  });
  afterAll(async () => {
    clients.forEach((x) => x.close());
    await Promise.all([a.shutdown(), b.shutdown()]);
    await db.drop();
  });

  const member = async (hub: Hub, user: string) => {
    const client = await TestClient.connect(hub.wsUrl, await tokenFor(user, { name: `Name ${user}` }));
    clients.push(client);
    await client.ok({ type: 'subscribe', channel: c.topic('general') });
    return client;
  };
  const event = (client: TestClient, kind: string) =>
    client.next((f) => f.type === 'pub' && (f['data'] as { kind?: string }).kind === kind);

  it('posts a message that everyone sees, stored with its id, mentions and offset', async () => {
    const [ann, bob] = [await member(a, 'ann'), await member(b, 'bob')];
    const ack = await ann.ok({
      type: 'publish',
      channel: c.topic('general'),
      data: { body: '  hi <@bob> and @everyone  ' },
      nonce: randomUUID(),
    });
    const pub = await event(bob, 'message');
    const data = pub['data'] as {
      id: string;
      body: string;
      mentions: { userIds: string[]; everyone: boolean };
    };
    expect(pub).toMatchObject({ offset: ack['offset'], info: { id: 'ann', name: 'Name ann' } });
    // Trimmed; a member may not ping everyone, so that mention is text only.
    expect(data).toMatchObject({
      body: 'hi <@bob> and @everyone',
      mentions: { userIds: ['bob'], everyone: false, roleIds: [] },
    });

    const page = await (await apiAs(a.url, 'bob'))('GET', `/api/v1/channels/${c.channels.general}/messages`);
    expect(page.body['items']).toEqual([
      expect.objectContaining({
        id: data.id,
        offset: ack['offset'],
        body: 'hi <@bob> and @everyone',
        author: { id: 'ann', name: 'Name ann' },
      }),
    ]);
  });

  it('delivers edits, reactions, pins and deletes made over REST to the others live', async () => {
    const [ann, bob] = [await member(a, 'ann'), await member(b, 'bob')];
    await ann.ok({
      type: 'publish',
      channel: c.topic('general'),
      data: { body: 'first version' },
      nonce: randomUUID(),
    });
    const id = ((await event(bob, 'message'))['data'] as { id: string }).id;
    const annApi = await apiAs(b.url, 'ann');
    const bobApi = await apiAs(a.url, 'bob');
    const modApi = await apiAs(a.url, 'mod');

    expect(
      (
        await annApi('PATCH', `/api/v1/channels/${c.channels.general}/messages/${id}`, {
          body: 'second version',
        })
      ).status,
    ).toBe(200);
    expect((await event(bob, 'message.edited'))['data']).toMatchObject({ id, body: 'second version' });
    expect(
      (await bobApi('PATCH', `/api/v1/channels/${c.channels.general}/messages/${id}`, { body: 'not mine' }))
        .status,
    ).toBe(403);

    expect(
      (
        await bobApi(
          'PUT',
          `/api/v1/channels/${c.channels.general}/messages/${id}/reactions/${encodeURIComponent('👍')}`,
        )
      ).body,
    ).toEqual({ emoji: '👍', count: 1, me: true });
    for (const name of ['$ne', 'a.b', '__proto__', 'constructor', 'x']) {
      const refused = await bobApi(
        'PUT',
        `/api/v1/channels/${c.channels.general}/messages/${id}/reactions/${encodeURIComponent(name)}`,
      );
      expect([name, refused.status, (refused.body['error'] as { code: string }).code]).toEqual([
        name,
        400,
        'validation_failed',
      ]);
    }
    expect((await event(ann, 'reaction'))['data']).toMatchObject({
      id,
      emoji: '👍',
      userId: 'bob',
      added: true,
      count: 1,
    });

    expect((await bobApi('PUT', `/api/v1/channels/${c.channels.general}/pins/${id}`)).status).toBe(403);
    expect((await modApi('PUT', `/api/v1/channels/${c.channels.general}/pins/${id}`)).status).toBe(200);
    expect((await event(ann, 'pin'))['data']).toMatchObject({ id, pinned: true, by: 'mod' });
    const pins = (await bobApi('GET', `/api/v1/channels/${c.channels.general}/pins`)).body['items'] as {
      id: string;
    }[];
    expect(pins.map((p) => p.id)).toEqual([id]);

    expect((await bobApi('DELETE', `/api/v1/channels/${c.channels.general}/messages/${id}`)).status).toBe(
      403,
    );
    expect((await annApi('DELETE', `/api/v1/channels/${c.channels.general}/messages/${id}`)).status).toBe(
      200,
    );
    expect((await event(bob, 'message.deleted'))['data']).toEqual({
      kind: 'message.deleted',
      id,
      deletedBy: 'ann',
    });
    const stored = (await bobApi('GET', `/api/v1/channels/${c.channels.general}/messages`)).body['items'] as {
      id: string;
      body: string;
      deleted: boolean;
    }[];
    expect(stored.find((m) => m.id === id)).toMatchObject({ body: '', deleted: true });
  });

  it('keeps announcements to moderators, and slowmode to its interval', async () => {
    const ann = await member(a, 'ann');
    const mod = await member(b, 'mod');
    const refused = await ann.request({
      type: 'publish',
      channel: c.topic('news'),
      data: { body: 'hello all' },
      nonce: randomUUID(),
    });
    expect(refused.error).toMatchObject({
      code: 'forbidden',
      message: 'announcements are posted by moderators',
    });
    expect(
      (
        await mod.request({
          type: 'publish',
          channel: c.topic('news'),
          data: { body: 'news!' },
          nonce: randomUUID(),
        })
      ).result,
    ).toBeDefined();

    await ann.ok({ type: 'publish', channel: c.topic('slow'), data: { body: 'one' }, nonce: randomUUID() });
    const second = await ann.request({
      type: 'publish',
      channel: c.topic('slow'),
      data: { body: 'two' },
      nonce: randomUUID(),
    });
    expect(second.error?.code).toBe('slowmode');
    // Moderators are not held by slowmode.
    await mod.ok({ type: 'publish', channel: c.topic('slow'), data: { body: 'one' }, nonce: randomUUID() });
    await mod.ok({ type: 'publish', channel: c.topic('slow'), data: { body: 'two' }, nonce: randomUUID() });
  });

  it('refuses malformed messages and operator injection with a clear error, storing nothing', async () => {
    const ann = await member(a, 'ann');
    const before = (
      (await ann.ok({ type: 'history', channel: c.topic('general') }))['position'] as { offset: number }
    ).offset;
    for (const data of [
      { body: { $gt: '' } },
      { body: '' },
      { body: 'x', $where: '1' },
      { text: 'wrong field' },
      { body: 'x'.repeat(4001) },
    ]) {
      const reply = await ann.request({
        type: 'publish',
        channel: c.topic('general'),
        data,
        nonce: randomUUID(),
      });
      expect(reply.error?.code, JSON.stringify(data)).toBe('validation_failed');
    }
    const after = (
      (await ann.ok({ type: 'history', channel: c.topic('general') }))['position'] as { offset: number }
    ).offset;
    expect(after).toBe(before);

    const api = await apiAs(a.url, 'ann');
    const injected = await api('PATCH', `/api/v1/channels/${c.channels.general}/messages/${'a'.repeat(24)}`, {
      body: { $gt: '' },
    });
    expect(injected.status).toBe(400);
    expect(injected.body['error']).toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'body.$gt', message: 'operator-like keys are not allowed' }],
    });
    const nested = await api('POST', `/api/v1/communities/${c.id}/members/bob/ban`, {
      reason: 'x',
      filter: { $ne: null },
    });
    expect(nested.body['error']).toMatchObject({ code: 'validation_failed' });
    const frames: Frame[] = ann.frames.filter(
      (f) => f.type === 'pub' && (f['data'] as { body?: unknown }).body === '',
    );
    expect(frames).toEqual([]);
  });
});
