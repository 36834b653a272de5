// A channel a member may not view: they can neither subscribe, read its history, search it, nor
// learn that it exists, through the gateway or the REST API.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from '../support/api.js';
import { createTestCommunity, testDatabase, type TestCommunity } from '../support/community.js';
import { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';
import { TestClient } from '../support/ws-client.js';

describe('what a member may not view', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let c: TestCommunity;

  beforeAll(async () => {
    db = await testDatabase();
    hub = await startTestHub({
      mongodb: { url: db.url },
      redis: { keyPrefix: `vis${randomUUID().slice(0, 6)}` },
    });
    c = await createTestCommunity(hub.url);
    // The insider writes something in the secret channel.
    const insider = await TestClient.connect(hub.wsUrl, await tokenFor('insider'));
    await insider.ok({
      type: 'publish',
      channel: c.topic('secret'),
      data: { body: 'the launch date is friday' },
      nonce: randomUUID(),
    });
    insider.close();
  });
  afterAll(async () => {
    await hub.shutdown();
    await db.drop();
  });

  it('refuses the gateway subscribe and history exactly as for a channel that does not exist', async () => {
    const ann = await TestClient.connect(hub.wsUrl, await tokenFor('ann'));
    const ghost = `chan:${c.id}:${'0'.repeat(24)}`;
    for (const channel of [c.topic('secret'), ghost]) {
      expect((await ann.request({ type: 'subscribe', channel })).error).toEqual({
        code: 'forbidden',
        message: 'You do not have permission to do that.',
      });
      expect((await ann.request({ type: 'history', channel })).error?.code).toBe('forbidden');
      expect((await ann.request({ type: 'presence', channel })).error?.code).toBe('forbidden');
    }
    expect(await ann.ok({ type: 'subscribe', channel: c.topic('general') })).toMatchObject({
      channel: c.topic('general'),
    });
    ann.close();
  });

  it('hides it from the channel list, unread counts, history and search of the REST API', async () => {
    const ann = await apiAs(hub.url, 'ann');
    const insider = await apiAs(hub.url, 'insider');
    const list = (await ann('GET', `/api/v1/communities/${c.id}/channels`)).body['items'] as { id: string }[];
    expect(list.map((ch) => ch.id)).not.toContain(c.channels.secret);
    expect(list.map((ch) => ch.id)).toContain(c.channels.general);
    const insiderList = (await insider('GET', `/api/v1/communities/${c.id}/channels`)).body['items'] as {
      id: string;
    }[];
    expect(insiderList.map((ch) => ch.id)).toContain(c.channels.secret);

    const unread = (await ann('GET', `/api/v1/communities/${c.id}/unread`)).body['items'] as {
      channelId: string;
    }[];
    expect(unread.map((u) => u.channelId)).not.toContain(c.channels.secret);

    const secret = await ann('GET', `/api/v1/channels/${c.channels.secret}/messages`);
    const missing = await ann('GET', `/api/v1/channels/${'0'.repeat(24)}/messages`);
    expect(secret.status).toBe(404);
    expect({ ...secret.body, error: { ...(secret.body['error'] as object), requestId: 'x' } }).toEqual({
      ...missing.body,
      error: { ...(missing.body['error'] as object), requestId: 'x' },
    });
    expect((await insider('GET', `/api/v1/channels/${c.channels.secret}/messages`)).status).toBe(200);

    const search = (api: typeof ann, q: string) =>
      api('GET', `/api/v1/communities/${c.id}/search?q=${encodeURIComponent(q)}`);
    expect((await search(ann, 'launch date')).body).toEqual({ items: [], nextBefore: null });
    const found = (await search(insider, 'LAUNCH date')).body['items'] as {
      body: string;
      channelId: string;
    }[];
    expect(found).toEqual([
      expect.objectContaining({ body: 'the launch date is friday', channelId: c.channels.secret }),
    ]);
    // A found message's id as a cursor tells an outsider nothing either.
    const id = (found[0] as unknown as { id: string }).id;
    const probe = await ann('GET', `/api/v1/communities/${c.id}/search?q=a&before=${id}`);
    expect(probe.status).toBe(400);
    // The text is matched literally, never as a pattern or an operator.
    expect((await search(insider, '.*')).body['items']).toEqual([]);
    expect((await ann('GET', `/api/v1/communities/${c.id}/search?q[$ne]=x`)).status).toBe(400);
  });

  it('refuses everything to someone who is not a member at all', async () => {
    const outsider = await apiAs(hub.url, 'outsider');
    expect((await outsider('GET', `/api/v1/communities/${c.id}/channels`)).status).toBe(404);
    expect((await outsider('GET', `/api/v1/channels/${c.channels.general}/messages`)).status).toBe(404);
    const ws = await TestClient.connect(hub.wsUrl, await tokenFor('outsider'));
    expect((await ws.request({ type: 'subscribe', channel: c.topic('general') })).error?.code).toBe(
      'forbidden',
    );
    expect((await ws.request({ type: 'subscribe', channel: `timeline:${c.id}` })).error?.code).toBe(
      'forbidden',
    );
    ws.close();
  });
});
