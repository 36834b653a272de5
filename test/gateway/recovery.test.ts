// Losing a node: its clients reconnect to another node and recover exactly what they missed;
// its connections' presence expires within the documented bound. On a standalone Redis and on a
// Redis Cluster.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { spawnHub, type HubProcess } from '../support/hub-processes.js';
import { tokenFor } from '../support/tokens.js';
import { TestClient, type Frame } from '../support/ws-client.js';
import { eventually } from '../support/wait.js';
import { redisTargets } from '../support/redis-targets.js';

const PRESENCE_TTL_MS = 2_000;
const PRESENCE_REFRESH_MS = 500;

describe.each(redisTargets())('gateway when a node dies, on $name', (target) => {
  const keyPrefix = `rec${randomUUID().slice(0, 6)}`;
  const env = {
    ...target.env,
    HUB_REDIS_KEY_PREFIX: keyPrefix,
    HUB_PRESENCE_TTL_MS: String(PRESENCE_TTL_MS),
    HUB_PRESENCE_REFRESH_MS: String(PRESENCE_REFRESH_MS),
    HUB_GATEWAY_PUBLISH_BURST: '1000',
    HUB_GATEWAY_PUBLISH_RATE_PER_S: '1000',
    HUB_GATEWAY_FRAME_BURST: '1000',
    HUB_GATEWAY_FRAME_RATE_PER_S: '1000',
    HUB_HISTORY_RECENT_MAX_COUNT: '20',
    HUB_HISTORY_RECOVERY_MAX_COUNT: '300',
  };
  const nodes: HubProcess[] = [];
  const clients: TestClient[] = [];
  const spawn = async () => {
    const node = await spawnHub(env);
    nodes.push(node);
    return node;
  };
  const connect = async (node: HubProcess, user: string) => {
    const c = await TestClient.connect(node.wsUrl, await tokenFor(user));
    clients.push(c);
    return c;
  };
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(() => Promise.all(nodes.map((n) => n.kill('SIGKILL'))));

  it('lets the clients of a killed node recover on another node with nothing lost or doubled', async () => {
    const [a, b] = await Promise.all([spawn(), spawn()]);
    const channel = `chan:c1:flow-${randomUUID().slice(0, 6)}`;
    const victim = await connect(b, 'reader');
    await victim.ok({ type: 'subscribe', channel });
    const writer = await connect(a, 'writer');

    const TOTAL = 150;
    const sending = (async () => {
      for (let i = 1; i <= TOTAL; i++) {
        await writer.ok({
          type: 'publish',
          channel,
          data: { i },
          nonce: `n-${i}-${randomUUID().slice(0, 8)}`,
        });
        if (i % 10 === 0) await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await eventually(() => victim.pubs(channel).length >= 30);
    await b.kill('SIGKILL');
    await victim.waitClosed();
    const seen = victim.pubs(channel);
    const last = seen[seen.length - 1] as Frame;

    // The client reconnects elsewhere and resubscribes from its last position.
    const back = await connect(a, 'reader');
    const result = await back.ok({
      type: 'subscribe',
      channel,
      since: { offset: last['offset'], epoch: last['epoch'] },
    });
    expect(result['recovered']).toBe(true);
    await sending;
    const recovered = result['publications'] as Frame[];
    await eventually(() => seen.length + recovered.length + back.pubs(channel).length >= TOTAL);
    await new Promise((r) => setTimeout(r, 150));

    // SDK rule: apply recovered publications, then live ones newer than the last applied.
    const all = [...seen, ...recovered];
    for (const p of back.pubs(channel))
      if (Number(p['offset']) > Number(all[all.length - 1]?.['offset'])) all.push(p);
    expect(all.map((p) => p['offset'])).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
    expect(all.map((p) => (p['data'] as { i: number }).i)).toEqual(
      Array.from({ length: TOTAL }, (_, i) => i + 1),
    );
  });

  it('recovers from the message store what recent history no longer holds, and says when it cannot', async () => {
    const [a] = await Promise.all([spawn()]);
    const channel = `chan:c1:old-${randomUUID().slice(0, 6)}`;
    const writer = await connect(a as HubProcess, 'writer');
    const reader = await connect(a as HubProcess, 'reader');
    const start = (await reader.ok({ type: 'subscribe', channel }))['position'] as {
      offset: number;
      epoch: string;
    };
    await reader.ok({ type: 'unsubscribe', channel });
    for (let i = 1; i <= 60; i++)
      await writer.ok({
        type: 'publish',
        channel,
        data: { i },
        nonce: `old-${i}-${randomUUID().slice(0, 8)}`,
      });

    // 60 missed, recent history keeps 20: the first 40 come from MongoDB.
    const result = await reader.ok({ type: 'subscribe', channel, since: start });
    expect(result['recovered']).toBe(true);
    expect((result['publications'] as Frame[]).map((p) => (p['data'] as { i: number }).i)).toEqual(
      Array.from({ length: 60 }, (_, i) => i + 1),
    );
    await reader.ok({ type: 'unsubscribe', channel });

    const wrongEpoch = await reader.ok({
      type: 'subscribe',
      channel,
      since: { offset: 10, epoch: 'not-the-epoch' },
    });
    expect(wrongEpoch).toMatchObject({ recovered: false, reason: 'epoch_changed', publications: [] });
    await reader.ok({ type: 'unsubscribe', channel });
    for (let i = 61; i <= 400; i++)
      await writer.ok({
        type: 'publish',
        channel,
        data: { i },
        nonce: `old-${i}-${randomUUID().slice(0, 8)}`,
      });
    const tooMany = await reader.ok({ type: 'subscribe', channel, since: start });
    expect(tooMany).toMatchObject({ recovered: false, reason: 'too_many', publications: [] });
  });

  it('expires the presence of a killed node’s clients within ttl + refresh interval', async () => {
    const [a, b] = await Promise.all([spawn(), spawn()]);
    const channel = `chan:c1:lobby-${randomUUID().slice(0, 6)}`;
    const observer = await connect(a, 'observer');
    await observer.ok({ type: 'subscribe', channel });
    const ghost = await connect(b, 'ghost');
    await ghost.ok({ type: 'subscribe', channel });
    await observer.next((f) => f.type === 'join' && (f['user'] as { id: string }).id === 'ghost');
    expect(await observer.ok({ type: 'presence_stats', channel })).toEqual({ users: 2, connections: 2 });

    await b.kill('SIGKILL');
    const killedAt = Date.now();
    const leave = await observer.next(
      (f) => f.type === 'leave' && (f['user'] as { id: string }).id === 'ghost',
      10_000,
    );
    const tookMs = Date.now() - killedAt;
    expect(leave).toMatchObject({ channel, user: { id: 'ghost', name: 'User ghost' } });
    expect(tookMs).toBeLessThanOrEqual(PRESENCE_TTL_MS + 2 * PRESENCE_REFRESH_MS + 500);
    const users = (await observer.ok({ type: 'presence', channel }))['users'] as { id: string }[];
    expect(users.map((u) => u.id)).toEqual(['observer']);
  });
});
