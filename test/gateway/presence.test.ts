// Presence and typing, as subscribers of a channel see them; across nodes on a standalone Redis
// and on a Redis Cluster.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChannels } from '../support/authorizers.js';
import { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';
import { TestClient } from '../support/ws-client.js';
import { redisTargets, type RedisTargetCase } from '../support/redis-targets.js';

/** A hub for the enclosing describe (open channels); returns how to connect a user to it. */
function useHub(
  prefix: string,
  config: Parameters<typeof startTestHub>[0] = {},
  target: RedisTargetCase = redisTargets()[0] as RedisTargetCase,
) {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  const clients: TestClient[] = [];
  beforeAll(async () => {
    hub = await startTestHub(
      { ...config, redis: { ...target.config.redis, keyPrefix: `${prefix}${randomUUID().slice(0, 6)}` } },
      { authorizer: openChannels },
    );
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await hub.shutdown();
  });
  return async (user: string) => {
    const c = await TestClient.connect(hub.wsUrl, await tokenFor(user, { name: `Name ${user}` }));
    clients.push(c);
    return c;
  };
}

describe.each(redisTargets())('presence and typing on $name', (target) => {
  const connect = useHub('pre', {}, target);

  it('aggregates a user’s connections into one presence, with join, status and leave events', async () => {
    const channel = `chan:c1:room-${randomUUID().slice(0, 6)}`;
    const watcher = await connect('watcher');
    await watcher.ok({ type: 'subscribe', channel });
    const [phone, laptop] = [await connect('ada'), await connect('ada')];
    await phone.ok({ type: 'subscribe', channel });
    await laptop.ok({ type: 'subscribe', channel });
    await new Promise((r) => setTimeout(r, 150));
    const joins = watcher.frames.filter(
      (f) => f.type === 'join' && (f['user'] as { id: string }).id === 'ada',
    );
    expect(joins).toEqual([
      { type: 'join', channel, user: { id: 'ada', name: 'Name ada', status: 'online', connections: 1 } },
    ]);

    expect(await watcher.ok({ type: 'presence_stats', channel })).toEqual({ users: 2, connections: 3 });
    const list = (await watcher.ok({ type: 'presence', channel }))['users'] as {
      id: string;
      connections: number;
    }[];
    expect(list.find((u) => u.id === 'ada')).toMatchObject({ status: 'online', connections: 2 });

    await phone.ok({ type: 'set_status', status: 'idle' }); // laptop still online: no change
    await laptop.ok({ type: 'set_status', status: 'dnd' });
    const status = await watcher.next((f) => f.type === 'status');
    expect(status).toEqual({ type: 'status', channel, user: { id: 'ada', name: 'Name ada', status: 'dnd' } });
    expect(watcher.frames.filter((f) => f.type === 'status')).toEqual([]);

    phone.close();
    await new Promise((r) => setTimeout(r, 150));
    expect(watcher.frames.some((f) => f.type === 'leave')).toBe(false);
    await laptop.ok({ type: 'unsubscribe', channel });
    expect(await watcher.next((f) => f.type === 'leave')).toEqual({
      type: 'leave',
      channel,
      user: { id: 'ada', name: 'Name ada' },
    });
    expect(await watcher.ok({ type: 'presence_stats', channel })).toEqual({ users: 1, connections: 1 });
  });

  it('relays typing to the other subscribers, throttled, and never stores it', async () => {
    const channel = `chan:c1:typing-${randomUUID().slice(0, 6)}`;
    const [typist, reader] = [await connect('typist'), await connect('reader')];
    await typist.ok({ type: 'subscribe', channel });
    await reader.ok({ type: 'subscribe', channel });
    for (let i = 0; i < 5; i++) await typist.ok({ type: 'typing', channel });
    await new Promise((r) => setTimeout(r, 150));
    expect(reader.frames.filter((f) => f.type === 'typing')).toEqual([
      { type: 'typing', channel, user: { id: 'typist', name: 'Name typist' } },
    ]);
    expect((await reader.ok({ type: 'history', channel }))['publications']).toEqual([]);
    expect((await reader.request({ type: 'typing', channel: `chan:c1:elsewhere` })).error?.code).toBe(
      'not_subscribed',
    );
  });
});

describe.each(redisTargets())('online anywhere on $name', (target) => {
  it('knows whether a user has a live connection on any node', async () => {
    const keyPrefix = `onl${randomUUID().slice(0, 6)}`;
    const a = await startTestHub(
      { redis: { ...target.config.redis, keyPrefix } },
      { authorizer: openChannels },
    );
    const b = await startTestHub(
      { redis: { ...target.config.redis, keyPrefix } },
      { authorizer: openChannels },
    );
    try {
      expect(await a.gateway.isOnline('nomad')).toBe(false);
      const c = await TestClient.connect(b.wsUrl, await tokenFor('nomad'));
      await expect.poll(() => a.gateway.isOnline('nomad')).toBe(true);
      c.close();
      await expect.poll(() => a.gateway.isOnline('nomad')).toBe(false);
    } finally {
      await Promise.all([a.shutdown(), b.shutdown()]);
    }
  });
});

describe('presence of a large topic', () => {
  const connect = useHub('prl', { presence: { liveMaxUsers: 2, countIntervalMs: 100 } });

  it('sends counts instead of joins and leaves past the limit, and says when it is live again', async () => {
    const channel = `chan:c1:big-${randomUUID().slice(0, 6)}`;
    const watcher = await connect('watcher');
    await watcher.ok({ type: 'subscribe', channel });
    const ann = await connect('ann');
    await ann.ok({ type: 'subscribe', channel });
    const joinOf = (id: string) => (f: { type: string; [k: string]: unknown }) =>
      f.type === 'join' && (f['user'] as { id: string }).id === id;
    await watcher.next(joinOf('watcher'));
    await watcher.next(joinOf('ann'));

    // A third and a fourth user: no join frames, one count frame with both.
    const [bob, cy] = [await connect('bob'), await connect('cy')];
    await bob.ok({ type: 'subscribe', channel });
    await cy.ok({ type: 'subscribe', channel });
    const count = await watcher.next((f) => f.type === 'presence_count' && (f['users'] as number) === 4);
    expect(count).toEqual({ type: 'presence_count', channel, users: 4, connections: 4, live: false });
    await bob.ok({ type: 'set_status', status: 'dnd' });
    expect(watcher.frames.filter((f) => f.type === 'join' || f.type === 'status')).toEqual([]);

    // Back under the limit: a count frame says the list is live again, then joins flow.
    await bob.ok({ type: 'unsubscribe', channel });
    await cy.ok({ type: 'unsubscribe', channel });
    expect(await watcher.next((f) => f.type === 'presence_count' && f['live'] === true)).toMatchObject({
      users: 2,
    });
    expect(watcher.frames.filter((f) => f.type === 'leave')).toEqual([]);
    await ann.ok({ type: 'unsubscribe', channel });
    expect(await watcher.next((f) => f.type === 'leave')).toMatchObject({ user: { id: 'ann' } });
  });
});
