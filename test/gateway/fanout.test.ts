// Fan-out across two hub processes: delivery exactly once and in order, idempotent retries,
// and limits that hold across nodes because they live in Redis; on a standalone Redis and on a
// Redis Cluster (sharded pub/sub, every key of a channel on one slot).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnHub, type HubProcess } from '../support/hub-processes.js';
import { tokenFor } from '../support/tokens.js';
import { TestClient } from '../support/ws-client.js';
import { eventually } from '../support/wait.js';
import { redisTargets } from '../support/redis-targets.js';

describe.each(redisTargets())('gateway across two nodes on $name', (target) => {
  const keyPrefix = `fan${randomUUID().slice(0, 6)}`;
  let a: HubProcess;
  let b: HubProcess;
  const clients: TestClient[] = [];
  const connect = async (node: HubProcess, user: string) => {
    const c = await TestClient.connect(node.wsUrl, await tokenFor(user));
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    const env = {
      ...target.env,
      HUB_REDIS_KEY_PREFIX: keyPrefix,
      HUB_GATEWAY_PUBLISH_BURST: '10',
      HUB_GATEWAY_PUBLISH_RATE_PER_S: '1',
    };
    [a, b] = await Promise.all([spawnHub(env), spawnHub(env)]);
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await Promise.all([a?.kill(), b?.kill()]);
  });

  it('delivers what is published through node A to subscribers on node B exactly once, in order', async () => {
    const channel = `chan:c1:general-${randomUUID().slice(0, 6)}`;
    const subscribers = [await connect(b, 's1'), await connect(b, 's2'), await connect(a, 's3')];
    for (const s of subscribers)
      expect(await s.ok({ type: 'subscribe', channel })).toMatchObject({ position: { offset: 0 } });
    const senders = [await connect(a, 'p1'), await connect(a, 'p2'), await connect(a, 'p3')];

    const acks = await Promise.all(
      senders.flatMap((sender, si) =>
        Array.from({ length: 3 }, (_, i) =>
          sender.ok({ type: 'publish', channel, data: { body: `m${si}-${i}` }, nonce: randomUUID() }),
        ),
      ),
    );
    expect(acks.map((r) => r['offset']).sort((x, y) => Number(x) - Number(y))).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);

    for (const s of subscribers) {
      await eventually(() => s.pubs(channel).length >= 9);
      await new Promise((r) => setTimeout(r, 100));
      const pubs = s.pubs(channel);
      expect(pubs.map((p) => p['offset'])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(new Set(pubs.map((p) => (p['data'] as { body: string }).body)).size).toBe(9);
      expect(pubs[0]).toMatchObject({
        type: 'pub',
        channel,
        epoch: expect.any(String),
        info: { id: expect.stringMatching(/^p[123]$/) },
      });
    }
  });

  it('stores and delivers a send retried with the same nonce once, whichever node takes the retry', async () => {
    const channel = `chan:c1:retry-${randomUUID().slice(0, 6)}`;
    const watcher = await connect(b, 'w1');
    await watcher.ok({ type: 'subscribe', channel });
    const [onA, onB] = [await connect(a, 'r1'), await connect(b, 'r1')];
    const nonce = randomUUID();
    const first = await onA.ok({ type: 'publish', channel, data: { body: 'once' }, nonce });
    const retried = await onB.ok({ type: 'publish', channel, data: { body: 'once' }, nonce });
    expect(first).toEqual({ offset: 1, epoch: expect.any(String), duplicate: false });
    expect(retried).toEqual({ ...first, duplicate: true });
    await new Promise((r) => setTimeout(r, 200));
    expect(watcher.pubs(channel)).toHaveLength(1);
    const history = await onA.ok({ type: 'history', channel });
    expect((history['publications'] as unknown[]).length).toBe(1);
  });

  it('holds a user to one publish rate across both nodes', async () => {
    const channel = `chan:c1:rate-${randomUUID().slice(0, 6)}`;
    const [onA, onB] = [await connect(a, 'busy'), await connect(b, 'busy')];
    const started = Date.now();
    const replies = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        (i % 2 ? onA : onB).request({ type: 'publish', channel, data: { n: i }, nonce: randomUUID() }),
      ),
    );
    const elapsedS = (Date.now() - started) / 1000;
    const accepted = replies.filter((r) => r.result).length;
    const refused = replies.filter((r) => r.error);
    expect(accepted).toBeGreaterThanOrEqual(10);
    // The burst of 10, plus what refilled at 1/s while the requests were in flight.
    expect(accepted).toBeLessThanOrEqual(10 + Math.ceil(elapsedS));
    expect(refused.every((r) => r.error?.code === 'rate_limited' && (r.error.retryAfterMs ?? 0) > 0)).toBe(
      true,
    );
  });

  it('holds slowmode across both nodes', async () => {
    const channel = `chan:c2:slow`;
    const [onA, onB] = [await connect(a, 'slowpoke'), await connect(b, 'slowpoke')];
    expect(
      (await onA.request({ type: 'publish', channel, data: { n: 1 }, nonce: randomUUID() })).result,
    ).toBeDefined();
    const second = await onB.request({ type: 'publish', channel, data: { n: 2 }, nonce: randomUUID() });
    expect(second.error).toMatchObject({ code: 'slowmode' });
    expect(second.error?.retryAfterMs).toBeGreaterThan(0);
    expect(second.error?.retryAfterMs).toBeLessThanOrEqual(5_000);
  });
});
