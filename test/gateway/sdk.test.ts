// The client SDK against real hub nodes: a node dies under a subscriber and a sender; the SDK
// fails over, recovers what was missed and re-sends what was queued or in flight, and every
// message ends up delivered once, in order.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { HubClient, type Publication } from '../../realtime/client/index.js';
import { spawnHub, type HubProcess } from '../support/hub-processes.js';
import { tokenFor } from '../support/tokens.js';
import { eventually } from '../support/wait.js';

describe('client SDK across a node failure', () => {
  const env = {
    HUB_REDIS_KEY_PREFIX: `sdk${randomUUID().slice(0, 6)}`,
    HUB_GATEWAY_PUBLISH_BURST: '1000',
    HUB_GATEWAY_PUBLISH_RATE_PER_S: '1000',
    HUB_GATEWAY_FRAME_BURST: '1000',
    HUB_GATEWAY_FRAME_RATE_PER_S: '1000',
  };
  const nodes: HubProcess[] = [];
  const clients: HubClient[] = [];
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await Promise.all(nodes.map((n) => n.kill('SIGKILL')));
  });

  it('delivers every message once and in order when the node under both clients dies', async () => {
    const [a, b] = [await spawnHub(env), await spawnHub(env)];
    nodes.push(a, b);
    let alive = [a, b];
    // A load balancer stand-in: the first live node.
    const url = () => (alive[0] as HubProcess).wsUrl;
    const client = (user: string) => {
      const c = new HubClient({
        url,
        getToken: () => tokenFor(user),
        WebSocket,
        backoff: { minMs: 50, maxMs: 200 },
      });
      clients.push(c);
      c.connect();
      return c;
    };
    const channel = `chan:c1:sdk-${randomUUID().slice(0, 6)}`;
    const reader = client('reader');
    const got: Publication[] = [];
    const sub = reader.subscribe(channel);
    sub.on('publication', (p) => got.push(p));
    await eventually(() => sub.state === 'subscribed');

    const writer = client('writer');
    const TOTAL = 60;
    const acks: Promise<unknown>[] = [];
    for (let i = 1; i <= TOTAL; i++) {
      acks.push(writer.publish(channel, { i }));
      if (i === 20) {
        // Both clients are on node A; it dies with sends in flight and more to come.
        alive = [b];
        await a.kill('SIGKILL');
      }
      if (i % 10 === 0) await new Promise((r) => setTimeout(r, 20));
    }
    await Promise.all(acks);
    await eventually(() => got.length >= TOTAL, 15_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(got.map((p) => (p.data as { i: number }).i)).toEqual(
      Array.from({ length: TOTAL }, (_, i) => i + 1),
    );
    expect(got.map((p) => p.offset)).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
    expect(writer.pendingSends).toBe(0);
  });
});
